package ru.otklik.common.indicator;

/**
 * A "% good minus % bad" figure in points (−100…+100), as NPS and CES are reported, with its
 * sample. NaN when nobody answered; {@code sufficient} follows the minimum-sample rule.
 */
public record NetScore(long good, long neutral, long bad, long n, double score, boolean sufficient) {

    static NetScore of(long good, long bad, long n, int minimumSample) {
        double score = n == 0 ? Double.NaN : 100.0 * (good - bad) / n;
        return new NetScore(good, n - good - bad, bad, n, score, n > 0 && n >= minimumSample);
    }
}
