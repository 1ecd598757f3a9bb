package ru.otklik.common.assessment;

/**
 * The thresholds of domain §5, stated on a 5-point scale and scaled by {@code max / 5}: 4.5 is 90 % of the
 * maximum, 4 is 80 %, 0.5 is 10 %. Compared in integers where the inputs are integers, so an average of exactly
 * 4.5 on a 0..5 scale is not "above 4.5" and no rounding decides a class.
 */
public final class Classification360 {

    private Classification360() {
    }

    /** Whether a rater's own average for an item ({@code pointsSum / answers}) is above 4.5 (scaled). */
    public static boolean aboveStrength(long pointsSum, long answers, int scaleMax) {
        return answers > 0 && 10 * pointsSum > 9L * scaleMax * answers;
    }

    /** Whether a rater's own average for an item is below 4 (scaled). */
    public static boolean belowNeed(long pointsSum, long answers, int scaleMax) {
        return answers > 0 && 10 * pointsSum < 8L * scaleMax * answers;
    }

    /** The self-vs-others gap that makes a hidden opportunity or a blind spot: 0.5 scaled. */
    public static double gap(int scaleMax) {
        return 0.1 * scaleMax;
    }
}
