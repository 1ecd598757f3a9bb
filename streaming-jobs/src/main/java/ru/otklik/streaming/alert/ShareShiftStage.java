package ru.otklik.streaming.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.alert.ShareShift;
import ru.otklik.common.alert.ShiftSettings;
import ru.otklik.common.store.AlertRow;
import ru.otklik.streaming.alert.internal.OfficeShares;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The global half of the distribution-shift test ({@link ShareShift}), under one key for the country: at the end of
 * every UTC day of event time each office's share of top forms and of positive forms over the last
 * {@code windowDays} is compared with its own baseline (the {@code baselineDays} before) and with the rest of its
 * region in the same window — or, when the rest of its region has fewer than {@code minimumWindow} forms that week
 * (an office alone in its region, or a quiet neighbour), with the rest of the country: "above its region's" needs
 * a region to compare with, and without a reference the flag could never open there. When both comparisons clear
 * the threshold and the lift, an incident {@code shift_share} opens for the office; it escalates when the lift
 * reaches twice the minimum and closes at the first day's end where neither share is shifted. One row per change
 * of the incident, like every alert; its {@code detail} names the reference ({@code region} or {@code country}).
 *
 * <p>The flag points a reviewer at an office; it names no responses (the shift is a property of weeks of forms,
 * not of some of them) and so takes nothing out of the clean index — the burst, duplicate, speed and staff flags
 * do that for the forms they catch. Its input is one {@link OfficeShareDay} per office and day (plus late
 * increments): the one key receives as many records a day as there are offices, never one per form, and an
 * evaluation costs one pass over the offices a day.
 *
 * <p>A day's records reach this stage before the watermark that ends the day (the office stage hands them on in
 * its timer for that watermark), so every evaluation sees its whole day. A late increment counts where it
 * belongs and is weighed from the next evaluation on; an evaluation is never repeated for a past day. The state
 * returns to empty when no office has a day in the window and baseline and no incident is open.
 */
public final class ShareShiftStage extends KeyedProcessFunction<String, OfficeShareDay, EncodedRow> {

    public static final String ALERT_TYPE = "shift_share";
    /** The stage's one key: the country. */
    public static final String COUNTRY = "country";
    private static final long DAY_MS = ShareDays.DAY_MS;

    private final ShiftSettings settings;
    private transient ValueState<OfficeShares> shares;
    private transient Counter opened;

    public ShareShiftStage(ShiftSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        shares = getRuntimeContext().getState(new ValueStateDescriptor<>("office-shares", OtklikTypes.OFFICE_SHARES));
        opened = getRuntimeContext().getMetricGroup().counter("shiftFlagsOpened");
    }

    /** Every office's days go to the one key: the reference of an office may be the rest of the country. */
    public static String key(OfficeShareDay d) {
        return COUNTRY;
    }

    private static long endOf(long day) {
        return (day + 1) * DAY_MS - 1;
    }

