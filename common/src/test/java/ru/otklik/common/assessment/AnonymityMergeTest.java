package ru.otklik.common.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.otklik.common.assessment.Classification360.ItemClass;

class AnonymityMergeTest {

    private static final Map<String, RaterRole> ROLES = RaterRole.builtIn().stream()
            .collect(Collectors.toMap(RaterRole::code, Function.identity()));

    /** A group whose raters gave these points to an indicator of a 0..5 scale. */
    static GroupFigures group(String role, int... points) {
        long above = java.util.Arrays.stream(points).filter(p -> Classification360.aboveStrength(p, 1, 5)).count();
        long below = java.util.Arrays.stream(points).filter(p -> Classification360.belowNeed(p, 1, 5)).count();
        Long[] dist = new Long[6];
        java.util.Arrays.fill(dist, 0L);
        for (int p : points) {
            dist[p]++;
        }
        return new GroupFigures(role, points.length, java.util.Arrays.stream(points).sum(), above, below, List.of(dist));
    }

    @Test
    void groupsAtTheirThresholdAreShownAndOthersIsEveryoneButSelf() {
        AnonymityMerge.Visible v = AnonymityMerge.apply(List.of(group("self", 4), group("manager", 5),
                group("peer", 3, 4, 5), group("subordinate", 2, 3, 4, 5)), ROLES);
        assertEquals(List.of("self", "manager", "peer", "subordinate"), v.shown().stream().map(GroupFigures::group).toList());
        assertEquals(8, v.others().raters());
        assertEquals((5 + 12 + 14) / 8.0, v.others().average(), 1e-12);
        assertEquals(9, v.counted().raters());
        assertEquals(0, v.withheld());
    }

    @Test
    void smallGroupsThatReachAThresholdTogetherAreMergedIntoOthersNotShown() {
        AnonymityMerge.Visible v = AnonymityMerge.apply(List.of(group("self", 4), group("manager", 5),
                group("peer", 3, 4), group("subordinate", 2)), ROLES);
        assertEquals(List.of("self", "manager"), v.shown().stream().map(GroupFigures::group).toList());
        assertEquals(List.of("peer", "subordinate"), v.merged());
        assertEquals(4, v.others().raters(), "manager + 2 peers + 1 subordinate");
        assertEquals(0, v.withheld());
    }

    @Test
    void aSmallRemainderIsWithheldEvenFromOthersSoSubtractionRevealsNothing() {
        AnonymityMerge.Visible v = AnonymityMerge.apply(List.of(group("self", 4), group("manager", 5),
                group("peer", 1, 2)), ROLES);
        assertEquals(2, v.withheld());
        assertEquals(1, v.others().raters(), "others = the manager only");
        assertEquals(5.0, v.others().average(), 1e-12);
        // "others" minus "manager" is zero raters: the two peers cannot be recovered
        long othersMinusShown = v.others().raters() - v.shown().stream()
                .filter(g -> !g.group().equals("self")).mapToLong(GroupFigures::raters).sum();
        assertEquals(0, othersMinusShown);
        AnonymityMerge.Visible noOne = AnonymityMerge.apply(List.of(group("peer", 5)), ROLES);
        assertNull(noOne.others());
        assertNull(noOne.counted());
    }

    @Test
    void aCustomRoleUsesItsOwnThreshold() {
        Map<String, RaterRole> roles = new java.util.HashMap<>(ROLES);
        roles.put("skip", new RaterRole("skip", new ru.otklik.common.survey.LocalizedText("Руководитель руководителя", null), 1, 1));
        AnonymityMerge.Visible v = AnonymityMerge.apply(List.of(group("skip", 4), group("client", 5, 5)), roles);
        assertEquals(List.of("skip"), v.shown().stream().map(GroupFigures::group).toList());
        assertEquals(2, v.withheld(), "an unknown role gets the default threshold of 3");
    }

    @Test
    void theFourClassesFollowTheSourceExamples() {
        // all above 4.5 (each rater's own answer): an obvious strength; self 5 vs others 5: no gap
        assertEquals(EnumSet.of(ItemClass.OBVIOUS_STRENGTH), classify(group("self", 5), group("manager", 5),
                group("peer", 5, 5, 5)));
        // one rater at 4: not everyone above 4.5, and not everyone below 4
        assertEquals(EnumSet.noneOf(ItemClass.class), classify(group("self", 5), group("manager", 4),
                group("peer", 5, 5, 5)));
        // everyone below 4: an obvious need; self 3 vs others 2.5: a blind spot at exactly 0.5
        assertEquals(EnumSet.of(ItemClass.OBVIOUS_NEED, ItemClass.BLIND_SPOT), classify(group("self", 3),
                group("manager", 2), group("peer", 3, 2, 3)));
        // self 3 vs others 4.25 (source: self 3.7, others 4.3): a hidden opportunity
        assertEquals(EnumSet.of(ItemClass.HIDDEN_OPPORTUNITY), classify(group("self", 3), group("manager", 4),
                group("peer", 4, 4, 5)));
        // without self there is no self-vs-others class
        assertEquals(EnumSet.of(ItemClass.OBVIOUS_NEED), classify(group("manager", 1), group("peer", 1, 2, 3)));
    }

    @Test
    void theGapIsScaledOnATenPointScale() {
        // 0..10: the gap is 1.0; self 7 vs others 8 is a hidden opportunity, self 7 vs others 7.5 is not
        GroupFigures self = new GroupFigures("self", 1, 7, 0, 1, List.of());
        assertTrue(Classification360.classify(AnonymityMerge.apply(List.of(self,
                new GroupFigures("manager", 1, 8, 0, 0, List.of())), ROLES), 10).contains(ItemClass.HIDDEN_OPPORTUNITY));
        assertEquals(EnumSet.noneOf(ItemClass.class), Classification360.classify(AnonymityMerge.apply(List.of(self,
                new GroupFigures("manager", 2, 15, 0, 0, List.of())), ROLES), 10));
    }

    private static EnumSet<ItemClass> classify(GroupFigures... groups) {
        return Classification360.classify(AnonymityMerge.apply(List.of(groups), ROLES), 5);
    }
}
