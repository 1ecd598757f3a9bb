package ru.otklik.common.indicator;

/**
 * How a share moved between two periods (issue 14 §3), and whether the move is more than chance: the two-proportion
 * z-test with the pooled share, two-sided at 5 % ({@link WilsonInterval#Z95}). Only when both periods reach the
 * minimum sample is a change said to be significant; below it the change is still given, unmarked, so a page can
 * show the numbers without claiming anything.
 *
 * @param change    current share minus previous share (a fraction: 0.08 = +8 points)
 * @param z         the test statistic (0 when the pooled share is 0 or 1: nothing varies)
 * @param significant |z| ≥ 1.96 and both samples at least the minimum
 */
public record ShareChange(double change, double z, boolean significant) {

    /** Empty when either period has no answers. */
    public static java.util.Optional<ShareChange> of(long positive, long n, long previousPositive, long previousN,
                                                     int minimumSample) {
        if (n <= 0 || previousN <= 0) {
            return java.util.Optional.empty();
        }
        if (positive < 0 || positive > n || previousPositive < 0 || previousPositive > previousN) {
            throw new IllegalArgumentException("need 0 <= positive <= n in both periods");
        }
        double p1 = (double) positive / n;
        double p0 = (double) previousPositive / previousN;
        double pooled = (double) (positive + previousPositive) / (n + previousN);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / previousN));
        double z = se == 0 ? 0 : (p1 - p0) / se;
        boolean enough = n >= minimumSample && previousN >= minimumSample;
        return java.util.Optional.of(new ShareChange(p1 - p0, z, enough && Math.abs(z) >= WilsonInterval.Z95));
    }
}