    @Override
    public void processElement(OfficeShareDay d, Context ctx, Collector<EncodedRow> out) throws Exception {
        OfficeShares r = shares.value();
        if (r == null) {
            r = new OfficeShares();
        }
        OfficeShares.Office o = r.offices.computeIfAbsent(d.officeCode(), k -> new OfficeShares.Office());
        o.region = d.regionCode();
        o.days.merge(d.day(), new int[] {d.forms(), d.top(), d.positive()},
                (a, b) -> new int[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
        shares.update(r);
        // evaluate at the end of the record's day, or of the day now running when the record is late
        long watermark = ctx.timerService().currentWatermark();
        long day = watermark == Long.MIN_VALUE ? d.day() : Math.max(d.day(), Math.floorDiv(watermark + 1, DAY_MS));
        ctx.timerService().registerEventTimeTimer(endOf(day));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        OfficeShares r = shares.value();
        if (r == null) {
            return;
        }
        long day = Math.floorDiv(timestamp, DAY_MS);
        List<AlertRow> rows = evaluate(r, day, timestamp, settings);
        // an incident opened now carries this timer's time as its opening (it may open escalated at once)
        opened.inc(rows.stream().filter(row -> row.openedTs() == timestamp / 1000 && !row.status().equals("closed")).count());
        AlertOutput.emit(rows, ctx, out);
        if (r.offices.isEmpty()) {
            shares.clear();
        } else {
            shares.update(r);
            ctx.timerService().registerEventTimeTimer(endOf(day + 1)); // the window slides on with no new forms too
        }
    }

    /**
     * The test at the end of {@code day} for every office: the rows of the incidents that open, escalate or close
     * ({@code at} their time and version). Updates {@code r} — incidents, and the days that left the window and the
     * baseline — so the benchmark runs exactly what the stage runs.
     */
    public static List<AlertRow> evaluate(OfficeShares r, long day, long at, ShiftSettings settings) {
        long windowFrom = day - settings.windowDays() + 1;
        long baselineTo = windowFrom - settings.baselineGapDays() - 1; // the gap between them is in neither
        long baselineFrom = baselineTo - settings.baselineDays() + 1;
        java.util.Map<String, long[]> regionWindow = new java.util.HashMap<>();
        long[] countryWindow = new long[3];
        for (OfficeShares.Office o : r.offices.values()) {
            long[] w = o.sum(windowFrom, day);
            long[] region = regionWindow.computeIfAbsent(o.region, k -> new long[3]);
            for (int i = 0; i < 3; i++) {
                region[i] += w[i];
                countryWindow[i] += w[i];
            }
        }
        List<AlertRow> rows = new ArrayList<>();
        for (var e : r.offices.entrySet()) {
            OfficeShares.Office o = e.getValue();
            long[] w = o.sum(windowFrom, day);
            long[] b = o.sum(baselineFrom, baselineTo);
            long[] region = regionWindow.get(o.region);
            boolean regional = region[0] - w[0] >= settings.minimumWindow();
            long[] all = regional ? region : countryWindow; // the rest of the region, or of the country
            ShareShift.Outcome top = ShareShift.test(ShareShift.Measure.TOP_SHARE, w[1], w[0], b[1], b[0],
                    all[1] - w[1], all[0] - w[0], settings);
            ShareShift.Outcome positive = ShareShift.test(ShareShift.Measure.POSITIVE_SHARE, w[2], w[0], b[2], b[0],
                    all[2] - w[2], all[0] - w[0], settings);
            ShareShift.Outcome strongest = !top.shifted() ? positive : !positive.shifted() ? top
                    : top.lift() >= positive.lift() ? top : positive;
            String reference = regional ? "region" : "country";
            boolean shifted = top.shifted() || positive.shifted();
            if (shifted && o.alertId == null) {
                o.alertId = ALERT_TYPE + ":" + e.getKey() + ":" + day;
                o.startedDay = windowFrom;
                o.openedAt = at;
                o.escalated = strongest.lift() >= 2 * settings.minimumLift();
                rows.add(row(e.getKey(), o, strongest, reference, o.escalated ? "escalated" : "open", at, settings));
            } else if (shifted && !o.escalated && strongest.lift() >= 2 * settings.minimumLift()) {
                o.escalated = true;
                rows.add(row(e.getKey(), o, strongest, reference, "escalated", at, settings));
            } else if (!shifted && o.alertId != null) {
                ShareShift.Outcome last = top.lift() >= positive.lift() ? top : positive;
                rows.add(row(e.getKey(), o, last, reference, "closed", at, settings));
                o.alertId = null;
                o.escalated = false;
            }
            o.days.headMap(day - settings.daysKept() + 1).clear(); // out of the window and the baseline
        }
        r.offices.values().removeIf(OfficeShares.Office::idle);
        return rows;
    }

    private static AlertRow row(String office, OfficeShares.Office o, ShareShift.Outcome x, String reference,
                                String status, long at, ShiftSettings settings) {
        String region = o.region;
        String detail = String.format(Locale.ROOT, "{\"signal\":\"%s\",\"measure\":\"%s\",\"share\":%.4f,\"baseline\":%.4f,"
                        + "\"region\":%.4f,\"reference\":\"%s\",\"z_own\":%.3f,\"z_region\":%.3f,\"lift\":%.4f,"
                        + "\"window_days\":%d,\"baseline_days\":%d,\"baseline_gap_days\":%d,\"minimum_lift\":%.4f}",
                ALERT_TYPE, x.measure().code(), x.share(), x.baseline(), x.region(), reference, x.zOwn(), x.zRegion(),
                x.lift(), settings.windowDays(), settings.baselineDays(), settings.baselineGapDays(), settings.minimumLift());
        return new AlertRow(o.alertId, ALERT_TYPE, o.escalated ? "critical" : "warning", status,
                region, office, office, o.startedDay * DAY_MS / 1000, o.openedAt / 1000, at / 1000,
                "closed".equals(status) ? at / 1000 : null, x.forms(), x.hits(), x.baseline(), x.region(),
                Math.min(x.zOwn(), x.zRegion()), settings.z(), List.of(), detail, at);
    }
}
