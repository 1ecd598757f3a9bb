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
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.AlertRow;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.alert.internal.EventTimeQueue;
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
 * observations are put in event-time order first ({@link EventTimeQueue}): each waits in state, under
 * its event time, until the watermark has passed the end of its minute, and then all that waited are
 * observed in order of time and response id. So the same topic gives the same incidents,
 * with the same ids, however its partitions interleave on a replay. An observation that arrives behind
 * the watermark (a kiosk's backlog of hours, a job catching up) is observed with the next minute, in the
 * order of its own times: the test weighs it like any other taps where it stands (a backlog neither
 * hides nor fakes a fall), and the baseline counts it on its own day.
 *
 * <p>Retractions (a response excluded later under a fraud flag) do not undo observations: the test
 * has moved on, and the clean index, not the drop test, is what excludes flagged responses.
 */
public final class DropAlertStage extends KeyedProcessFunction<String, ResponseChange, EncodedRow> {



    private final DropTestSettings settings;
    private transient EventTimeQueue<PendingObservation> pending;
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
        pending = new EventTimeQueue<>(getRuntimeContext(), "drop-pending", OtklikTypes.PENDING_OBSERVATIONS,
                PendingObservation::at, Comparator.comparing(PendingObservation::responseId));
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
        if (pending.add(new PendingObservation(r.clientTs().toEpochMilli(), r.responseId(),
                observation.get().signal(), observation.get().bad()), ctx.timerService())) {
            lateObservations.inc();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        List<EventTimeQueue.Due<PendingObservation>> due = pending.takeUntil(timestamp);
        if (due.isEmpty()) {
            return;
        }
        OfficeDrops office = drops.value();
        String officeCode = ctx.getCurrentKey();
        ZoneId zone = zones.computeIfAbsent(office.regionCode(), RegionTimeZone::of);
        // the version of a row is the time of its writing (as for the aggregates: the last writing wins,
        // also over rows written before a failure from state the restore rolled back), times 4 plus
        // the change, so an incident that opens and escalates in one batch keeps the escalation
        long version = System.currentTimeMillis() * 4;
        List<AlertRow> rows = new ArrayList<>();
        for (EventTimeQueue.Due<PendingObservation> d : due) {
            PendingObservation o = d.item();
            long day = LocalDate.ofInstant(Instant.ofEpochMilli(d.at()), zone).toEpochDay();
            AlertRow row = office.observe(officeCode, o.signal(), settings, d.at(), day, o.responseId(), o.bad(), version);
            if (row != null) {
                rows.add(row);
                if ("open".equals(row.status())) {
                    opened.inc();
                }
            }
        }
        drops.update(office);
        AlertOutput.emit(rows, ctx, out);
    }
}
