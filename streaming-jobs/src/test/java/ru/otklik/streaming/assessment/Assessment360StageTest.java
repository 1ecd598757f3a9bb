package ru.otklik.streaming.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.streaming.assessment.Assessments.answer;
import static ru.otklik.streaming.assessment.Assessments.assignments;
import static ru.otklik.streaming.assessment.Assessments.submission;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;

/** The 360 stage on Flink's operator harness: what it counts, what it never counts, and what it forgets. */
class Assessment360StageTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, AssessmentRecord, EncodedRow> harness()
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Assessment360Stage()),
                AssessmentRecord::sessionId, Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, AssessmentRecord, EncodedRow> h,
                             Object... events) throws Exception {
        for (Object e : events) {
            h.processElement(new StreamRecord<>(e instanceof RaterSubmission s ? AssessmentRecord.of(s)
                    : AssessmentRecord.of((SessionAssignments) e), 0));
        }
    }

    private static EmittedRows rows(KeyedOneInputStreamOperatorTestHarness<String, AssessmentRecord, EncodedRow> h) {
        EmittedRows rows = new EmittedRows();
        rows.addAll(h.extractOutputValues());
        return rows;
    }

    private static Map<String, Object> item(EmittedRows rows, String key) {
        return rows.latest(Tables.ASSESSMENT_ITEMS).get(key);
    }

    /** S1: target T1 with a self rater, a manager and three peers, on a 0..5 scale, model version 1. */
    private static final SessionAssignments S1_V1 = assignments("S1", 1, SessionAssignments.LAUNCHED, 1,
            "r-self", "T1", "self", "r-mgr", "T1", "manager", "p1", "T1", "peer", "p2", "T1", "peer", "p3", "T1", "peer");

    private static final RaterSubmission SELF = submission("S1", "T1", "r-self", "self", 1, 5, 0,
            answer("C1", "I1", 5, "Я стараюсь"), answer("C1", "I2", 4), answer("C2", "I3", null));
    private static final RaterSubmission P1 = submission("S1", "T1", "p1", "peer", 1, 5, 1,
            answer("C1", "I1", 5), answer("C1", "I2", 5), answer("C2", "I3", 2, "Редко делится планами"));
    private static final RaterSubmission P2 = submission("S1", "T1", "p2", "peer", 1, 5, 2,
            answer("C1", "I1", 4), answer("C1", "I2", null), answer("C2", "I3", 3));
    private static final RaterSubmission P3 = submission("S1", "T1", "p3", "peer", 1, 5, 3,
            answer("C1", "I1", 3), answer("C1", "I2", 4), answer("C2", "I3", 3));

    @Test
    void indicatorRowsCountPointsAndCannotJudgeApartAndCompetencyRowsSumEachRatersOwnAverage() throws Exception {
        try (var h = harness()) {
            send(h, S1_V1, SELF, P1, P2, P3);
            EmittedRows rows = rows(h);
            Map<String, Object> i1 = item(rows, "S1|T1|C1|I1|peer");
            assertEquals(3L, i1.get("raters"));
            assertEquals(0L, i1.get("cannot_judge"));
            assertEquals(12.0, i1.get("points_sum"));
            assertEquals(List.of(0L, 0L, 0L, 1L, 1L, 1L), i1.get("distribution"), "index = points, 0..5");
            assertEquals(1L, i1.get("raters_above_strength"), "p1's 5 only: 4 is not above 4.5");
            assertEquals(1L, i1.get("raters_below_need"), "p3's 3 only: 4 is not below 4");
            assertEquals(5L, i1.get("scale_max"));
            assertEquals(Assessments.AT.getEpochSecond() + 180, i1.get("updated_ts"));

            Map<String, Object> i2 = item(rows, "S1|T1|C1|I2|peer");
            assertEquals(2L, i2.get("raters"), "p2 cannot judge: not a rater of I2");
            assertEquals(1L, i2.get("cannot_judge"));
            assertEquals(9.0, i2.get("points_sum"));
            assertEquals(List.of(0L, 0L, 0L, 0L, 1L, 1L), i2.get("distribution"));

            Map<String, Object> c1 = item(rows, "S1|T1|C1||peer");
            assertEquals(3L, c1.get("raters"));
            assertEquals(5.0 + 4.0 + 3.5, (Double) c1.get("points_sum"), 1e-12,
                    "p1 5, p2 4 (its one counted indicator), p3 3.5: not 21 points / 5 answers");
            assertEquals(1L, c1.get("cannot_judge"));
            assertEquals(List.of(), c1.get("distribution"), "competency rows have no distribution");
            assertEquals(1L, c1.get("raters_above_strength"), "p1 (5)");
            assertEquals(1L, c1.get("raters_below_need"), "p3 (3.5); p2's 4 is not below 4");

            Map<String, Object> selfC2 = item(rows, "S1|T1|C2||self");
            assertEquals(0L, selfC2.get("raters"), "cannot judge only: no rater");
            assertEquals(1L, selfC2.get("cannot_judge"));
            assertEquals(0.0, selfC2.get("points_sum"));
            Map<String, Object> selfI3 = item(rows, "S1|T1|C2|I3|self");
            assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L), selfI3.get("distribution"));
            assertEquals(0L, selfI3.get("raters_below_need"), "cannot judge is in no class");
            assertEquals(10, rows.latest(Tables.ASSESSMENT_ITEMS).size(), "3 indicators and 2 competencies of self and"
                    + " of peer: " + rows.latest(Tables.ASSESSMENT_ITEMS).keySet());

            List<Map<String, Object>> comments = rows.all(Tables.ASSESSMENT_COMMENTS);
            assertEquals(2, comments.size(), comments.toString());
            Map<String, Object> selfComment = comments.get(0);
            assertEquals("Я стараюсь", selfComment.get("comment"));
            assertEquals(Assessment360Stage.commentId(SELF.submissionId(), "I1"), selfComment.get("comment_id"));
            assertEquals(Assessments.AT.getEpochSecond() / 86_400, selfComment.get("submitted_date"), "the day only");
            for (Map<String, Object> table : List.of(i1, c1, selfComment)) {
                assertFalse(table.toString().contains("p1") || table.toString().contains("r-self"),
                        "no rater key anywhere: " + table);
            }
            for (EncodedRow r : h.extractOutputValues()) {
                assertFalse(new String(r.bytes(), java.nio.charset.StandardCharsets.UTF_8).contains("extra text"),
                        "extra answers are never written");
            }
        }
    }

    @Test
    void aDuplicateSubmissionIsCountedOnceAndChangesNoRow() throws Exception {
        try (var h = harness()) {
            send(h, S1_V1, SELF, P1, P2);
            int before = h.extractOutputValues().size();
            Map<String, Map<String, Object>> latest = rows(h).latest(Tables.ASSESSMENT_ITEMS);
            send(h, P1, SELF, S1_V1); // a retry, a replay, the same assignments again
            assertEquals(before, h.extractOutputValues().size(), "nothing written again");
            assertEquals(latest, rows(h).latest(Tables.ASSESSMENT_ITEMS));
            assertEquals(2L, item(rows(h), "S1|T1|C1|I1|peer").get("raters"));
        }
    }

    @Test
    void aboveAndBelowFollowTheScaleOfTheModel() throws Exception {
        try (var h = harness()) {
            send(h, assignments("S10", 1, SessionAssignments.LAUNCHED, 3, "a", "T", "peer", "b", "T", "peer",
                    "c", "T", "peer", "d", "T", "peer"),
                    submission("S10", "T", "a", "peer", 3, 10, 0, answer("C", "I1", 9), answer("C", "I2", 10)),
                    submission("S10", "T", "b", "peer", 3, 10, 0, answer("C", "I1", 9), answer("C", "I2", 9)),
                    submission("S10", "T", "c", "peer", 3, 10, 0, answer("C", "I1", 8), answer("C", "I2", 7)),
                    submission("S10", "T", "d", "peer", 3, 10, 0, answer("C", "I1", 8), answer("C", "I2", 8)));
            EmittedRows rows = rows(h);
            Map<String, Object> c = item(rows, "S10|T|C||peer");
            assertEquals(1L, c.get("raters_above_strength"), "a's 9.5 is above 9 (4.5 of 5 scaled); b's 9.0 is not");
            assertEquals(1L, c.get("raters_below_need"), "c's 7.5 is below 8; d's 8.0 is not");
            assertEquals(9.5 + 9 + 7.5 + 8, (Double) c.get("points_sum"), 1e-12);
            Map<String, Object> i2 = item(rows, "S10|T|C|I2|peer");
            assertEquals(1L, i2.get("raters_above_strength"), "only a 10 is above 9");
            assertEquals(1L, i2.get("raters_below_need"), "the 7");
            assertEquals(11, ((List<?>) i2.get("distribution")).size(), "0..10");
            assertEquals(10L, item(rows, "S10|T|C|I1|peer").get("scale_max"));
        }
    }

    @Test
    void completionCountsAssignedRatersPerSessionTargetAndRole() throws Exception {
        try (var h = harness()) {
            send(h, S1_V1, SELF, P1, P2,
                    submission("S1", "T1", "stranger", "peer", 1, 5, 4, answer("C1", "I1", 1)));
            Map<String, Map<String, Object>> c = rows(h).latest(Tables.ASSESSMENT_COMPLETION);
            assertEquals(List.of(5L, 3L), figures(c.get("S1||")), "the session");
            assertEquals(List.of(5L, 3L), figures(c.get("S1|T1|")), "the stranger is not assigned to T1");
            assertEquals(List.of(3L, 2L), figures(c.get("S1|T1|peer")));
            assertEquals(List.of(1L, 1L), figures(c.get("S1|T1|self")));
            assertEquals(List.of(1L, 0L), figures(c.get("S1|T1|manager")));
            assertEquals("launched", c.get("S1||").get("status"));
            assertEquals(Assessments.AT.getEpochSecond() + 14 * 86_400, c.get("S1||").get("deadline_ts"));
            assertEquals(3L, item(rows(h), "S1|T1|C1|I1|peer").get("raters"), "p1, p2 and the stranger: its answers count");

            // the matrix changes: p3 leaves, a second target with its manager comes; then the session closes
            send(h, assignments("S1", 2, SessionAssignments.LAUNCHED, 1, "r-self", "T1", "self", "r-mgr", "T1",
                    "manager", "p1", "T1", "peer", "p2", "T1", "peer", "r-mgr", "T2", "manager"),
                    assignments("S1", 1, SessionAssignments.CLOSED, 1)); // older: ignored
            c = rows(h).latest(Tables.ASSESSMENT_COMPLETION);
            assertEquals(List.of(5L, 3L), figures(c.get("S1||")));
            assertEquals(List.of(2L, 2L), figures(c.get("S1|T1|peer")));
            assertEquals(List.of(1L, 0L), figures(c.get("S1|T2|")));
            assertEquals(List.of(1L, 0L), figures(c.get("S1|T2|manager")));
            send(h, assignments("S1", 3, SessionAssignments.CLOSED, 1, "r-self", "T1", "self"));
            c = rows(h).latest(Tables.ASSESSMENT_COMPLETION);
            assertEquals("closed", c.get("S1||").get("status"));
            assertEquals(List.of(1L, 1L), figures(c.get("S1||")));
            assertEquals(List.of(0L, 0L), figures(c.get("S1|T2|")), "a target out of the matrix: zeros");
            assertEquals(List.of(0L, 0L), figures(c.get("S1|T2|manager")));
            assertEquals(List.of(0L, 0L), figures(c.get("S1|T1|peer")), "a role out of the target's matrix: zeros");
        }
    }

    private static List<Long> figures(Map<String, Object> completion) {
        return List.of((Long) completion.get("expected"), (Long) completion.get("submitted"));
    }

    @Test
    void aModelChangeDiscardsTheFormerAnswersAndZeroesTheirRows() throws Exception {
        try (var h = harness()) {
            send(h, S1_V1, SELF, P1);
            assertEquals(3, h.numKeyedStateEntries(), "session, submissions, targets");
            send(h, assignments("S1", 2, SessionAssignments.LAUNCHED, 2, "r-self", "T1", "self", "p1", "T1", "peer"));
            EmittedRows rows = rows(h);
            for (Map.Entry<String, Map<String, Object>> e : rows.latest(Tables.ASSESSMENT_ITEMS).entrySet()) {
                assertEquals(0L, e.getValue().get("raters"), e.getKey());
                assertEquals(0L, e.getValue().get("cannot_judge"), e.getKey());
                assertEquals(0.0, e.getValue().get("points_sum"), e.getKey());
                assertEquals(0L, e.getValue().get("raters_above_strength"), e.getKey());
                assertEquals(2L << 32, e.getValue().get("version"), e.getKey());
            }
            assertEquals(10, rows.latest(Tables.ASSESSMENT_ITEMS).size(), "every row of the former answers");
            rows.latest(Tables.ASSESSMENT_COMMENTS).values().forEach(c -> assertEquals("", c.get("comment"), c.toString()));
            assertEquals(2, rows.latest(Tables.ASSESSMENT_COMMENTS).size());
            assertEquals(List.of(2L, 0L), figures(rows.latest(Tables.ASSESSMENT_COMPLETION).get("S1||")));
            assertEquals(1, h.numKeyedStateEntries(), "only the session is left: its former answers are gone");

            int before = h.extractOutputValues().size();
            send(h, P2); // answers to the former questionnaire, late
            assertEquals(before, h.extractOutputValues().size(), "discarded");
            assertEquals(1, h.numKeyedStateEntries(), "and not kept");

            send(h, submission("S1", "T1", "p1", "peer", 2, 5, 10, answer("C1", "I1", 2, "Теперь иначе")));
            rows = rows(h);
            Map<String, Object> i1 = item(rows, "S1|T1|C1|I1|peer");
            assertEquals(1L, i1.get("raters"));
            assertEquals(2.0, i1.get("points_sum"));
            assertEquals(2L << 32 | 1, i1.get("version"));
            assertEquals(0L, item(rows, "S1|T1|C1|I2|peer").get("raters"), "still zero");
            String id = Assessment360Stage.commentId(P1.submissionId(), "I1");
            assertEquals("Теперь иначе", rows.latest(Tables.ASSESSMENT_COMMENTS).get("S1|T1|I1|" + id).get("comment"));
            assertEquals(List.of(2L, 1L), figures(rows.latest(Tables.ASSESSMENT_COMPLETION).get("S1||")));
        }
    }

    @Test
    void submissionsBeforeTheAssignmentsOrForANewerModelWaitAndAreCountedWhenTheirVersionComes() throws Exception {
        try (var h = harness()) {
            RaterSubmission early = submission("S2", "T1", "p1", "peer", 1, 5, 0, answer("C1", "I1", 4));
            RaterSubmission newer = submission("S2", "T1", "p2", "peer", 2, 5, 1, answer("C1", "I1", 5));
            send(h, early, newer);
            assertTrue(h.extractOutputValues().isEmpty(), "no session yet: nothing counted");
            send(h, assignments("S2", 1, SessionAssignments.LAUNCHED, 1, "p1", "T1", "peer", "p2", "T1", "peer"));
            assertEquals(1L, item(rows(h), "S2|T1|C1|I1|peer").get("raters"), "the early one, not the newer model's");
            assertEquals(List.of(2L, 1L), figures(rows(h).latest(Tables.ASSESSMENT_COMPLETION).get("S2||")));
            send(h, assignments("S2", 2, SessionAssignments.LAUNCHED, 2, "p1", "T1", "peer", "p2", "T1", "peer"));
            Map<String, Object> i1 = item(rows(h), "S2|T1|C1|I1|peer");
            assertEquals(1L, i1.get("raters"), "now the newer model's alone");
            assertEquals(5.0, i1.get("points_sum"));
            assertEquals(List.of(2L, 1L), figures(rows(h).latest(Tables.ASSESSMENT_COMPLETION).get("S2||")));
            assertNull(rows(h).latest(Tables.ASSESSMENT_COMPLETION).get("S1||"), "one session's key only");
        }
    }

    @Test
    void theSameRecordsInAnotherInterleavingOfTheTwoTopicsEndInTheSameRows() throws Exception {
        SessionAssignments v2 = assignments("S3", 2, SessionAssignments.LAUNCHED, 1, "p1", "T1", "peer", "p2", "T1",
                "peer", "p3", "T2", "peer");
        RaterSubmission a = submission("S3", "T1", "p1", "peer", 1, 5, 0, answer("C1", "I1", 4), answer("C1", "I2", 3));
        RaterSubmission b = submission("S3", "T1", "p2", "peer", 1, 5, 1, answer("C1", "I1", 5));
        RaterSubmission c = submission("S3", "T2", "p3", "peer", 1, 5, 2, answer("C1", "I1", 1));
        SessionAssignments v1 = assignments("S3", 1, SessionAssignments.LAUNCHED, 1, "p1", "T1", "peer");
        try (var live = harness(); var replay = harness()) {
            send(live, v1, a, v2, b, c);
            send(replay, a, b, c, v1, v2);
            for (var table : List.of(Tables.ASSESSMENT_ITEMS, Tables.ASSESSMENT_COMMENTS, Tables.ASSESSMENT_COMPLETION)) {
                Map<String, Map<String, Object>> l = rows(live).latest(table);
                Map<String, Map<String, Object>> r = rows(replay).latest(table);
                assertEquals(l.keySet(), r.keySet(), table.name());
                l.forEach((k, row) -> assertEquals(row.toString(), r.get(k).toString(), table.name() + " " + k
                        + ": versions included"));
            }
        }
    }
}
