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

    /** The four classes of domain §5; an item can be in one "obvious" class and one "self vs others" class. */
    public enum ItemClass {
        OBVIOUS_STRENGTH("obvious_strength"),
        OBVIOUS_NEED("obvious_need"),
        HIDDEN_OPPORTUNITY("hidden_opportunity"),
        BLIND_SPOT("blind_spot");

        private final String code;

        ItemClass(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * The classes of one item from what the report may show of it ({@link AnonymityMerge}): "all respondents" are
     * the counted raters, self included, each judged by their own average for the item; the self-vs-others gap
     * compares self with the average of everyone counted but self.
     */
    public static java.util.EnumSet<ItemClass> classify(AnonymityMerge.Visible item, int scaleMax) {
        java.util.EnumSet<ItemClass> classes = java.util.EnumSet.noneOf(ItemClass.class);
        GroupFigures all = item.counted();
        if (all == null || all.raters() == 0) {
            return classes;
        }
        if (all.above() == all.raters()) {
            classes.add(ItemClass.OBVIOUS_STRENGTH);
        }
        if (all.below() == all.raters()) {
            classes.add(ItemClass.OBVIOUS_NEED);
        }
        GroupFigures self = item.shown().stream().filter(g -> RaterRole.SELF.equals(g.group())).findFirst().orElse(null);
        if (self != null && item.others() != null && item.others().raters() > 0) {
            double diff = self.average() - item.others().average();
            double gap = gap(scaleMax) - 1e-9; // "at least 0.5": 3.7 against 4.2 is in, whatever the binary rounding
            if (diff <= -gap) {
                classes.add(ItemClass.HIDDEN_OPPORTUNITY);
            } else if (diff >= gap) {
                classes.add(ItemClass.BLIND_SPOT);
            }
        }
        return classes;
    }
}
