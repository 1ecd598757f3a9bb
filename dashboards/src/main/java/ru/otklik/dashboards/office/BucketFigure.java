package ru.otklik.dashboards.office;

import ru.otklik.common.indicator.ShareEstimate;

/** One point of the history line: bucket start (UTC), share with its 95% interval, n; null share when n = 0. */
public record BucketFigure(String start, long n, long positive, Double share, Double low, Double high,
                           boolean sufficient) {

    static BucketFigure of(String start, ShareEstimate s) {
        return new BucketFigure(start, s.n(), s.positive(), orNull(s.share()), orNull(s.low()), orNull(s.high()),
                s.sufficient());
    }

    static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
