package ru.otklik.dashboards.figures;

import ru.otklik.common.indicator.ShareEstimate;

/**
 * A {@link ShareEstimate} as the API shows it: share and 95% Wilson bounds as fractions 0..1, null
 * when nobody answered (JSON has no NaN), and {@code sufficient} false below the minimum sample.
 */
public record Share(long positive, long n, Double share, Double low, Double high, boolean sufficient) {

    public static Share of(ShareEstimate estimate) {
        return new Share(estimate.positive(), estimate.n(), orNull(estimate.share()), orNull(estimate.low()),
                orNull(estimate.high()), estimate.sufficient());
    }

    static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
