package ru.otklik.common.methodology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.checklist.ObjectiveScore;
import ru.otklik.common.checklist.ObjectiveScore.Status;
import ru.otklik.common.methodology.CompositeIndex.Inputs;
import ru.otklik.common.methodology.CompositeIndex.ObjectiveFigure;
import ru.otklik.common.methodology.CompositeIndex.RegionPart;
import ru.otklik.common.methodology.CompositeIndex.Result;
import ru.otklik.common.methodology.CompositeIndex.SubjectiveCounts;
import ru.otklik.common.survey.LocalizedText;

/** The composite index of domain §7 on small variants whose result is computed by hand in each test. */
class CompositeIndexTest {

    private static final double EPS = 1e-9;
    private static final LocalizedText T = new LocalizedText("т", "t");

    /** Two groups: a (weight 2): Q1 + openness; b (weight 1): Q2 + comfort. */
    private static MethodologyVariant variant(boolean suspendComfort) {
        return new MethodologyVariant(List.of(new IndexGroup("a", 2, T), new IndexGroup("b", 1, T)), List.of(
                IndexIndicator.subjective("Q1", "a", false, T),
                IndexIndicator.objective("management_openness", "a", false, T),
                IndexIndicator.subjective("Q2", "b", false, T),
                IndexIndicator.objective("comfort", "b", suspendComfort, T)));
    }

    @Test
    void groupsAverageTheirIndicatorsAndTheIndexWeighsTheGroups() {
        Inputs in = new Inputs(Map.of("Q1", new SubjectiveCounts(24, 40), "Q2", new SubjectiveCounts(15, 30)),
                Map.of("management_openness", office(Status.SCORED, 0.6, 1), "comfort", office(Status.SCORED, 1.5, 2)));
        Result r = CompositeIndex.compute(variant(false), 30, in);
        // a = (24/40 + 0.6/1) / 2 = (0.6 + 0.6) / 2 = 0.6; b = (15/30 + 1.5/2) / 2 = (0.5 + 0.75) / 2 = 0.625
        assertEquals(0.6, r.groups().get(0).value(), EPS);
        assertEquals(0.625, r.groups().get(1).value(), EPS);
        // index = (2 x 0.6 + 1 x 0.625) / 3 = 1.825 / 3
        assertEquals(1.825 / 3, r.index(), EPS);
        assertEquals("ok", r.indicators().get(0).status());
        assertEquals(40, r.indicators().get(0).n());
        assertEquals(24, r.indicators().get(0).positive());
    }

    @Test
    void belowTheMinimumSampleASubjectiveIndicatorIsInsufficientAndLeftOut() {
        Inputs in = new Inputs(Map.of("Q1", new SubjectiveCounts(20, 29), "Q2", new SubjectiveCounts(30, 30)),
                Map.of("management_openness", office(Status.SCORED, 0.4, 1), "comfort", office(Status.SCORED, 2, 2)));
        Result r = CompositeIndex.compute(variant(false), 30, in);
        assertEquals("insufficient_data", r.indicators().get(0).status());
        assertNull(r.indicators().get(0).value());
        assertEquals(29, r.indicators().get(0).n());
        // a = 0.4 (openness alone); b = (1 + 1) / 2 = 1; index = (2 x 0.4 + 1) / 3 = 0.6
        assertEquals(0.4, r.groups().get(0).value(), EPS);
        assertEquals(1, r.groups().get(0).counted());
        assertEquals(0.6, r.index(), EPS);
    }

    @Test
    void awaitingReviewAndNotSubmittedAreLeftOutWhileAnAuditZeroCounts() {
        Inputs in = new Inputs(Map.of("Q1", new SubjectiveCounts(30, 30), "Q2", new SubjectiveCounts(30, 30)),
                Map.of("management_openness", office(Status.AWAITING_REVIEW, 0.8, 1),
                        "comfort", office(Status.ZEROED_BY_AUDIT, 0, 2)));
        Result r = CompositeIndex.compute(variant(false), 30, in);
        assertEquals("awaiting_review", r.indicators().get(1).status());
        assertNull(r.indicators().get(1).value());
        assertEquals("zeroed_by_audit", r.indicators().get(3).status());
        assertEquals(0.0, r.indicators().get(3).value(), EPS);
        // a = 1 (Q1 alone); b = (1 + 0) / 2 = 0.5; index = (2 + 0.5) / 3
        assertEquals(2.5 / 3, r.index(), EPS);
    }

