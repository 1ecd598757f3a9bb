package ru.otklik.streaming.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OpeningHours;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;

/** The silent-kiosk flag on Flink's operator harness, in Bryansk's (Moscow) time. */
class SilentKioskStageTest {

    private static final ZoneId MSK = ZoneId.of("Europe/Moscow");

    private static long msk(int day, int hour, int minute) { // 2026-03-02 is a Monday
        return ZonedDateTime.of(2026, 3, day, hour, minute, 0, 0, MSK).toInstant().toEpochMilli();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, KioskContact, EncodedRow> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new SilentKioskStage(OpeningHours.pilot(), Duration.ofMinutes(30))), KioskContact::officeCode, Types.STRING);
        h.open();
        return h;
    }

    private static void contact(KeyedOneInputStreamOperatorTestHarness<String, KioskContact, EncodedRow> h, String tp,
                                long at) throws Exception {
        h.processElement(new StreamRecord<>(new KioskContact("BRY-01", tp, at), at));
    }

    private static List<Map<String, Object>> rows(KeyedOneInputStreamOperatorTestHarness<String, KioskContact,
            EncodedRow> h) {
        EmittedRows rows = new EmittedRows();
        rows.addAll(h.extractOutputValues());
        return rows.all(Tables.ALERTS);
    }

    @Test
    void aKioskSilentInOpeningHoursIsFlaggedAndItsNextContactClosesTheFlag() throws Exception {
        try (var h = harness()) {
            contact(h, "tp-hall", msk(2, 11, 0));
            contact(h, "tp-desk", msk(2, 11, 0));
            contact(h, "tp-desk", msk(2, 11, 20)); // the desk kiosk goes on talking
            h.processWatermark(new Watermark(msk(2, 11, 29) + 59_000));
            assertEquals(List.of(), rows(h), "29 minutes of silence are not yet 30");
            contact(h, "tp-desk", msk(2, 11, 40));
            h.processWatermark(new Watermark(msk(2, 11, 31)));
            List<Map<String, Object>> flagged = rows(h);
            assertEquals(1, flagged.size(), flagged.toString());
            Map<String, Object> open = flagged.get(0);
            assertEquals("kiosk_silent", open.get("alert_type"));
            assertEquals("tp-hall", open.get("scope_id"));
            assertEquals("open", open.get("status"));
            assertEquals(msk(2, 11, 30) / 1000, open.get("opened_ts"));
            assertEquals(msk(2, 11, 0) / 1000, open.get("started_ts"), "silent since its last contact");
            assertEquals("BRY", open.get("region_code"));

            contact(h, "tp-hall", msk(2, 13, 5)); // plugged in again
            Map<String, Object> closed = rows(h).get(1);
            assertEquals(open.get("alert_id"), closed.get("alert_id"));
            assertEquals("closed", closed.get("status"));
            assertEquals(msk(2, 13, 5) / 1000, closed.get("closed_ts"));
        }
    }

    @Test
    void nightsAndSundaysAreNotSilence() throws Exception {
        try (var h = harness()) {
            contact(h, "tp-hall", msk(6, 17, 50)); // Friday, ten minutes before closing
            h.processWatermark(new Watermark(msk(7, 10, 19) + 59_000)); // through the night to Saturday 10:19:59
            assertEquals(List.of(), rows(h), "ten minutes on Friday, nineteen on Saturday");
            h.processWatermark(new Watermark(msk(7, 10, 21)));
            assertEquals(msk(7, 10, 20) / 1000, rows(h).get(0).get("opened_ts"));

            contact(h, "tp-desk", msk(7, 13, 55)); // Saturday, five minutes before closing
            h.processWatermark(new Watermark(msk(9, 9, 24) + 59_000)); // Sunday is closed; Monday from 09:00
            assertEquals(1, rows(h).size());
            h.processWatermark(new Watermark(msk(9, 9, 26)));
            assertEquals(2, rows(h).size());
            assertEquals(msk(9, 9, 25) / 1000, rows(h).get(1).get("opened_ts"));
            assertNull(rows(h).get(1).get("closed_ts"));
        }
    }

    @Test
    void anOlderContactIsNoNews() throws Exception {
        try (var h = harness()) {
            contact(h, "tp-hall", msk(2, 11, 0));
            contact(h, "tp-hall", msk(2, 9, 0)); // a backlog tap from the morning, arriving late
            h.processWatermark(new Watermark(msk(2, 11, 29) + 59_000));
            assertEquals(List.of(), rows(h), "the late tap did not move the deadline back");
            h.processWatermark(new Watermark(msk(2, 11, 31)));
            assertEquals(1, rows(h).size());
            assertEquals(0, h.numEventTimeTimers(), "nothing more to wait for until the next contact");
        }
    }
}
