package ru.otklik.common.alert;

/**
 * How the statistical drop test of one scope (an office's kiosk satisfaction, its questionnaire
 * positive share) is set up. Defaults and why:
 *
 * @param shift                   the rise of the bad share the test is tuned to find fastest: 0.15
 *                                (15 points of satisfaction; a 20-point fall is then found sooner
 *                                still, a 5-point wobble rarely); the CUSUM is optimal for this shift
 * @param baselineDays            the trailing baseline: 28 days (four whole weeks, so every weekday
 *                                counts equally), not counting today
 * @param minimumBaseline         observations the baseline needs before the test runs at all: 200
 *                                (a bad share known to about ±6 points at 95 %)
 * @param minimumBaselineDays     days with observations the baseline needs as well: 7 (a whole week,
 *                                so every weekday is in it and the day-to-day variation can be measured)
 * @param falseAlarmsPerQuarter   the in-control false-alarm rate the limit is designed for: 0.5 per
 *                                quarter (91 days) of the scope's own traffic, half the product's
 *                                promise of at most one, as a margin for traffic that is burstier
 *                                than independent observations
 * @param escalateAt              an open incident escalates when the statistic reaches this multiple
 *                                of the limit: 2 (the evidence has doubled; the fall goes on)
 */
public record DropTestSettings(double shift, int baselineDays, int minimumBaseline, int minimumBaselineDays,
                               double falseAlarmsPerQuarter, double escalateAt) implements java.io.Serializable {

    public static final DropTestSettings DEFAULTS = new DropTestSettings(0.15, 28, 200, 7, 0.5, 2.0);
    public static final int QUARTER_DAYS = 91;

    public DropTestSettings {
        if (!(shift > 0 && shift < 1)) {
            throw new IllegalArgumentException("drop test: shift must be in (0, 1), got " + shift);
        }
        if (baselineDays < 1 || minimumBaseline < 1 || minimumBaselineDays < 1 || minimumBaselineDays > baselineDays) {
            throw new IllegalArgumentException("drop test: baselineDays, minimumBaseline and minimumBaselineDays must be"
                    + " positive, the last at most baselineDays; got " + baselineDays + ", " + minimumBaseline + ", "
                    + minimumBaselineDays);
        }
        if (!(falseAlarmsPerQuarter > 0)) {
            throw new IllegalArgumentException("drop test: falseAlarmsPerQuarter must be positive, got "
                    + falseAlarmsPerQuarter);
        }
        if (!(escalateAt > 1)) {
            throw new IllegalArgumentException("drop test: escalateAt must be above 1, got " + escalateAt);
        }
    }

    /**
     * The test for a baseline of {@code observations} over {@code days} days with {@code bad} of them
     * bad, or null while the baseline is too thin or too extreme to test against (a bad share so
     * high that the shifted one would reach 1).
     */
    public BernoulliCusum.Design designFor(long observations, long bad, int days) {
        if (observations < minimumBaseline || days < 1) {
            return null;
        }
        // never a baseline of exactly 0: one bad observation in the sample at the least
        double p0 = Math.max(bad, 1) / (double) observations;
        double p1 = p0 + shift;
        if (p1 >= 0.99) {
            return null;
        }
        double perQuarter = observations / (double) days * QUARTER_DAYS;
        return BernoulliCusum.design(p0, p1, Math.max(1, perQuarter / falseAlarmsPerQuarter));
    }
}
