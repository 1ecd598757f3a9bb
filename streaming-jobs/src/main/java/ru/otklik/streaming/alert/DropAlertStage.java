package ru.otklik.streaming.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.AlertRow;
import ru.otklik.common.store.Tables;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.alert.internal.OfficeDrops;
import ru.otklik.streaming.alert.internal.PendingObservation;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by office, the statistical drop test of its kiosk satisfaction and of its questionnaires'
 * positive share ({@link DropSignal}), each against the office's own trailing baseline (a Bernoulli
 * CUSUM, {@link ru.otklik.common.alert.DropDetector}); every incident becomes one row of
 * {@code otklik.alerts} that is written when it opens, escalates and closes — never one per response.
 *
 * <p>It reads the responses the office stage counted (each id once). The test is sequential, so its
 * observations are put in event-time order first: each waits in state, under its event time, until
 * the watermark has passed the end of its minute (one timer per office and minute), and then all that
 * waited are observed in order of time and response id. So the same topic gives the same incidents,
 * with the same ids, however its partitions interleave on a replay. An observation that arrives behind
 * the watermark (a kiosk's backlog of hours) is observed with the next minute, in its arrival order,
 * on the day the test has reached: a backlog is a block of one kiosk's taps, which the test weighs like
 * any other taps, and neither hides nor fakes a fall.
 *
 * <p>Retractions (a response excluded later under a fraud flag) do not undo observations: the test
 * has moved on, and the clean index, not the drop test, is what excludes flagged responses.
 */
public final class DropAlertStage extends KeyedProcessFunction<String, ResponseChange, EncodedRow> {

    /** Every row written to {@code otklik.alerts}, also as an event for Kafka topic {@code alerts}. */
    public static final org.apache.flink.util.OutputTag<ru.otklik.common.alert.AlertEvent> ALERT_EVENTS =
            new org.apache.flink.util.OutputTag<>("alert-events", OtklikTypes.ALERT_EVENT);

    private static final long MINUTE = 60_000;

    private final DropTestSettings settings;
    private transient MapState<Long, List<PendingObservation>> pending;
    private transient ValueState<OfficeDrops> drops;
    private transient SurveyCatalog surveys;
    private transient Map<String, Optional<SurveyDefinition>> definitions;
    private transient Map<String, ZoneId> zones;
    private transient Counter opened;
    private transient Counter lateObservations;

    public DropAlertStage(DropTestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("drop-pending", Types.LONG,
                OtklikTypes.PENDING_OBSERVATIONS));
        drops = getRuntimeContext().getState(new ValueStateDescriptor<>("drop-scopes", OtklikTypes.OFFICE_DROPS));
        surveys = SurveyCatalog.builtIn();
        definitions = new HashMap<>();
        zones = new HashMap<>();
        opened = getRuntimeContext().getMetricGroup().counter("dropAlertsOpened");
        lateObservations = getRuntimeContext().getMetricGroup().counter("dropObservationsBehindWatermark");
    }

    @Override
    public void processElement(ResponseChange change, Context ctx, Collector<EncodedRow> out) throws Exception {
        if (change.kind() != ResponseChange.Kind.ADD) {
            return;
        }
        SurveyResponse r = change.response();
        Optional<DropSignal.Observation> observation = DropSignal.of(r, definitions.computeIfAbsent(
                r.surveyId() + "@" + r.surveyVersion(), k -> surveys.find(r.surveyId(), r.surveyVersion())).orElse(null));
        if (observation.isEmpty()) {
            return;
        }
        if (drops.value() == null) {
            drops.update(new OfficeDrops(r.regionCode()));
        }
        long at = r.clientTs().toEpochMilli();
        long watermark = ctx.timerService().currentWatermark();
        if (at <= watermark) {
            lateObservations.inc();
            at = watermark + 1; // behind the watermark: with the next minute, in arrival order
        }
        List<PendingObservation> waiting = pending.get(at);
        List<PendingObservation> now = new ArrayList<>(waiting == null ? List.of() : waiting);
        now.add(new PendingObservation(r.responseId(), observation.get().signal(), observation.get().bad()));
        pending.put(at, List.copyOf(now));
        ctx.timerService().registerEventTimeTimer(at - Math.floorMod(at, MINUTE) + MINUTE - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long at : pending.keys()) {
            if (at <= timestamp) {
                due.add(at);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        due.sort(Comparator.naturalOrder());
        OfficeDrops office = drops.value();
        String officeCode = ctx.getCurrentKey();
        ZoneId zone = zones.computeIfAbsent(office.regionCode(), RegionTimeZone::of);
        // the version of a row is the time of its writing (as for the aggregates: the last writing wins,
        // also over rows written before a failure from state the restore rolled back), times 4 plus
        // the change, so an incident that opens and escalates in one batch keeps the escalation
        long version = System.currentTimeMillis() * 4;
        List<AlertRow> rows = new ArrayList<>();
        for (Long at : due) {
            List<PendingObservation> observations = new ArrayList<>(pending.get(at));
            observations.sort(Comparator.comparing(PendingObservation::responseId));
            long day = LocalDate.ofInstant(Instant.ofEpochMilli(at), zone).toEpochDay();
            for (PendingObservation o : observations) {
                AlertRow row = office.observe(officeCode, o.signal(), settings, at, day, o.responseId(), o.bad(), version);
                if (row != null) {
                    rows.add(row);
                    if ("open".equals(row.status())) {
                        opened.inc();
                    }
                }
            }
            pending.remove(at);
        }
        drops.update(office);
        if (!rows.isEmpty()) {
            out.collect(new EncodedRow(Tables.idOf(Tables.ALERTS), rows.size(), Tables.ALERTS.encode(rows), true));
            for (AlertRow row : rows) {
                ctx.output(ALERT_EVENTS, ru.otklik.common.alert.AlertEvent.of(row));
            }
        }
    }
}
