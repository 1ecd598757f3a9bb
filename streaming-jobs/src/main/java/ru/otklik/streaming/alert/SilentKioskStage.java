package ru.otklik.streaming.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.OpeningHours;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.store.AlertRow;
import ru.otklik.streaming.alert.internal.KioskSilence;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by office, the silent-kiosk flag (domain §8): a kiosk touchpoint with neither a tap nor a
 * heartbeat for {@code silentAfter} of the office's opening time (in its region's time zone) is
 * flagged ({@code kiosk_silent}) — at night, on a closed day, nothing is expected and nothing is
 * flagged. An event-time timer at the minute a touchpoint would become silent (the flag says the exact
 * moment); a contact moves the deadline, and closes an open flag. Only touchpoints that were once heard of can fall silent.
 */
public final class SilentKioskStage extends KeyedProcessFunction<String, KioskContact, EncodedRow> {

    private final OpeningHours hours;
    private final Duration silentAfter;
    private transient MapState<String, KioskSilence> touchpoints;
    private transient OfficeDirectory directory;

    public SilentKioskStage(OpeningHours hours, Duration silentAfter) {
        this.hours = hours;
        this.silentAfter = silentAfter;
    }

    @Override
    public void open(OpenContext context) {
        touchpoints = getRuntimeContext().getMapState(new MapStateDescriptor<>("silence-touchpoints", Types.STRING,
                OtklikTypes.KIOSK_SILENCE));
        directory = OfficeDirectory.pilot();
    }

    private String region(String office) {
        return directory.office(office).map(o -> o.regionCode()).orElse("");
    }

    private long silentAt(String office, long last) {
        ZoneId zone = RegionTimeZone.of(region(office));
        return hours.afterOpenTime(Instant.ofEpochMilli(last), silentAfter, zone).toEpochMilli();
    }

    @Override
    public void processElement(KioskContact contact, Context ctx, Collector<EncodedRow> out) throws Exception {
        KioskSilence s = touchpoints.get(contact.touchpointId());
        if (s != null && contact.at() <= s.last()) {
            return; // older than what we know: no news
        }
        if (s != null && s.isFlagged()) { // alive again: the flag closes at this contact
            AlertOutput.emit(List.of(row(contact.officeCode(), contact.touchpointId(), s, "closed", contact.at(),
                    System.currentTimeMillis() * 4 + 3)), ctx, out);
        }
        touchpoints.put(contact.touchpointId(), new KioskSilence(contact.at(), null, 0));
        // a timer at the end of the minute of the deadline: one per office and minute however many taps, and
        // none is deleted (another touchpoint's deadline may share it); a timer that finds no one silent is void
        ctx.timerService().registerEventTimeTimer(
                ru.otklik.streaming.alert.internal.EventTimeQueue.dueAt(silentAt(contact.officeCode(), contact.at())));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        String office = ctx.getCurrentKey();
        List<AlertRow> rows = new ArrayList<>();
        List<Map.Entry<String, KioskSilence>> flagged = new ArrayList<>();
        for (Map.Entry<String, KioskSilence> e : touchpoints.entries()) {
            KioskSilence s = e.getValue();
            long silentAt = silentAt(office, s.last());
            if (!s.isFlagged() && silentAt <= timestamp) {
                KioskSilence open = new KioskSilence(s.last(), "kiosk_silent:" + office + ":" + e.getKey() + ":" + s.last(),
                        silentAt);
                flagged.add(Map.entry(e.getKey(), open));
                rows.add(row(office, e.getKey(), open, "open", silentAt, System.currentTimeMillis() * 4 + 1));
            }
        }
        for (Map.Entry<String, KioskSilence> e : flagged) {
            touchpoints.put(e.getKey(), e.getValue());
        }
        AlertOutput.emit(rows, ctx, out);
    }

    private AlertRow row(String office, String touchpoint, KioskSilence s, String status, long at, long version) {
        return new AlertRow(s.alertId(), "kiosk_silent", "warning", status, region(office), office, touchpoint,
                s.last() / 1000, s.openedAt() / 1000, at / 1000, "closed".equals(status) ? at / 1000 : null, 0, 0, 0, 0,
                (at - s.last()) / 60_000.0, silentAfter.toMinutes(), List.of(),
                "{\"signal\":\"kiosk_silent\",\"opening_hours\":\"" + hours + "\",\"silent_after_minutes\":"
                        + silentAfter.toMinutes() + "}", version);
    }
}
