package ru.otklik.streaming.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;
import ru.otklik.streaming.testing.Responses;

/** The office stage on Flink's operator harness: what it writes, what it keeps, what it forgets. */
class OfficeStageTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(35);

    private final EmittedRows rows = new EmittedRows();
    private long processingTime;

    private static KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, AreaDelta> harness(Duration horizon)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new OfficeStage(Duration.ofSeconds(1), horizon, RETENTION,
                3, true, 100_000), ResponseChange::officeCode, Types.STRING);
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, AreaDelta> harness() throws Exception {
        return harness(Duration.ofDays(7));
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, AreaDelta> h,
                             ResponseChange c) throws Exception {
        h.processElement(new StreamRecord<>(c, c.response().clientTs().toEpochMilli()));
    }

    private static SurveyResponse form(String id, Duration ago, Object... answers) {
        return Responses.seeker(id, "BRY-01", NOW.minus(ago), answers);
    }

    /** One emission tick; the rows it wrote join {@link #rows}. */
    private void tick(KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, AreaDelta> h) throws Exception {
        processingTime += 1_000;
        h.setProcessingTime(processingTime);
        collect(h);
    }

    private void collect(KeyedOneInputStreamOperatorTestHarness<String, ResponseChange, AreaDelta> h) {
        var out = h.getSideOutput(OfficeStage.ROWS);
        if (out != null) {
            List<EncodedRow> batch = new ArrayList<>();
            out.forEach(r -> batch.add(r.getValue()));
            out.clear();
            rows.addAll(batch);
        }
    }

    private Map<String, Object> window(String level, String code, String audience, String window, String question) {
        return rows.latest(Tables.INDICATOR_WINDOW).get(String.join("|", level, code, audience, window, "jc-seeker",
                question));
    }

    private long n(String window) {
        Map<String, Object> row = window("office", "BRY-01", "all", window, "Q1");
        return row == null ? -1 : (Long) row.get("n");
    }

    @Test
    void eachWindowCountsWhatFallsInsideItAsOfTheWatermark() throws Exception {
        try (var h = harness(Duration.ofDays(100))) {
            send(h, ResponseChange.add(form("r-000001", Duration.ofMinutes(10), "Q1", 9)));   // every window
            send(h, ResponseChange.add(form("r-000002", Duration.ofHours(3), "Q1", 2)));      // not the last hour
            send(h, ResponseChange.add(form("r-000003", Duration.ofDays(2), "Q1", 10)));      // 7d, 30d, quarter
            send(h, ResponseChange.add(form("r-000004", Duration.ofDays(20), "Q1", 8)));      // 30d, quarter
            send(h, ResponseChange.add(form("r-000005", Duration.ofDays(45), "Q1", 1)));      // April: quarter only
            send(h, ResponseChange.add(form("r-000006", Duration.ofDays(60), "Q1", 8)));      // March: no window
            h.processWatermark(NOW.toEpochMilli());
            tick(h);
            assertEquals(1, n("1h"));
            assertEquals(2, n("24h"));
            assertEquals(3, n("7d"));
            assertEquals(4, n("30d"));
            assertEquals(5, n("quarter"));
            Map<String, Object> day = window("office", "BRY-01", "all", "24h", "Q1");
            assertEquals(1L, day.get("positive"), "9 is positive, 2 is not");
            assertEquals(NOW.getEpochSecond(), day.get("as_of"));
            // responses are counted beside the answers, at the same as_of
            Map<String, Object> responses = rows.latest(Tables.RESPONSE_WINDOW).get("office|BRY-01|all|30d|jc-seeker");
            assertEquals(4L, responses.get("responses"));
            assertEquals(NOW.getEpochSecond(), responses.get("as_of"));
            // the breakdown by channel holds the same answers
            assertEquals(4L, window("channel", "BRY-01/link", "seeker", "30d", "Q1").get("n"));
            // the office's place watermark
            assertEquals(NOW.getEpochSecond(), rows.latest(Tables.SCOPE_WATERMARK).get("office|BRY-01").get("as_of"));
        }
    }

    @Test
    void aPaneLeavingItsWindowIsSubtractedExactly() throws Exception {
        try (var h = harness()) {
            send(h, ResponseChange.add(form("r-000001", Duration.ofMinutes(50), "Q1", 9)));
            send(h, ResponseChange.add(form("r-000002", Duration.ofMinutes(5), "Q1", 3)));
            h.processWatermark(NOW.toEpochMilli());
            tick(h);
            assertEquals(2, n("1h"));
            // 11 minutes later the first answer's one-minute pane has left the hour, nothing else has
            h.processWatermark(NOW.plus(Duration.ofMinutes(11)).toEpochMilli());
            tick(h);
            Map<String, Object> hour = window("office", "BRY-01", "all", "1h", "Q1");
            assertEquals(1L, hour.get("n"));
            assertEquals(0L, hour.get("positive"));
            assertEquals(1L, hour.get("c3"));
            assertEquals(0L, hour.get("c9"));
            assertEquals(2, n("24h"));
            // an hour later still, both are out of the hour and the row says n = 0
            h.processWatermark(NOW.plus(Duration.ofMinutes(70)).toEpochMilli());
            tick(h);
            assertEquals(0, n("1h"));
            assertEquals(2, n("24h"));
        }
    }

    @Test
    void anAnswerInAScopeHoldingThousandsOfPanesWritesOnlyItsOwnItemsRows() throws Exception {
        try (var h = harness(Duration.ofDays(40))) {
            Random random = new Random(3);
            String[] items = {"Q1", "Q2", "Q3", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11"};
            for (int i = 0; i < 3_000; i++) { // a month of answers: thousands of panes across the windows
                Object[] answers = new Object[items.length * 2];
                for (int q = 0; q < items.length; q++) {
                    answers[2 * q] = items[q];
                    answers[2 * q + 1] = 1 + random.nextInt(10);
                }
                send(h, ResponseChange.add(form(String.format("r-%07d", i),
                        Duration.ofSeconds(random.nextInt(29 * 86_400)), answers)));
            }
            h.processWatermark(NOW.toEpochMilli());
            tick(h);
            // 10 items × 5 windows × (office, channel) × (seeker, all)
            assertEquals(10 * 5 * 2 * 2, rows.all(Tables.INDICATOR_WINDOW).size(), "the month was written");
            rows.clear();

            send(h, ResponseChange.add(form("r-new-0001", Duration.ofSeconds(1), "Q5", 10)));
            tick(h);
            Set<String> questions = new TreeSet<>();
            rows.all(Tables.INDICATOR_WINDOW).forEach(r -> questions.add((String) r.get("question_id")));
            assertEquals(Set.of("Q5"), questions, "only the answered item is written again");
            // Q5 in 5 windows × (office, channel) × (seeker, all)
            assertEquals(5 * 2 * 2, rows.all(Tables.INDICATOR_WINDOW).size());
            Set<String> historyQuestions = new TreeSet<>();
            rows.all(Tables.INDICATOR_HISTORY).forEach(r -> historyQuestions.add((String) r.get("question_id")));
            assertEquals(Set.of("Q5"), historyQuestions);
            assertEquals(3_001L, window("office", "BRY-01", "all", "quarter", "Q5").get("n"));
        }
    }

    @Test
    void aRetractionLeavesRawAsItIsAndTakesTheResponseOutOfTheCleanFiguresAReadmissionPutsItBack() throws Exception {
        try (var h = harness()) {
            SurveyResponse kept = form("r-000001", Duration.ofMinutes(20), "Q1", 9, "Q5", 8);
            SurveyResponse flagged = form("r-000002", Duration.ofMinutes(10), "Q1", 2, "Q5", 10);
            send(h, ResponseChange.add(kept));
            h.processWatermark(NOW.toEpochMilli());
            tick(h);
            Map<String, Map<String, Object>> before = figures(CLEAN); // no exclusion yet: the raw windows and history

            send(h, ResponseChange.add(flagged));
            tick(h);
            Map<String, Map<String, Object>> with = figures(RAW);
            Map<String, Map<String, Object>> withClean = figures(CLEAN);
            assertFalse(before.equals(with), "the second response changed the figures");
            assertTrue(rows.all(Tables.INDICATOR_WINDOW_CLEAN).isEmpty(), "no exclusion: no clean row at all");

            send(h, ResponseChange.retract(flagged));
            tick(h);
            assertEquals(with, figures(RAW), "raw figures never change because of a flag");
            assertEquals(before, figures(CLEAN), "clean windows, breakdowns and history as before the flagged response");
            Map<String, Object> clean = rows.latest(Tables.INDICATOR_WINDOW_CLEAN)
                    .get("office|BRY-01|all|24h|jc-seeker|Q1");
            assertEquals(1L, clean.get("n"));
            assertEquals(1L, clean.get("excluded"), "one Q1 answer left out");
            Map<String, Object> responses = rows.latest(Tables.RESPONSE_WINDOW_CLEAN).get("office|BRY-01|all|1h|jc-seeker");
            assertEquals(1L, responses.get("responses"));
            assertEquals(1L, responses.get("excluded"));
            assertEquals(2L, rows.latest(Tables.RESPONSE_WINDOW).get("office|BRY-01|all|1h|jc-seeker").get("responses"));

            send(h, ResponseChange.retract(flagged)); // a second flag naming it changes nothing more
            tick(h);
            assertEquals(before, figures(CLEAN));
            send(h, ResponseChange.readmit(flagged)); // one of the two flags dismissed: still excluded by the other
            tick(h);
            assertEquals(before, figures(CLEAN), "excluded while any flag holds it");
            send(h, ResponseChange.readmit(flagged));
            tick(h);
            assertEquals(withClean, figures(CLEAN), "the last dismissal puts the response back");
            assertEquals(0L, rows.latest(Tables.INDICATOR_WINDOW_CLEAN).get("office|BRY-01|all|24h|jc-seeker|Q1")
                    .get("excluded"), "excluded 0: the clean figure is the raw one again");
            assertEquals(2, rows.all(Tables.RESPONSES).size(), "raw rows are written once and never taken back");
        }
    }

    @Test
    void anExclusionThatOvertakesItsResponseTakesEffectWhenTheResponseArrives() throws Exception {
        try (var h = harness()) {
            SurveyResponse kept = form("r-000001", Duration.ofMinutes(20), "Q1", 9);
            SurveyResponse flagged = form("r-000002", Duration.ofMinutes(10), "Q1", 2);
            send(h, ResponseChange.retract(flagged)); // the flag's path was faster than the response's
            send(h, ResponseChange.add(kept));
            send(h, ResponseChange.add(flagged));
            h.processWatermark(NOW.toEpochMilli());
            tick(h);
            assertEquals(2L, window("office", "BRY-01", "all", "24h", "Q1").get("n"), "raw counts both");
            Map<String, Object> clean = rows.latest(Tables.INDICATOR_WINDOW_CLEAN).get("office|BRY-01|all|24h|jc-seeker|Q1");
            assertEquals(1L, clean.get("n"), "clean counts the one no flag names");
            assertEquals(1L, clean.get("positive"));
            send(h, ResponseChange.readmit(flagged));
            tick(h);
            assertEquals(0L, rows.latest(Tables.INDICATOR_WINDOW_CLEAN).get("office|BRY-01|all|24h|jc-seeker|Q1")
                    .get("excluded"));
        }
    }

    @Test
    void anExclusionWhoseSlicesHaveAllLeftLeavesNoStateBehind() throws Exception {
        try (var h = harness(Duration.ofHours(1))) {
            SurveyResponse flagged = form("r-000001", Duration.ofMinutes(10), "Q1", 2);
            send(h, ResponseChange.add(flagged));
            send(h, ResponseChange.add(form("r-000002", Duration.ofMinutes(5), "Q1", 9)));
            h.processWatermark(NOW.toEpochMilli());
            tick(h);
            send(h, ResponseChange.retract(flagged));
            tick(h);
            assertEquals(1L, rows.latest(Tables.INDICATOR_WINDOW_CLEAN).get("office|BRY-01|all|1h|jc-seeker|Q1")
                    .get("n"));
            // the 1 h window has passed both: raw and excluded are empty there, and the last clean row says so
            h.processWatermark(NOW.plus(Duration.ofHours(2)).toEpochMilli());
            tick(h);
            Map<String, Object> clean = rows.latest(Tables.INDICATOR_WINDOW_CLEAN).get("office|BRY-01|all|1h|jc-seeker|Q1");
            assertEquals(0L, clean.get("n"));
            assertEquals(0L, clean.get("excluded"));
            h.processWatermark(Instant.parse("2026-07-03T00:00:00Z").toEpochMilli());
            tick(h);
            assertEquals(0, h.numEventTimeTimers(), "no timer left behind, raw or excluded");
            processingTime = Duration.ofDays(1).plus(RETENTION).toMillis();
            tick(h);
            assertEquals(0, h.numKeyedStateEntries(), "nothing of the exclusion is kept once its slices have left");
        }
    }

    private static final boolean RAW = false;
    private static final boolean CLEAN = true;

    /**
     * The counts of every aggregate row with any count, without as_of and version (a retracted
     * response leaves its minute and hour written as zero rather than absent).
     */
    private Map<String, Map<String, Object>> figures(boolean clean) {
        Map<String, Map<String, Object>> all = new java.util.TreeMap<>();
        var cleanTwin = Map.of(Tables.INDICATOR_WINDOW, Tables.INDICATOR_WINDOW_CLEAN,
                Tables.RESPONSE_WINDOW, Tables.RESPONSE_WINDOW_CLEAN, Tables.INDICATOR_HISTORY,
                Tables.INDICATOR_HISTORY_CLEAN);
        for (var table : clean ? List.of(Tables.INDICATOR_WINDOW, Tables.RESPONSE_WINDOW, Tables.INDICATOR_HISTORY)
                : List.of(Tables.INDICATOR_WINDOW, Tables.RESPONSE_WINDOW, Tables.INDICATOR_HISTORY,
                Tables.ANSWER_MINUTE, Tables.RESPONSE_MINUTE)) {
            Map<String, Map<String, Object>> cleanRows = clean ? rows.latest(cleanTwin.get(table)) : Map.of();
            rows.latest(table).forEach((k, raw) -> {
                Map<String, Object> c = cleanRows.get(k); // as readers do: the clean row where it excludes any
                Map<String, Object> v = raw;
                if (c != null && (Long) c.get("excluded") > 0) {
                    v = new java.util.TreeMap<>(c);
                    v.remove("excluded");
                }
                if (isZero(v)) {
                    return;
                }
                Map<String, Object> counts = new java.util.TreeMap<>(v);
                counts.remove("as_of");
                counts.remove("version");
                counts.remove("share"); // NaN never equals itself
                counts.remove("low");
                counts.remove("high");
                all.put(table.name() + "|" + k, counts);
            });
        }
        return all;
    }

    private static boolean isZero(Map<String, Object> row) {
        for (String column : List.of("n", "responses", "answered")) {
            if (row.containsKey(column)) {
                return (Long) row.get(column) == 0;
            }
        }
        return false;
    }

    @Test
    void aResendIsCountedOnceAndTooLateResponsesAreKeptAside() throws Exception {
        try (var h = harness(Duration.ofDays(7))) {
            SurveyResponse r = form("r-000001", Duration.ofMinutes(1), "Q1", 9);
            send(h, ResponseChange.add(r));
            send(h, ResponseChange.add(r.withReceivedTs(r.receivedTs().plusSeconds(30))));
            h.processWatermark(NOW.toEpochMilli());
            send(h, ResponseChange.add(form("r-old-0001", Duration.ofDays(8), "Q1", 9)));
            tick(h);
            assertEquals(1, n("1h"));
            assertEquals(1, rows.all(Tables.RESPONSES).size());
            assertEquals(1, rows.all(Tables.LATE_EVENTS).size());
            assertTrue(((String) rows.all(Tables.LATE_EVENTS).get(0).get("reason")).contains("late horizon"));
        }
    }

    @Test
    void stateIsEmptyOnceEverySliceHasLeft() throws Exception {
        try (var h = harness(Duration.ofHours(1))) {
            send(h, ResponseChange.add(form("r-000001", Duration.ofMinutes(10), "Q1", 9, "Q4", "yes")));
            send(h, ResponseChange.add(form("r-000002", Duration.ofMinutes(5), "Q1", 4)));
            h.processWatermark(NOW.toEpochMilli());
            tick(h);
            assertTrue(h.numKeyedStateEntries() > 0);
            assertTrue(h.numEventTimeTimers() > 0);
            // past the quarter's end and every retention: windows, history, minutes all gone
            h.processWatermark(Instant.parse("2026-07-03T00:00:00Z").toEpochMilli());
            tick(h);
            assertEquals(0, n("quarter"));
            assertEquals(0, h.numEventTimeTimers(), "no timer left behind");
            assertTrue(h.numKeyedStateEntries() > 0, "the ids are still remembered");
            assertEquals(1, h.numProcessingTimeTimers(), "one keyed timer for the day's ids");
            // the remembered ids leave with their retention (processing time): one timer for the day's ids
            processingTime = Duration.ofDays(1).plus(RETENTION).toMillis();
            tick(h);
            assertEquals(0, h.numKeyedStateEntries(), "an office with nothing left holds no state");
            assertEquals(0, h.numProcessingTimeTimers(), "no keyed timer left");
        }
    }

    @Test
    void aStageCatchingUpWritesEveryCatchUpIntervalAndLiveTrafficEveryEmitInterval() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new OfficeStage(Duration.ofSeconds(1), Duration.ofDays(7),
                RETENTION, 3, true, 100_000).catchingUp(20, Duration.ofSeconds(5)), ResponseChange::officeCode,
                Types.STRING);
        h.setProcessingTime(0);
        h.open();
        try (h) {
            h.processWatermark(NOW.toEpochMilli());
            for (int i = 0; i < 100; i++) { // 100 responses in a second: five times the catch-up rate
                send(h, ResponseChange.add(form(String.format("r-%06d", i), Duration.ofMinutes(10), "Q1", 9)));
            }
            tick(h);
            assertEquals(0, rows.all(Tables.INDICATOR_WINDOW).size(), "catching up: not written after a second");
            for (int s = 2; s <= 4; s++) {
                tick(h);
            }
            assertEquals(0, rows.all(Tables.INDICATOR_WINDOW).size(), "nor within the catch-up interval");
            tick(h); // 5 s since the last write
            assertEquals(100, n("1h"), "written at the catch-up interval");
            // live: 3 responses a second, below the rate: written at every tick
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < 3; i++) {
                    send(h, ResponseChange.add(form(String.format("r-live-%d-%d", s, i), Duration.ofMinutes(5),
                            "Q1", 9)));
                }
                tick(h);
                assertEquals(100 + 3 * (s + 1), n("1h"), "live traffic is written every emit interval");
            }
        }
    }

    @Test
    void anIdIsRememberedForTheRetentionAndThenForgotten() throws Exception {
        try (var h = harness()) {
            SurveyResponse r = form("r-000001", Duration.ofMinutes(10), "Q1", 9);
            send(h, ResponseChange.add(r));
            processingTime = RETENTION.toMillis(); // 35 days later: still within the retention
            tick(h);
            send(h, ResponseChange.add(r));
            collect(h);
            assertEquals(1, rows.all(Tables.RESPONSES).size(), "a resend within the retention is a duplicate");
            processingTime = Duration.ofDays(1).plus(RETENTION).toMillis(); // the day's ids are forgotten
            tick(h);
            send(h, ResponseChange.add(r));
            collect(h);
            assertEquals(2, rows.all(Tables.RESPONSES).size(), "after the retention the id is new again");
        }
    }
}