    @Test
    void aSuspendedIndicatorIsListedButNotCounted() {
        Inputs in = new Inputs(Map.of("Q1", new SubjectiveCounts(30, 30), "Q2", new SubjectiveCounts(15, 30)),
                Map.of("management_openness", office(Status.SCORED, 1, 1), "comfort", office(Status.SCORED, 0, 2)));
        Result r = CompositeIndex.compute(variant(true), 30, in);
        assertEquals("suspended", r.indicators().get(3).status());
        assertNull(r.indicators().get(3).value());
        // b = 0.5 (Q2 alone, comfort suspended); index = (2 x 1 + 0.5) / 3
        assertEquals(0.5, r.groups().get(1).value(), EPS);
        assertEquals(2.5 / 3, r.index(), EPS);
    }

    @Test
    void aGroupWithoutValueIsDroppedFromTheWeightsAndNothingAtAllGivesNoIndex() {
        Inputs onlyB = new Inputs(Map.of("Q2", new SubjectiveCounts(21, 30)), Map.of());
        Result r = CompositeIndex.compute(variant(false), 30, onlyB);
        assertNull(r.groups().get(0).value());
        assertEquals(0.7, r.index(), EPS); // b alone: weights renormalised over the groups that have a value
        Result none = CompositeIndex.compute(variant(false), 30, new Inputs(Map.of(), Map.of()));
        assertNull(none.index());
        assertEquals("not_submitted", none.indicators().get(1).status());
    }

    @Test
    void aRegionAveragesTheReportingOfficesObjectivePoints() {
        ObjectiveFigure f = ObjectiveFigure.meanOf(List.of(
                new ObjectiveScore("comfort", Status.SCORED, 2, 2, 1, 0),
                new ObjectiveScore("comfort", Status.SCORED, 0.75, 2, 1, 0),
                new ObjectiveScore("comfort", Status.NOT_SUBMITTED, 0, 2, 0, 0)), 2);
        assertEquals(1.375, f.points(), EPS);
        assertEquals(2, f.reporters());
        assertEquals("ok", f.status());
        ObjectiveFigure waiting = ObjectiveFigure.meanOf(List.of(new ObjectiveScore("comfort", Status.AWAITING_REVIEW, 2, 2, 0, 1),
                new ObjectiveScore("comfort", Status.NOT_SUBMITTED, 0, 2, 0, 0)), 2);
        assertEquals("awaiting_review", waiting.status());
        assertEquals(0, waiting.reporters());
    }

    @Test
    void theFederalLevelAveragesRegionsAndPoolsIndicators() {
        MethodologyVariant v = variant(false);
        Inputs r1 = new Inputs(Map.of("Q1", new SubjectiveCounts(30, 40), "Q2", new SubjectiveCounts(10, 20)),
                Map.of("management_openness", new ObjectiveFigure("ok", 0.6, 1, 2), "comfort", new ObjectiveFigure("ok", 2, 2, 1)));
        Inputs r2 = new Inputs(Map.of("Q1", new SubjectiveCounts(5, 20), "Q2", new SubjectiveCounts(20, 20)),
                Map.of("management_openness", new ObjectiveFigure("ok", 0.3, 1, 1)));
        Result a = CompositeIndex.compute(v, 30, r1);
        Result b = CompositeIndex.compute(v, 30, r2);
        Result f = CompositeIndex.federal(List.of(new RegionPart("R1", a, r1), new RegionPart("R2", b, r2)), 30);
        // region 1: a = (0.75 + 0.6)/2 = 0.675; b = comfort 1 (Q2 n 20 < 30) -> index (1.35 + 1)/3
        assertEquals(2.35 / 3, a.index(), EPS);
        // region 2: a = 0.3 (Q1 n 20 < 30); b none -> index 0.3
        assertEquals(0.3, b.index(), EPS);
        assertEquals((2.35 / 3 + 0.3) / 2, f.index(), EPS);
        assertEquals((0.675 + 0.3) / 2, f.groups().get(0).value(), EPS);
        assertEquals(1.0, f.groups().get(1).value(), EPS); // only region 1 has b
        // Q1 pooled: 35 of 60; Q2 pooled: 30 of 40
        assertEquals(35.0 / 60, f.indicators().get(0).value(), EPS);
        assertEquals(60, f.indicators().get(0).n());
        assertEquals(0.75, f.indicators().get(2).value(), EPS);
        // openness: (0.6 x 2 offices + 0.3 x 1 office) / 3 offices = 0.5
        assertEquals(0.5, f.indicators().get(1).value(), EPS);
        assertEquals(3, f.indicators().get(1).n());
    }

    private static ObjectiveFigure office(Status status, double points, double max) {
        return ObjectiveFigure.ofOffice(new ObjectiveScore("x", status, points, max, 1, status == Status.AWAITING_REVIEW ? 1 : 0));
    }
}
