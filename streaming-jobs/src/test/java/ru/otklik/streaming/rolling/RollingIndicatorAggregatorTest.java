package ru.otklik.streaming.rolling;

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
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.streaming.testing.Responses;

class RollingIndicatorAggregatorTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private static final String OFFICE = "office|BRY-01|all";

    private static KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, IndicatorWindowRow> harness()
            throws Exception {
        var op = new KeyedProcessOperator<>(new RollingIndicatorAggregator(Duration.ofSeconds(1), 3));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(op, ScoreEvent::scopeKey, Types.STRING);
        h.setProcessingTime(0);
        return h;
    }

    /** A seeker form at {@code ago} before NOW answering Q1 with {@code score}, as the job fans it out. */
    private static void form(KeyedOneInputStreamOperatorTestHarness<String, ScoreEvent, IndicatorWindowRow> h,
                             String id, Duration ago, int score) throws Exception {
        Instant ts = NOW.minus(ago);
        for (ScoreEvent e : ScoreEvent.of(Responses.seeker(id, "BRY-01", ts, "Q1", score), SurveyCatalog.builtIn())) {
            h.processElement(new StreamRecord<>(e, ts.toEpochMilli()));
        }
    }

    private static Map<String, IndicatorWindowRow> latest(List<IndicatorWindowRow> rows, String scope) {
        return rows.stream().filter(r -> (r.level() + "|" + r.code() + "|" + r.audience()).equals(scope))
                .collect(Collectors.toMap(r -> r.window() + "/" + r.questionId(), Function.identity(),
                        (a, b) -> b.version() >= a.version() ? b : a));
    }

    @Test
    void breakdownsAreWrittenAtTheirSlowerIntervalPlacesAtTheFastOne() throws Exception {
        var op = new KeyedProcessOperator<>(new RollingIndicatorAggregator(Duration.ofSeconds(1),
                Duration.ofSeconds(5), 3));
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(op, ScoreEvent::scopeKey, Types.STRING)) {
            h.setProcessingTime(0);
            h.open();
            form(h, "r-000001", Duration.ofMinutes(10), 9);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            List<IndicatorWindowRow> first = List.copyOf(h.extractOutputValues());
            assertEquals(1, latest(first, OFFICE).get("1h/Q1").n());
            assertTrue(first.stream().noneMatch(r -> r.level().equals("channel")), "no breakdown after 1 s");
            h.setProcessingTime(5_000);
            assertEquals(1, latest(h.extractOutputValues(), "channel|BRY-01/link|all").get("1h/Q1").n());
        }
    }

    @Test
    void eachWindowCountsWhatFallsInsideItAsOfTheWatermark() throws Exception {
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", Duration.ofMinutes(10), 9);   // in every window
            form(h, "r-000002", Duration.ofHours(3), 2);      // not in the last hour
            form(h, "r-000003", Duration.ofDays(2), 10);      // only 7d, 30d, quarter
            form(h, "r-000004", Duration.ofDays(20), 8);      // 30d and quarter (April 30)
            form(h, "r-000005", Duration.ofDays(45), 1);      // April 5: this quarter, beyond 30d
            form(h, "r-000006", Duration.ofDays(60), 8);      // March: another quarter, beyond 30d
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);

            Map<String, IndicatorWindowRow> rows = latest(h.extractOutputValues(), OFFICE);
            assertEquals(1, rows.get("1h/Q1").n());
            assertEquals(2, rows.get("24h/Q1").n());
            assertEquals(3, rows.get("7d/Q1").n());
            assertEquals(4, rows.get("30d/Q1").n());
            assertEquals(5, rows.get("quarter/Q1").n(), "Q2 2026: April 1 onwards");
            IndicatorWindowRow month = rows.get("30d/Q1");
            assertEquals(3, month.positive(), "9, 10, 8 are positive; 2 is not");
            assertEquals(0.75, month.share(), 1e-12);
            assertTrue(month.sufficient(), "minimum sample 3 in this test");
            assertEquals(NOW.getEpochSecond(), month.asOf());
            // the same response counts for its region, the federal total and its own audience too
            assertEquals(4, latest(h.extractOutputValues(), "region|BRY|seeker").get("30d/Q1").n());
            assertEquals(4, latest(h.extractOutputValues(), "federal|RU|all").get("30d/Q1").n());
        }
    }

    @Test
    void windowsSlideWithTheWatermarkAndOldPanesLeaveState() throws Exception {
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", Duration.ofMinutes(10), 9);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            long firstVersion = latest(h.extractOutputValues(), OFFICE).get("1h/Q1").version();
            h.getOutput().clear();

            // two hours later, no new answers: the hour window is empty now and says so
            h.processWatermark(NOW.plus(Duration.ofHours(2)).toEpochMilli());
            h.setProcessingTime(2_000);
            Map<String, IndicatorWindowRow> rows = latest(h.extractOutputValues(), OFFICE);
            assertEquals(0, rows.get("1h/Q1").n());
            assertTrue(Double.isNaN(rows.get("1h/Q1").share()), "no answers is no value, not 0%");
            assertEquals(1, rows.get("24h/Q1").n());
            assertTrue(rows.get("1h/Q1").version() > firstVersion, "a later watermark writes a newer row");

            // past every window, the quarter included: all empty, and with no pane left nothing stays scheduled
            h.getOutput().clear();
            h.processWatermark(NOW.plus(Duration.ofDays(100)).toEpochMilli());
            h.setProcessingTime(3_000);
            assertTrue(latest(h.extractOutputValues(), OFFICE).values().stream().allMatch(r -> r.n() == 0));
            assertEquals(0, h.numProcessingTimeTimers(), "no panes left, so the windows stop sliding");
        }
    }

    @Test
    void aLateAnswerIsFoldedIntoItsOwnPanesAndReemitted() throws Exception {
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", Duration.ofMinutes(5), 9);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            h.getOutput().clear();
            form(h, "r-000002", Duration.ofHours(5), 3); // a kiosk that was offline reports late
            h.setProcessingTime(2_000);
            Map<String, IndicatorWindowRow> rows = latest(h.extractOutputValues(), OFFICE);
            assertEquals(1, rows.get("1h/Q1").n());
            assertEquals(2, rows.get("24h/Q1").n());
            assertEquals(1, rows.get("24h/Q1").positive());
        }
    }

    @Test
    void betweenWatermarkStepsOnlyItemsWithNewAnswersAreWritten() throws Exception {
        try (var h = harness()) {
            h.open();
            Instant ts = NOW.minusSeconds(30);
            for (ScoreEvent e : ScoreEvent.of(Responses.seeker("r-000001", "BRY-01", ts, "Q1", 9, "Q2", 5),
                    SurveyCatalog.builtIn())) {
                h.processElement(new StreamRecord<>(e, ts.toEpochMilli()));
            }
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            h.getOutput().clear();
            form(h, "r-000002", Duration.ofSeconds(20), 10); // Q1 only
            h.setProcessingTime(2_000);
            List<IndicatorWindowRow> rows = h.extractOutputValues();
            assertTrue(rows.stream().allMatch(r -> r.questionId().equals("Q1")), "Q2 did not change");
            assertEquals(2, latest(rows, OFFICE).get("1h/Q1").n());
            assertEquals(5 * 8, rows.size(), "5 windows x 8 scopes (office, region, federal, channel; own audience"
                    + " and all) for the one changed item");
        }
    }

    @Test
    void breakdownsByChannelTouchpointAndEmployeeCountWithinTheirOffice() throws Exception {
        try (var h = harness()) {
            h.open();
            Instant ts = NOW.minusSeconds(30);
            var bound = new ru.otklik.common.response.SurveyResponse("r-000001", "jc-seeker", 1,
                    ru.otklik.common.response.Audience.SEEKER, ru.otklik.common.response.Channel.LINK,
                    ru.otklik.common.response.Mode.IN_PERSON, "BRY", "BRY-01", "desk-3", "emp-17", ts, ts.plusSeconds(2),
                    Map.of("Q1", ru.otklik.common.response.Answer.score(9)), null, null, 0);
            for (SurveyResponse r : List.of(bound, Responses.seeker("r-000002", "BRY-01", ts, "Q1", 2))) {
                for (ScoreEvent e : ScoreEvent.of(r, SurveyCatalog.builtIn())) {
                    h.processElement(new StreamRecord<>(e, ts.toEpochMilli()));
                }
            }
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(1_000);
            List<IndicatorWindowRow> rows = h.extractOutputValues();
            for (String audience : List.of("seeker", "all")) {
                IndicatorWindowRow channel = latest(rows, "channel|BRY-01/link|" + audience).get("1h/Q1");
                assertEquals(2, channel.n(), "both link forms count in the office's link channel");
                assertEquals(1, channel.positive());
                IndicatorWindowRow touchpoint = latest(rows, "touchpoint|BRY-01/desk-3|" + audience).get("1h/Q1");
                assertEquals(1, touchpoint.n(), "only the form bound to the touchpoint");
                assertEquals(1, touchpoint.positive());
                assertEquals(1, latest(rows, "employee|BRY-01/emp-17|" + audience).get("24h/Q1").n());
            }
            assertTrue(rows.stream().noneMatch(r -> r.code().endsWith("/null") || r.code().endsWith("/")),
                    "an unbound form has no touchpoint or employee scope");
            assertEquals(2, latest(rows, OFFICE).get("1h/Q1").n(), "the office itself counts both");
        }
    }

    @Test
    void countsSurviveACheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            form(h, "r-000001", Duration.ofMinutes(5), 9);
            form(h, "r-000002", Duration.ofMinutes(6), 4);
            h.processWatermark(NOW.toEpochMilli());
            snapshot = h.snapshot(1, 10);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            form(h, "r-000003", Duration.ofMinutes(7), 10);
            h.processWatermark(NOW.toEpochMilli());
            h.setProcessingTime(5_000);
            assertEquals(3, latest(h.extractOutputValues(), OFFICE).get("1h/Q1").n());
        }
    }
}
