package ru.otklik.dashboards.office;

import ru.otklik.common.indicator.ShareEstimate;

/** One bar of the breakdown: a channel, touchpoint or employee of the office, its share, interval and n. */
public record BreakdownFigure(String code, String label, long n, long positive, Double share, Double low, Double high,
                              boolean sufficient) {

    static BreakdownFigure of(String code, String label, ShareEstimate s) {
        return new BreakdownFigure(code, label, s.n(), s.positive(), BucketFigure.orNull(s.share()),
                BucketFigure.orNull(s.low()), BucketFigure.orNull(s.high()), s.sufficient());
    }
}
