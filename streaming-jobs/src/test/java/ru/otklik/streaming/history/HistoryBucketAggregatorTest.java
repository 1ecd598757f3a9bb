package ru.otklik.streaming.history;

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
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.streaming.rolling.IndicatorScope;
import ru.otklik.streaming.rolling.ScoreEvent;
import ru.otklik.streaming.testing.Responses;

class HistoryBucketAggregatorTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private static final long HOUR_11 = Instant.parse("2026-05-20T11:00:00Z").getEpochSecond();
    private static final long DAY_20 = Instant.parse("2026-05-20T00:00:00Z").getEpochSecond();
    private static final String OFFICE = "office|BRY-01|all";

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, IndicatorHistoryRow> harness()
            throws Exception {
        var op = new KeyedProcessOperator<>(new HistoryBucketAggregator(Duration.ofSeconds(1), Duration.ofDays(7), 3));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(op, ScoreEvent::scopeKey, Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    /** A seeker form answered at {@code ts} with Q1 = {@code score}, fanned out as the job does for the history. */
    private static void form(KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, IndicatorHistoryRow> h,
                             String id, Instant ts, int score) throws Exception {
        for (ScoreEvent e : ScoreEvent.of(Responses.seeker(id, "BRY-01", ts, "Q1", score), SurveyCatalog.builtIn(),
                IndicatorScope.Use.HISTORY)) {
            h.processElement(new StreamRecord<>(e, ts.toEpochMilli()));
        }
    }

    /** The newest row per granularity/bucket_start/question of one scope. */
    private static Map<String, IndicatorHistoryRow> latest(List<IndicatorHistoryRow> rows, String scope) {
        return rows.stream().filter(r -> (r.level() + "|" + r.code() + "|" + r.audience()).equals(scope))
                .collect(Collectors.toMap(r -> r.granularity() + "/" + r.bucketStart() + "/" + r.questionId(),
                        Function.identity(), (a, b) -> b.version() >= a.version() ? b : a));
    }

    @Test
    void anOnTimeAnswerLandsInItsHourAndDayBucket() throws Exception {
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", NOW.minus(Duration.ofMinutes(10)), 9);
            form(h, "r-000002", NOW.minus(Duration.ofMinutes(20)), 4);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);

            List<IndicatorHistoryRow> rows = h.extractOutputValues();
            IndicatorHistoryRow hour = latest(rows, OFFICE).get("hour/" + HOUR_11 + "/Q1");
            assertEquals(2, hour.n());
            assertEquals(1, hour.positive(), "9 is positive, 4 is not");
            assertEquals(2, hour.version(), "the version is the answers counted in the bucket");
            assertEquals(2, latest(rows, OFFICE).get("day/" + DAY_20 + "/Q1").n());
            assertEquals(2, latest(rows, "region|BRY|seeker").get("hour/" + HOUR_11 + "/Q1").n());
            assertEquals(2, latest(rows, "federal|RU|all").get("day/" + DAY_20 + "/Q1").n());
            assertTrue(rows.stream().allMatch(r -> List.of("office", "region", "federal").contains(r.level())),
                    "no breakdowns in the history");
            assertEquals(2 * 3 * 2, rows.size(), "2 granularities x 3 levels x 2 audiences, one item");
        }
    }

    @Test
    void aLateAnswerUpdatesItsOldBucketAndReemitsIt() throws Exception {
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", NOW.minus(Duration.ofHours(5)), 10);
            form(h, "r-000002", NOW.minus(Duration.ofMinutes(5)), 3);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            long sevenOClock = Instant.parse("2026-05-20T07:00:00Z").getEpochSecond();
            IndicatorHistoryRow before = latest(h.extractOutputValues(), OFFICE).get("hour/" + sevenOClock + "/Q1");
            h.getOutput().clear();

            form(h, "r-000003", NOW.minus(Duration.ofHours(5)).plusSeconds(60), 8); // an offline kiosk catching up
            h.setProcessingTime(2_000);
            Map<String, IndicatorHistoryRow> rows = latest(h.extractOutputValues(), OFFICE);
            IndicatorHistoryRow after = rows.get("hour/" + sevenOClock + "/Q1");
            assertEquals(2, after.n());
            assertEquals(2, after.positive());
            assertTrue(after.version() > before.version(), "the updated bucket replaces the old row");
            assertEquals(3, rows.get("day/" + DAY_20 + "/Q1").n());
            assertTrue(!rows.containsKey("hour/" + HOUR_11 + "/Q1"), "the current hour did not change: not rewritten");
        }
    }

    @Test
    void bucketsLeaveStateOnceTheLateHorizonCannotReachThem() throws Exception {
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", NOW.minus(Duration.ofMinutes(30)), 9);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            h.getOutput().clear();

            // 7 days on: within horizon + 1 day of the bucket's end, so the bucket is still counted on
            h.processWatermark(NOW.plus(Duration.ofDays(7)).toEpochMilli());
            form(h, "r-000002", NOW.minus(Duration.ofMinutes(20)), 9);
            h.setProcessingTime(2_000);
            assertEquals(2, latest(h.extractOutputValues(), OFFICE).get("hour/" + HOUR_11 + "/Q1").n());
            h.getOutput().clear();

            // 9 days on: both buckets are forgotten and no timer is left for them
            h.processWatermark(NOW.plus(Duration.ofDays(9)).toEpochMilli());
            assertEquals(0, h.numEventTimeTimers(), "nothing left to evict");
            assertTrue(h.extractOutputValues().isEmpty(), "eviction writes nothing that was already written");
            // (the job's first-seen filter refuses such an answer; here it shows the old count is gone)
            form(h, "r-000003", NOW.minus(Duration.ofMinutes(10)), 9);
            h.setProcessingTime(3_000);
            assertEquals(1, latest(h.extractOutputValues(), OFFICE).get("hour/" + HOUR_11 + "/Q1").n());
        }
    }

    @Test
    void nothingIsWrittenWhenNothingChanged() throws Exception {
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", NOW.minus(Duration.ofMinutes(10)), 9);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            assertTrue(!h.extractOutputValues().isEmpty());
            h.getOutput().clear();

            h.processWatermark(NOW.plus(Duration.ofHours(2)).toEpochMilli());
            h.setProcessingTime(2_000);
            h.setProcessingTime(5_000);
            assertTrue(h.extractOutputValues().isEmpty(), "a moving watermark alone changes no bucket");
            assertEquals(0, h.numProcessingTimeTimers(), "no emission pending");
        }
    }

    @Test
    void countsSurviveACheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", NOW.minus(Duration.ofMinutes(10)), 9);
            h.processWatermark(NOW.toEpochMilli());
            snapshot = h.snapshot(1, 10);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            form(h, "r-000002", NOW.minus(Duration.ofMinutes(15)), 2);
            h.setProcessingTime(5_000);
            IndicatorHistoryRow hour = latest(h.extractOutputValues(), OFFICE).get("hour/" + HOUR_11 + "/Q1");
            assertEquals(2, hour.n());
            assertEquals(1, hour.positive());
        }
    }
}
