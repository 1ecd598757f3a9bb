package ru.otklik.common.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The anonymity rule of every 360 report, export and API answer (domain §5, product choice): a role group other
 * than self and manager with fewer answers to an item than its role's threshold is not shown on its own. Such
 * groups are merged into "others" when their answers together reach the smallest of their thresholds; otherwise
 * they are left out of the item altogether — also of "others" and of the classification — because "others" minus
 * the groups shown beside it would give their figures back by subtraction. What is left out is only counted.
 */
public final class AnonymityMerge {

    /**
     * What a report may show of one item.
     *
     * @param shown   self, manager and the groups at or above their threshold, in the given order
     * @param others  every counted answer but self's ({@link RaterRole#OTHERS}); null when there is none
     * @param counted every counted answer, self's included (what "all respondents" of the classification means)
     * @param withheld answers left out to protect a group below its threshold
     * @param merged  the groups merged into "others" rather than shown
     */
    public record Visible(List<GroupFigures> shown, GroupFigures others, GroupFigures counted, long withheld,
                          List<String> merged) {
    }

    private AnonymityMerge() {
    }

    /** @param roles the session's rater roles by code; a group of an unknown role gets the default threshold */
    public static Visible apply(List<GroupFigures> groups, Map<String, RaterRole> roles) {
        List<GroupFigures> shown = new ArrayList<>();
        List<GroupFigures> small = new ArrayList<>();
        int smallestThreshold = Integer.MAX_VALUE;
        for (GroupFigures g : groups) {
            if (g.raters() == 0) {
                continue;
            }
            RaterRole role = roles.get(g.group());
            boolean known = RaterRole.SELF.equals(g.group()) || RaterRole.MANAGER.equals(g.group());
            int threshold = known ? 1 : role == null ? RaterRole.DEFAULT_THRESHOLD : role.anonymityThreshold();
            if (g.raters() >= threshold) {
                shown.add(g);
            } else {
                small.add(g);
                smallestThreshold = Math.min(smallestThreshold, threshold);
            }
        }
        long smallRaters = small.stream().mapToLong(GroupFigures::raters).sum();
        boolean mergeable = !small.isEmpty() && smallRaters >= smallestThreshold;
        List<GroupFigures> counted = new ArrayList<>(shown);
        if (mergeable) {
            counted.addAll(small);
        }
        List<GroupFigures> notSelf = counted.stream().filter(g -> !RaterRole.SELF.equals(g.group())).toList();
        return new Visible(List.copyOf(shown),
                notSelf.isEmpty() ? null : GroupFigures.merged(RaterRole.OTHERS, notSelf),
                counted.isEmpty() ? null : GroupFigures.merged("all", counted),
                mergeable ? 0 : smallRaters,
                mergeable ? small.stream().map(GroupFigures::group).toList() : List.of());
    }
}
