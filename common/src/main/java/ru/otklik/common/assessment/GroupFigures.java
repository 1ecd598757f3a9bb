package ru.otklik.common.assessment;

import java.util.List;

/**
 * One role group's figures for one item (an indicator, or a competency as a whole) of one target, as the
 * streaming job keeps them ({@code otklik.assessment_items}): "cannot judge" is not among them.
 *
 * @param raters       raters who gave points
 * @param pointsSum    the sum of their points (for a competency: of each rater's own competency average)
 * @param above        raters whose own average for the item is above 4.5 (scaled)
 * @param below        raters whose own average for the item is below 4 (scaled)
 * @param distribution raters per points value (index = points); empty for a competency
 */
public record GroupFigures(String group, long raters, double pointsSum, long above, long below,
                           List<Long> distribution) {

    public GroupFigures {
        distribution = distribution == null ? List.of() : List.copyOf(distribution);
    }

    public double average() {
        return raters == 0 ? Double.NaN : pointsSum / raters;
    }

    /** The figures of several groups as one (for "others" and for "everyone"). */
    public static GroupFigures merged(String group, List<GroupFigures> parts) {
        long raters = 0;
        double sum = 0;
        long above = 0;
        long below = 0;
        long[] dist = new long[parts.stream().mapToInt(p -> p.distribution().size()).max().orElse(0)];
        for (GroupFigures p : parts) {
            raters += p.raters();
            sum += p.pointsSum();
            above += p.above();
            below += p.below();
            for (int i = 0; i < p.distribution().size(); i++) {
                dist[i] += p.distribution().get(i);
            }
        }
        return new GroupFigures(group, raters, sum, above, below, java.util.Arrays.stream(dist).boxed().toList());
    }
}
