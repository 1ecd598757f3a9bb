package ru.otklik.streaming.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.streaming.assessment.Assessments.answer;
import static ru.otklik.streaming.assessment.Assessments.assignments;
import static ru.otklik.streaming.assessment.Assessments.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.response.EventJson;
import ru.otklik.streaming.assessment.internal.AssessmentSerializers;
import ru.otklik.streaming.assessment.internal.SessionState;
import ru.otklik.streaming.assessment.internal.TargetState;
import ru.otklik.streaming.types.OtklikTypes;

/** The 360 topics' records: what decodes, what becomes a dead letter and why, and the state's serializers. */
class AssessmentDecoderTest {

    private final AssessmentDecoder decoder = new AssessmentDecoder(Clock.systemUTC());

    private AssessmentRecord decodeSubmission(byte[] bytes) {
        return decoder.submission("assessment.answers", 1, 7, 1_790_000_000_000L, bytes);
    }

    @Test
    void aSubmissionAndAssignmentsDecode() {
        RaterSubmission s = submission("S1", "T1", "r1", "peer", 1, 5, 0, answer("C1", "I1", 4, "ok"),
                answer("C1", "I2", null));
        AssessmentRecord r = decodeSubmission(EventJson.toBytes(s));
        assertEquals(s, r.submission());
        assertEquals("S1", r.sessionId());
        SessionAssignments a = assignments("S1", 3, SessionAssignments.CLOSED, 2, "r1", "T1", "peer");
        AssessmentRecord d = decoder.assignments("assessment.assignments", 0, 1, 0, EventJson.toBytes(a));
        assertEquals(a, d.assignments());
    }

    @Test
    void unusableRecordsAreDeadLettersWithTheirReason() {
        RaterSubmission good = submission("S1", "T1", "r1", "peer", 1, 5, 0, answer("C1", "I1", 4));
        List<Object[]> cases = List.of(
                new Object[] {null, "empty"},
                new Object[] {"{not json".getBytes(StandardCharsets.UTF_8), "undecodable"},
                new Object[] {"null".getBytes(StandardCharsets.UTF_8), "undecodable"},
                new Object[] {EventJson.toBytes(new RaterSubmission("made-up", "S1", "T1", "r1", "peer", 1, 5,
                        good.submittedAt(), good.answers(), List.of())), "invalid"},
                new Object[] {EventJson.toBytes(submission("S1", "T1", "r1", "peer", 1, 5, 0,
                        answer("C1", "I1", 6))), "invalid"},
                new Object[] {EventJson.toBytes(submission("S1", "T1", "r1", "peer", 1, 5, 0,
                        answer("C1", "I1", 4), answer("C1", "I1", 3))), "invalid"},
                new Object[] {EventJson.toBytes(submission("S1", "T1", "r1", "peer", 1, 0, 0)), "invalid"},
                new Object[] {EventJson.toBytes(submission("S1", "", "r1", "peer", 1, 5, 0)), "invalid"});
        for (Object[] c : cases) {
            AssessmentRecord r = decodeSubmission((byte[]) c[0]);
            assertTrue(!r.isValid(), String.valueOf(c[0] == null ? null : new String((byte[]) c[0])));
            assertEquals(c[1], r.deadLetter().reason(), r.deadLetter().detail());
            assertEquals("assessment.answers", r.deadLetter().topic());
            assertEquals(7, r.deadLetter().offset());
        }
        AssessmentRecord twice = decoder.assignments("assessment.assignments", 0, 2, 0, EventJson.toBytes(
                assignments("S1", 1, SessionAssignments.LAUNCHED, 1, "r1", "T1", "peer", "r1", "T1", "self")));
        assertEquals("invalid", twice.deadLetter().reason());
        AssessmentRecord badStatus = decoder.assignments("assessment.assignments", 0, 3, 0,
                "{\"sessionId\":\"S1\",\"version\":1,\"status\":\"paused\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("undecodable", badStatus.deadLetter().reason(), badStatus.deadLetter().detail());
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void theRecordsAndTheStateSurviveTheirSerializers() throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        RaterSubmission s = submission("S1", "T1", "r1", "peer", 1, 5, 0, answer("C1", "I1", 4, "Да"),
                answer("C1", "I2", null));
        assertEquals(s, roundTrip(OtklikTypes.RATER_SUBMISSION.createSerializer(config), s));
        for (AssessmentRecord r : List.of(AssessmentRecord.of(s), AssessmentRecord.of(assignments("S1", 2,
                SessionAssignments.LAUNCHED, 1, "r1", "T1", "peer")), decodeSubmission(new byte[] {1, 2}))) {
            AssessmentRecord back = roundTrip(OtklikTypes.ASSESSMENT_RECORD.createSerializer(config), r);
            assertEquals(r.submission(), back.submission());
            assertEquals(r.assignments(), back.assignments());
            assertEquals(r.deadLetter() == null ? null : r.deadLetter().detail(),
                    back.deadLetter() == null ? null : back.deadLetter().detail());
        }
        SessionState session = new SessionState();
        session.version = 4;
        session.status = "launched";
        session.modelVersion = 2;
        session.deadlineTs = 1_790_000_000L;
        session.counted = 3;
        session.assignments.computeIfAbsent("T1", t -> new java.util.TreeMap<>()).put("r1", "peer");
        session.submittedByTarget.put("T1", 1L);
        SessionState sessionBack = roundTrip(AssessmentSerializers.SessionStateSerializer.INSTANCE, session);
        assertEquals(List.of(4L, 2L, 1_790_000_000L, 3L, 1L), List.of(sessionBack.version, sessionBack.modelVersion,
                sessionBack.deadlineTs, sessionBack.counted, sessionBack.submitted()));
        assertEquals(session.assignments, sessionBack.assignments);
        TargetState t = new TargetState();
        t.scaleMax = 5;
        t.counted = 1;
        t.raters.put("r1", "peer");
        TargetState.IndicatorCell cell = new TargetState.IndicatorCell(5);
        cell.raters = 1;
        cell.pointsSum = 4;
        cell.distribution[4] = 1;
        t.indicators.put(TargetState.indicatorKey("C1", "I1", "peer"), cell);
        TargetState.RaterCell rater = new TargetState.RaterCell();
        rater.sum = 4;
        rater.count = 1;
        rater.cannotJudge = 1;
        t.raterCells.put(TargetState.raterKey("C1", "peer", s.submissionId()), rater);
        TargetState copy = AssessmentSerializers.TargetStateSerializer.INSTANCE.copy(t);
        cell.distribution[4] = 99; // a deep copy: the snapshot does not change with the state
        assertEquals(1L, copy.indicators.get(TargetState.indicatorKey("C1", "I1", "peer")).distribution[4]);
        assertEquals(List.of(4L, 1L, 1L), List.of(copy.raterCells.firstEntry().getValue().sum,
                copy.raterCells.firstEntry().getValue().count, copy.raterCells.firstEntry().getValue().cannotJudge));
        assertEquals(t.raters, copy.raters);
        assertEquals(5, copy.scaleMax);
    }
}
