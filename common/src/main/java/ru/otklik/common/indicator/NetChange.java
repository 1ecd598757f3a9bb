package ru.otklik.common.indicator;

/**
 * How a net score (NPS, CES: % good minus % bad, in points) moved between two periods, and whether the move is more
 * than chance. A net score is the mean of a per-respondent score of +1 (good), 0 or −1 (bad), so its variance per
 * respondent is {@code p_good + p_bad − (p_good − p_bad)²}; the difference of two periods is tested by the z statistic
 * with each period's own variance (unpooled: the two periods' mixes of good and bad may differ), two-sided at 5 %.
 * As {@link ShareChange}: significant only when both periods reach the minimum sample.
 *
 * @param change      current score minus previous score, in points
 * @param z           the test statistic (0 when neither period varies)
 * @param significant |z| ≥ 1.96 and both samples at least the minimum
 */
public record NetChange(double change, double z, boolean significant) {

    /** Empty when either period has no answers. */
    public static java.util.Optional<NetChange> of(NetScore now, NetScore before, int minimumSample) {
        if (now.n() <= 0 || before.n() <= 0) {
            return java.util.Optional.empty();
        }
        double se = Math.sqrt(variance(now) / now.n() + variance(before) / before.n());
        double change = now.score() - before.score();
        double z = se == 0 ? 0 : change / 100 / se;
        boolean enough = now.n() >= minimumSample && before.n() >= minimumSample;
        return java.util.Optional.of(new NetChange(change, z, enough && Math.abs(z) >= WilsonInterval.Z95));
    }

    private static double variance(NetScore s) {
        double good = (double) s.good() / s.n();
        double bad = (double) s.bad() / s.n();
        return good + bad - (good - bad) * (good - bad);
    }
}
