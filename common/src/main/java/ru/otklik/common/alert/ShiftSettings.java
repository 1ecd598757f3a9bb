package ru.otklik.common.alert;

/**
 * The distribution-shift flag (domain §8: "an office's share of 10s (or of positives) jumps far above its own
 * baseline and its region's"). Evaluated once a day, at the end of each UTC day of event time.
 *
 * @param windowDays      the recent days whose shares are tested (7: a week smooths the weekday shape)
 * @param baselineDays    the office's own baseline (28: four weeks), ending {@code baselineGapDays} before the window
 * @param baselineGapDays the days between the baseline and the window, in neither (7: fakes that began a week
 *                        before they are caught would otherwise have raised the office's own baseline by then, and
 *                        a campaign of weeks would hide itself — measured: recall on three-week campaigns 0.86
 *                        with the baseline right before the window)
 * @param minimumWindow   forms in the window before an office is tested, and in the rest of its region's window to
 *                        compare against (30: the methodology's minimum sample; most pilot regions have two offices,
 *                        so the rest of the region is often one office's week)
 * @param minimumBaseline forms in the office's own baseline (60: four weeks are there to be a steady reference)
 * @param z               the one-sided two-proportion z both comparisons must reach (3.0: about 1 in 740 per test
 *                        and day when nothing changed; with both required and two shares tested, an office of the
 *                        pilot's traffic sees well under one false flag a quarter)
 * @param minimumLift     the share must also be this much above both references (0.15 = 15 points): a big office
 *                        reaches any z with a small, harmless change, and a flag must be worth a reviewer's time
 */
public record ShiftSettings(int windowDays, int baselineDays, int baselineGapDays, int minimumWindow,
                            int minimumBaseline, double z, double minimumLift) implements java.io.Serializable {

    public static final ShiftSettings DEFAULTS = new ShiftSettings(7, 28, 7, 30, 60, 3.0, 0.15);

    public ShiftSettings {
        if (windowDays < 1 || baselineDays < 1 || baselineGapDays < 0 || windowDays + baselineGapDays + baselineDays > 400) {
            throw new IllegalArgumentException("window and baseline must be at least a day each, the gap at least none,"
                    + " and 400 days together");
        }
        if (minimumWindow < 1 || minimumBaseline < 1) {
            throw new IllegalArgumentException("the minimum samples must be at least 1");
        }
        if (!(z > 0) || !(minimumLift >= 0 && minimumLift < 1)) {
            throw new IllegalArgumentException("z must be above 0 and the minimum lift from 0 to below 1");
        }
    }

    /** Days of history an office keeps: the window, the gap and the baseline before them. */
    public int daysKept() {
        return windowDays + baselineGapDays + baselineDays;
    }
}
