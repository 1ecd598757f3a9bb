package ru.otklik.common.indicator;

/**
 * A share with its sample: {@code positive} of {@code n}, the point value and a 95% Wilson
 * interval. Below the minimum sample it is still reported, flagged {@code sufficient = false}, so a
 * dashboard shows "insufficient data" instead of hiding or faking it. With {@code n = 0} the share is NaN.
 */
public record ShareEstimate(long positive, long n, double share, double low, double high, boolean sufficient) {

    public static ShareEstimate of(long positive, long n, int minimumSample) {
        if (n < 0 || positive < 0 || positive > n) {
            throw new IllegalArgumentException("need 0 <= positive <= n, got " + positive + " of " + n);
        }
        if (n == 0) {
            return new ShareEstimate(0, 0, Double.NaN, Double.NaN, Double.NaN, false);
        }
        double[] ci = WilsonInterval.of(positive, n);
        return new ShareEstimate(positive, n, (double) positive / n, ci[0], ci[1], n >= minimumSample);
    }
}
