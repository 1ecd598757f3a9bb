package ru.otklik.streaming.minute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.testing.Responses;

class MinuteBucketAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:05Z");
    private static final long BUCKET = Instant.parse("2026-05-04T10:00:00Z").getEpochSecond();

    private static KeyedOneInputStreamOperatorTestHarness<String, SurveyResponse, AnswerMinuteRow> harness()
            throws Exception {
        var operator = new KeyedProcessOperator<>(new MinuteBucketAggregator(Duration.ofSeconds(1), Duration.ofDays(7)));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, SurveyResponse::officeCode, Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, SurveyResponse, AnswerMinuteRow> h,
                             SurveyResponse r) throws Exception {
        h.processElement(new StreamRecord<>(r, r.clientTs().toEpochMilli()));
    }

    private static Map<String, AnswerMinuteRow> byQuestion(List<AnswerMinuteRow> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.questionId() + "@" + r.bucketStart(), Function.identity(),
                (a, b) -> b));
    }

    @Test
    void countsScoresPerItemAndEmitsOnlyWhenTheIntervalElapses() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, Responses.seeker("r-000001", "BRY-01", T0, "Q1", 9, "Q2", 3, "Q4", "yes"));
            send(h, Responses.seeker("r-000002", "BRY-01", T0.plusSeconds(20), "Q1", 10));
            send(h, Responses.seeker("r-000003", "BRY-01", T0.plusSeconds(30), "Q1", 8, "Q2", 8));
            assertTrue(h.extractOutputValues().isEmpty(), "nothing before the emit interval");

            h.setProcessingTime(1_000);
            Map<String, AnswerMinuteRow> rows = byQuestion(h.extractOutputValues());
            assertEquals(2, rows.size(), "Q4 is a choice, not a score: no score bucket");
            AnswerMinuteRow q1 = rows.get("Q1@" + BUCKET);
            assertEquals(3, q1.answered());
            assertEquals(3, q1.version());
            assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1}, q1.counts());
            assertEquals("BRY", q1.regionCode());
            assertEquals(2, rows.get("Q2@" + BUCKET).answered());

            List<ResponseMinuteRow> counts = h.getSideOutput(MinuteBucketAggregator.RESPONSE_COUNTS).stream()
                    .map(StreamRecord::getValue).toList();
            assertEquals(1, counts.size());
            assertEquals(3, counts.get(0).responses());
        }
    }

    @Test
    void lateEventRewritesOnlyItsOwnOldBucket() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, Responses.seeker("r-000001", "BRY-01", T0, "Q1", 9));
            send(h, Responses.seeker("r-000002", "BRY-01", T0.plusSeconds(3600), "Q1", 2));
            h.processWatermark(T0.plusSeconds(3600).toEpochMilli());
            h.setProcessingTime(1_000);
            h.getOutput().clear();
            h.getSideOutput(MinuteBucketAggregator.RESPONSE_COUNTS).clear();

            // a kiosk that was offline for an hour reports into the 10:00 bucket
            send(h, Responses.seeker("r-000003", "BRY-01", T0.plusSeconds(10), "Q1", 7));
            h.setProcessingTime(2_000);
            List<AnswerMinuteRow> rows = h.extractOutputValues();
            assertEquals(1, rows.size(), "the 11:00 bucket did not change and is not rewritten");
            assertEquals(BUCKET, rows.get(0).bucketStart());
            assertEquals(2, rows.get(0).answered());
            assertEquals(2, rows.get(0).version(), "version grows with the count, so the rewrite wins");
        }
    }

    @Test
    void officesAreCountedSeparately() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, Responses.seeker("r-000001", "BRY-01", T0, "Q1", 9));
            send(h, Responses.seeker("r-000002", "VLA-01", T0, "Q1", 9));
            send(h, Responses.seeker("r-000003", "VLA-01", T0, "Q1", 1));
            h.setProcessingTime(1_000);
            Map<String, Long> answered = h.extractOutputValues().stream()
                    .collect(Collectors.toMap(AnswerMinuteRow::officeCode, AnswerMinuteRow::answered));
            assertEquals(Map.of("BRY-01", 1L, "VLA-01", 2L), answered);
        }
    }

    @Test
    void bucketsAreForgottenOnceTheWatermarkPassesTheHorizon() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, Responses.seeker("r-000001", "BRY-01", T0, "Q1", 9));
            h.setProcessingTime(1_000);
            assertEquals(1, h.numEventTimeTimers(), "buckets of one minute share one clean-up timer");
            h.processWatermark(T0.plus(Duration.ofDays(7)).plusSeconds(120).toEpochMilli());
            assertEquals(0, h.numEventTimeTimers());
            // a new event after clean-up starts from zero: proof the old counts are gone from state
            send(h, Responses.seeker("r-000002", "BRY-01", T0, "Q1", 9));
            h.setProcessingTime(2_000);
            assertEquals(1, h.extractOutputValues().get(1).answered());
        }
    }

    @Test
    void countsSurviveACheckpointAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            send(h, Responses.seeker("r-000001", "BRY-01", T0, "Q1", 9));
            send(h, Responses.seeker("r-000002", "BRY-01", T0, "Q1", 4));
            snapshot = h.snapshot(1L, 500L);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            // the flush timer pending at the checkpoint fires after restore
            restored.setProcessingTime(1_000);
            assertEquals(2, restored.extractOutputValues().get(0).answered());
            restored.getOutput().clear();
            send(restored, Responses.seeker("r-000003", "BRY-01", T0, "Q1", 10));
            restored.setProcessingTime(3_000);
            AnswerMinuteRow row = restored.extractOutputValues().get(0);
            assertEquals(3, row.answered());
            assertArrayEquals(new long[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1}, row.counts());
        }
    }
}
