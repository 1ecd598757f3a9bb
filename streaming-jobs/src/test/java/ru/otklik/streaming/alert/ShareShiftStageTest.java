package ru.otklik.streaming.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.alert.ShiftSettings;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;
import ru.otklik.streaming.testing.Responses;
import ru.otklik.streaming.types.OtklikTypes;

/** Both halves of the distribution-shift flag on Flink's operator harness: the office's days, the region's test. */
class ShareShiftStageTest {

    private static final long DAY = 86_400_000L;
    private static final long DAY0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli() / DAY;

    private static long end(long day) {
        return (day + 1) * DAY - 1;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, OfficeShareDay, EncodedRow> region() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new ShareShiftStage(ShiftSettings.DEFAULTS)), ShareShiftStage::key, Types.STRING);
        h.open();
        return h;
    }

    /** One day: every office's forms of the day (10 each, {@code top} of them top; its region the code's first three letters), then its end. */
    private static void day(KeyedOneInputStreamOperatorTestHarness<String, OfficeShareDay, EncodedRow> h, long day,
                            Map<String, Integer> top) throws Exception {
        for (var e : top.entrySet()) {
            h.processElement(new StreamRecord<>(new OfficeShareDay(e.getKey().substring(0, 3), e.getKey(), day, 10, e.getValue(),
                    Math.max(6, e.getValue())), end(day)));
        }
        h.processWatermark(new Watermark(end(day)));
    }

    private static List<Map<String, Object>> rows(KeyedOneInputStreamOperatorTestHarness<String, OfficeShareDay, EncodedRow> h) {
        EmittedRows rows = new EmittedRows();
        rows.addAll(h.extractOutputValues());
        return rows.all(Tables.ALERTS);
    }

    @Test
    void anOfficeWhoseTopShareJumpsAboveItsOwnPastAndItsRegionIsFlaggedOnceAndTheFlagClosesWhenItSettles()
            throws Exception {
        try (var h = region()) {
            Map<String, Integer> normal = Map.of("BRY-01", 1, "BRY-02", 1, "BRY-03", 2);
            for (long d = DAY0; d < DAY0 + 28; d++) {
                day(h, d, normal);
            }
            assertEquals(List.of(), rows(h), "four normal weeks: nothing");
            for (long d = DAY0 + 28; d < DAY0 + 35; d++) {
                day(h, d, Map.of("BRY-01", 8, "BRY-02", 1, "BRY-03", 2)); // BRY-01: 8 of 10 forms all tens
            }
            List<Map<String, Object>> flagged = rows(h);
            assertEquals(1, flagged.stream().map(r -> r.get("alert_id")).distinct().count(),
                    "one incident, not one a day: " + flagged);
            assertTrue(flagged.size() <= 2, "written when it opens and (once) when it escalates: " + flagged);
            Map<String, Object> open = flagged.get(0);
            assertEquals("shift_share", open.get("alert_type"));
            assertEquals("BRY-01", open.get("office_code"));
            assertEquals("open", open.get("status"));
            assertEquals("escalated", flagged.get(flagged.size() - 1).get("status"), "0.8 against 0.1: twice the lift");
            assertTrue(((String) open.get("detail")).contains("\"measure\":\"top_share\""), open.toString());
            assertEquals(0.1, (double) open.get("baseline"), 0.02, "its own past share of top forms");
            assertEquals(List.of(), open.get("response_ids"), "the flag names an office, not responses");
            String openedDay = ((String) open.get("alert_id")).substring("shift_share:BRY-01:".length());
            assertTrue(Long.parseLong(openedDay) < DAY0 + 35 && Long.parseLong(openedDay) >= DAY0 + 28, openedDay);

            for (long d = DAY0 + 35; d < DAY0 + 42; d++) {
                day(h, d, normal);
            }
            List<Map<String, Object>> all = rows(h);
            Map<String, Object> last = all.get(all.size() - 1);
            assertEquals(open.get("alert_id"), last.get("alert_id"));
            assertEquals("closed", last.get("status"), "a normal week later: " + all);
            assertEquals(1, all.stream().map(r -> r.get("alert_id")).distinct().count(), "one incident; BRY-02, BRY-03 none");

            h.processWatermark(new Watermark(end(DAY0 + 42 + ShiftSettings.DEFAULTS.daysKept())));
            assertEquals(0, h.numKeyedStateEntries(), "every day has left the window and the baseline");
        }
    }

    @Test
    void aRegionWhereEveryOfficeRisesTogetherIsNoOnesShift() throws Exception {
        try (var h = region()) {
            for (long d = DAY0; d < DAY0 + 28; d++) {
                day(h, d, Map.of("BRY-01", 1, "BRY-02", 1));
            }
            for (long d = DAY0 + 28; d < DAY0 + 35; d++) {
                day(h, d, Map.of("BRY-01", 8, "BRY-02", 8)); // a new questionnaire wording, a season: all of them
            }
            assertEquals(List.of(), rows(h));
        }
    }

    @Test
    void anOfficeAloneInItsRegionIsComparedWithTheRestOfTheCountryAndARegionRisingTogetherStillIsNot() throws Exception {
        try (var h = region()) {
            for (long d = DAY0; d < DAY0 + 28; d++) {
                day(h, d, Map.of("TYU-01", 1, "BRY-01", 1, "BRY-02", 1));
            }
            for (long d = DAY0 + 28; d < DAY0 + 35; d++) {
                // TYU-01 alone in its region jumps; both BRY offices rise together (the region's own change)
                day(h, d, Map.of("TYU-01", 8, "BRY-01", 5, "BRY-02", 5));
            }
            List<Map<String, Object>> flagged = rows(h);
            assertEquals(List.of("TYU-01"), flagged.stream().map(r -> r.get("office_code")).distinct().toList(),
                    flagged.toString());
            Map<String, Object> open = flagged.get(0);
            assertEquals("TYU", open.get("region_code"));
            assertTrue(((String) open.get("detail")).contains("\"reference\":\"country\""), open.toString());
            long opened = Long.parseLong(((String) open.get("alert_id")).substring("shift_share:TYU-01:".length()));
            long risen = opened - (DAY0 + 28) + 1; // days of the window since BRY rose to 5 of 10
            assertEquals((risen * 5 + (7 - risen) * 1) / 70.0, (double) open.get("alarm_level"), 1e-9,
                    "the rest of the country's share that week (both BRY offices)");
        }
    }

    @Test
    void theOfficeHalfHandsOnOneRecordPerDayAndALateFormAsAnIncrement() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ShareDays()),
                ResponseChange::officeCode, Types.STRING)) {
            h.open();
            Instant morning = Instant.ofEpochMilli(DAY0 * DAY + 9 * 3_600_000L);
            for (int i = 0; i < 5; i++) {
                var r = Responses.seeker("s-" + i, "BRY-01", morning.plusSeconds(i), "Q1", 10, "Q5", i < 3 ? 10 : 4);
                h.processElement(new StreamRecord<>(ResponseChange.add(r), r.clientTs().toEpochMilli()));
            }
            var tap = Responses.seeker("s-x", "BRY-01", morning, "Q4", "yes"); // no 1-10 answer: not counted
            h.processElement(new StreamRecord<>(ResponseChange.add(tap), morning.toEpochMilli()));
            assertEquals(List.of(), h.extractOutputValues(), "nothing before the day ends");
            h.processWatermark(new Watermark(end(DAY0)));
            assertEquals(List.of(new OfficeShareDay("BRY", "BRY-01", DAY0, 5, 3, 5)), h.extractOutputValues());
            assertEquals(0, h.numKeyedStateEntries(), "the day has been handed on");
            var late = Responses.seeker("s-late", "BRY-01", morning.plusSeconds(60), "Q1", 2);
            h.processElement(new StreamRecord<>(ResponseChange.add(late), late.clientTs().toEpochMilli()));
            assertEquals(new OfficeShareDay("BRY", "BRY-01", DAY0, 1, 0, 0), h.extractOutputValues().get(1),
                    "a form behind the watermark goes on at once, to its own day");
            h.processElement(new StreamRecord<>(ResponseChange.retract(late), late.clientTs().toEpochMilli()));
            assertEquals(2, h.extractOutputValues().size(), "retractions are not the shift test's business");
        }
    }
}
