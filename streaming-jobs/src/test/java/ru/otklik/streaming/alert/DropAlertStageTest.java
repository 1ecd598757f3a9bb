package ru.otklik.streaming.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.alert.FixedRuleSettings;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.aggregate.ResponseChange;
import org.apache.flink.api.common.functions.util.ListCollector;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.DropScenario;
import ru.otklik.streaming.testing.EmittedRows;

/**
 * The drop stage on Flink's operator harness, over two weeks of kiosk taps of two offices: one falls
 * for a morning, the other never does.
 */
class DropAlertStageTest {

    private static final ZoneId MOSCOW = DropScenario.MOSCOW;
    private static final ZonedDateTime FIRST_DAY = ZonedDateTime.of(2026, 3, 2, 0, 0, 0, 0, MOSCOW);
    private static final int TAPS_PER_DAY = DropScenario.TAPS_PER_DAY;
    private static final int FALL_DAY = DropScenario.FALL_DAY;
    private static final int FALLEN_TAPS = DropScenario.FALLEN_TAPS;

    private static List<SurveyResponse> scenario(long seed) {
        return DropScenario.taps(FIRST_DAY, seed);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DropObservation, EncodedRow> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new DropAlertStage(DropTestSettings.DEFAULTS)), DropObservation::officeCode, Types.STRING);
    }

    /** A counted response as the job hands it to the stage: through the observations next to the office stage. */
    private static void send(KeyedOneInputStreamOperatorTestHarness<String, DropObservation, EncodedRow> h,
                             ResponseChange change, long timestamp) throws Exception {
        List<DropObservation> observations = new ArrayList<>();
        DropAlertStage.observations().flatMap(change, new ListCollector<>(observations));
        for (DropObservation o : observations) {
            h.processElement(new StreamRecord<>(o, timestamp));
        }
    }

    /**
     * Sends the taps with the watermark {@code lag} behind the newest time seen, advanced at most
     * every 30 s of event time, then the end of input.
     */
    private static void run(KeyedOneInputStreamOperatorTestHarness<String, DropObservation, EncodedRow> h,
                            List<SurveyResponse> taps, Duration lag, boolean end) throws Exception {
        long newest = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (SurveyResponse r : taps) {
            long t = r.clientTs().toEpochMilli();
            send(h, ResponseChange.add(r), t);
            newest = Math.max(newest, t);
            if (newest - lag.toMillis() > watermark + 30_000) {
                watermark = newest - lag.toMillis();
                h.processWatermark(new Watermark(watermark));
            }
        }
        if (end) {
            h.processWatermark(new Watermark(Long.MAX_VALUE));
        }
    }

    private static List<Map<String, Object>> alerts(KeyedOneInputStreamOperatorTestHarness<String, DropObservation,
            EncodedRow> h) {
        EmittedRows rows = new EmittedRows();
        rows.addAll(h.extractOutputValues());
        return rows.all(Tables.ALERTS);
    }

    /** What identifies the rows a run wrote, without the time of writing. */
    private static List<String> identity(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("alert_id") + " " + r.get("status") + " " + r.get("opened_ts") + " "
                + r.get("updated_ts") + " " + r.get("observed") + " " + r.get("flagged") + " " + r.get("response_ids"))
                .toList();
    }

    @Test
    void aFallOfOneOfficeOpensOneIncidentForItAloneWhichClosesWhenItRecovers() throws Exception {
        List<SurveyResponse> taps = scenario(11);
        try (var h = harness()) {
            h.open();
            run(h, taps, Duration.ofSeconds(5), true);
            List<Map<String, Object>> rows = alerts(h);
            assertTrue(rows.stream().allMatch(r -> r.get("office_code").equals("BRY-01")),
                    "only the office that fell has an alert: " + identity(rows));
            List<Object> statuses = rows.stream().map(r -> r.get("status")).toList();
            assertEquals("open", statuses.get(0), identity(rows).toString());
            assertEquals("closed", statuses.get(statuses.size() - 1), "it closes once the office recovers: " + rows);
            assertEquals(1, rows.stream().map(r -> r.get("alert_id")).distinct().count(), "one incident, one id");
            assertEquals(1, statuses.stream().filter("open"::equals).count());

            Map<String, Object> open = rows.get(0);
            assertEquals("drop_kiosk", open.get("alert_type"));
            assertEquals("warning", open.get("severity"));
            assertEquals("BRY", open.get("region_code"));
            ZonedDateTime opened = Instant.ofEpochSecond((Long) open.get("opened_ts")).atZone(MOSCOW);
            assertEquals(FIRST_DAY.plusDays(FALL_DAY).toLocalDate(), opened.toLocalDate(),
                    "found on the day of the fall, within its 40 fallen taps' hours");
            assertTrue(opened.getHour() < 9 + FALLEN_TAPS * 9 / TAPS_PER_DAY + 1, "opened at " + opened);
            // the evidence: bad taps of BRY-01 on the fall day, the baseline near the usual 20 % bad
            @SuppressWarnings("unchecked") List<String> ids = (List<String>) open.get("response_ids");
            assertFalse(ids.isEmpty());
            Set<String> bad = new HashSet<>();
            taps.stream().filter(DropScenario::isBad).forEach(t -> bad.add(t.responseId()));
            assertTrue(bad.containsAll(ids), "only bad taps are named: " + ids);
            assertTrue(ids.stream().allMatch(id -> id.startsWith("BRY-01-d")), ids.toString());
            assertTrue((Long) open.get("flagged") <= (Long) open.get("observed"));
            double baseline = (Double) open.get("baseline");
            assertTrue(baseline > 0.12 && baseline < 0.28, "baseline " + baseline);
            assertEquals(baseline + DropTestSettings.DEFAULTS.shift(), (Double) open.get("alarm_level"), 1e-9);
            assertTrue((Double) open.get("statistic") >= (Double) open.get("threshold"));
            assertNull(open.get("closed_ts"));
            assertTrue(open.get("alert_id").toString().startsWith("drop_kiosk:BRY-01:BRY-01-d8-"), open.get("alert_id").toString());

            Map<String, Object> closed = rows.get(rows.size() - 1);
            assertEquals(closed.get("updated_ts"), closed.get("closed_ts"));
            assertEquals(open.get("opened_ts"), closed.get("opened_ts"));
            assertTrue((Long) closed.get("version") > (Long) open.get("version"), "the close outranks the opening");

            // all that waited for the watermark has been observed: only the two offices' scopes are left
            assertEquals(2, h.numKeyedStateEntries());
        }
    }

    @Test
    void disorderWithinTheWatermarkGivesTheSameIncidentsAsOrder() throws Exception {
        List<SurveyResponse> ordered = scenario(11);
        List<SurveyResponse> shuffled = new ArrayList<>(ordered);
        // shuffle within blocks of 10 taps (about 45 minutes of the two offices), and let the watermark lag 2 hours
        Random random = new Random(5);
        for (int i = 0; i < shuffled.size(); i += 10) {
            Collections.shuffle(shuffled.subList(i, Math.min(shuffled.size(), i + 10)), random);
        }
        try (var a = harness(); var b = harness()) {
            a.open();
            b.open();
            run(a, ordered, Duration.ofSeconds(5), true);
            run(b, shuffled, Duration.ofHours(2), true);
            List<String> expected = identity(alerts(a));
            assertFalse(expected.isEmpty());
            assertEquals(expected, identity(alerts(b)));
        }
    }

    @Test
    void historyThatArrivesBehindTheWatermarkStillCountsOnItsOwnDays() throws Exception {
        List<SurveyResponse> taps = scenario(11);
        try (var ordered = harness(); var late = harness()) {
            ordered.open();
            late.open();
            run(ordered, taps, Duration.ofSeconds(5), true);
            // a job catching up: the watermark already past everything when three weeks of taps arrive
            late.processWatermark(new Watermark(taps.get(taps.size() - 1).clientTs().toEpochMilli() + 1));
            for (SurveyResponse r : taps) {
                send(late, ResponseChange.add(r), r.clientTs().toEpochMilli());
            }
            late.processWatermark(new Watermark(Long.MAX_VALUE));
            List<String> expected = identity(alerts(ordered));
            assertFalse(expected.isEmpty());
            assertEquals(expected, identity(alerts(late)), "the same incidents, opened at the same taps");
        }
    }

    @Test
    void aRestoredStageGoesOnExactlyAsAnUninterruptedOne() throws Exception {
        List<SurveyResponse> taps = scenario(11);
        Instant dayTen = FIRST_DAY.plusDays(FALL_DAY + 2).toInstant();
        int cut = (int) taps.stream().filter(t -> t.clientTs().isBefore(dayTen)).count();
        List<String> uninterrupted;
        try (var h = harness()) {
            h.open();
            run(h, taps, Duration.ofSeconds(5), true);
            uninterrupted = identity(alerts(h));
        }
        OperatorSubtaskState snapshot;
        List<Map<String, Object>> before;
        try (var h = harness()) {
            h.open();
            run(h, taps.subList(0, cut), Duration.ofSeconds(5), false);
            snapshot = h.snapshot(1, 1);
            before = alerts(h);
            assertTrue(before.stream().noneMatch(r -> r.get("status").equals("closed")) && !before.isEmpty(),
                    "the snapshot holds an open incident: " + identity(before));
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            run(h, taps.subList(cut, taps.size()), Duration.ofSeconds(5), true);
            List<Map<String, Object>> all = new ArrayList<>(before);
            all.addAll(alerts(h));
            assertEquals(uninterrupted, identity(all));
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DropObservation, EncodedRow> harness(
            FixedRuleSettings.Rule rule) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DropAlertStage(
                DropTestSettings.DEFAULTS, new FixedRuleSettings(rule, 15 * 60, 4, 0.5))), DropObservation::officeCode,
                Types.STRING);
    }

    /** Taps of BRY-01, one a minute from {@code start}: {@code buttons} in order (1 and 2 are bad). */
    private static List<SurveyResponse> minuteTaps(String prefix, Instant start, int... buttons) {
        List<SurveyResponse> taps = new ArrayList<>();
        for (int i = 0; i < buttons.length; i++) {
            Instant at = start.plusSeconds(60L * i);
            taps.add(new KioskTap(prefix + i, "kiosk-1", buttons[i], null, at, 0)
                    .toResponse("BRY", "BRY-01", "hall", at.plusSeconds(1)));
        }
        return taps;
    }

    @Test
    void theFixedRuleRunsAsAnOptionBesideOrInsteadOfTheTestAndSurvivesARestore() throws Exception {
        Instant t0 = Instant.parse("2026-03-03T07:00:00Z");
        // three good taps, then bad ones: at the third bad tap 3 of 6 in 15 minutes are bad, a half of at least 4
        List<SurveyResponse> first = minuteTaps("f", t0, 4, 4, 3, 1, 1, 2, 1);
        // then good ones: the share falls below a half within the window, the incident closes
        List<SurveyResponse> then = minuteTaps("g", t0.plusSeconds(7 * 60), 4, 4, 4, 3, 4, 4);
        OperatorSubtaskState snapshot;
        List<Map<String, Object>> opened;
        try (var h = harness(FixedRuleSettings.Rule.BOTH)) {
            h.open();
            run(h, first, Duration.ofSeconds(5), false);
            h.processWatermark(new Watermark(t0.plusSeconds(7 * 60).toEpochMilli()));
            opened = alerts(h);
            snapshot = h.snapshot(1, 1);
        }
        assertEquals(1, opened.size(), "one incident of the fixed rule, and none of the test (no baseline yet): " + opened);
        Map<String, Object> open = opened.get(0);
        assertEquals("drop_kiosk_fixed", open.get("alert_type"));
        assertEquals("open", open.get("status"));
        assertEquals("drop_kiosk_fixed:BRY-01:f5", open.get("alert_id"), "opened by the third bad tap");
        assertEquals(List.of("f3", "f4", "f5"), open.get("response_ids"));
        assertEquals(6L, open.get("observed"));
        assertEquals(3L, open.get("flagged"));
        try (var h = harness(FixedRuleSettings.Rule.BOTH)) {
            h.initializeState(snapshot);
            h.open();
            run(h, then, Duration.ofSeconds(5), true);
            List<Map<String, Object>> after = alerts(h);
            assertEquals(1, after.size(), after.toString());
            Map<String, Object> closed = after.get(0);
            assertEquals("drop_kiosk_fixed:BRY-01:f5", closed.get("alert_id"), "the same incident after the restore");
            assertEquals("closed", closed.get("status"));
            // f0..g0 is 4 bad of 8, still a half; with g1 it is 4 of 9: the rule no longer holds
            assertEquals(t0.plusSeconds(8 * 60).getEpochSecond(), closed.get("closed_ts"));
            assertEquals(List.of("f3", "f4", "f5", "f6"), closed.get("response_ids"));
            assertEquals(7L, closed.get("observed"), "its worst window: 4 of 7");
            assertEquals(4L, closed.get("flagged"));
        }
        try (var h = harness(FixedRuleSettings.Rule.CUSUM)) {
            h.open();
            run(h, first, Duration.ofSeconds(5), true);
            assertEquals(List.of(), alerts(h), "the default runs the statistical test only");
        }
    }

    @Test
    void retractionsAndFormsWithoutScaleAnswersAreNoObservations() throws Exception {
        try (var h = harness()) {
            h.open();
            SurveyResponse tap = new KioskTap("t1", "k1", 1, null, FIRST_DAY.toInstant(), 0)
                    .toResponse("BRY", "BRY-01", "tp", FIRST_DAY.toInstant());
            send(h, ResponseChange.retract(tap), tap.clientTs().toEpochMilli());
            SurveyResponse choiceOnly = ru.otklik.streaming.testing.Responses.seeker("f1", "BRY-01",
                    FIRST_DAY.toInstant(), "Q4", "yes");
            send(h, ResponseChange.add(choiceOnly), choiceOnly.clientTs().toEpochMilli());
            assertEquals(0, h.numKeyedStateEntries(), "nothing kept for what is no observation");
            send(h, ResponseChange.add(tap), tap.clientTs().toEpochMilli());
            assertEquals(2, h.numKeyedStateEntries(), "the office's scopes and the tap waiting for the watermark");
            h.processWatermark(new Watermark(FIRST_DAY.toInstant().toEpochMilli() + 60_000));
            assertEquals(1, h.numKeyedStateEntries(), "observed: nothing waits any more");
        }
    }
}
