package ru.otklik.streaming.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.alert.FixedRuleSettings;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.AlertRow;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.alert.internal.EventTimeQueue;
import ru.otklik.streaming.alert.internal.OfficeDrops;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by office, the statistical drop test of its kiosk satisfaction and of its questionnaires'
 * positive share ({@link DropSignal}), each against the office's own trailing baseline (a Bernoulli
 * CUSUM, {@link ru.otklik.common.alert.DropDetector}); every incident becomes one row of
 * {@code otklik.alerts} that is written when it opens, escalates and closes — never one per response.
 *
 * <p>It reads the responses the office stage counted (each id once), as {@link DropObservation}s
 * made next to the office stage ({@link #observations()}). The test is sequential, so its
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
public final class DropAlertStage extends KeyedProcessFunction<String, DropObservation, EncodedRow> {

    private final DropTestSettings settings;
    private final FixedRuleSettings rule;
    private transient EventTimeQueue<DropObservation> pending;
    private transient ValueState<OfficeDrops> drops;
    private transient Map<String, ZoneId> zones;
    private transient Counter opened;
    private transient Counter lateObservations;

    public DropAlertStage(DropTestSettings settings) {
        this(settings, FixedRuleSettings.DEFAULTS);
    }

    /** @param rule which test runs (the statistical one, the fixed rule, or both) and the fixed rule's settings */
    public DropAlertStage(DropTestSettings settings, FixedRuleSettings rule) {
        this.settings = settings;
        this.rule = rule;
    }

    @Override
    public void open(OpenContext context) {
        pending = new EventTimeQueue<>(getRuntimeContext(), "drop-pending", OtklikTypes.DROP_OBSERVATION,
                DropObservation::at, DropObservation::responseId, java.time.Duration.ofMinutes(1));
        drops = getRuntimeContext().getState(new ValueStateDescriptor<>("drop-scopes", OtklikTypes.OFFICE_DROPS));
        zones = new HashMap<>();
        opened = getRuntimeContext().getMetricGroup().counter("dropAlertsOpened");
        lateObservations = getRuntimeContext().getMetricGroup().counter("dropObservationsBehindWatermark");
    }

    /** What the office stage's counted responses are to the drop test (retractions and rater forms: nothing). */
    public static FlatMapFunction<ResponseChange, DropObservation> observations() {
        return new Observations();
    }

    private static final class Observations implements FlatMapFunction<ResponseChange, DropObservation> {
        private transient SurveyCatalog surveys;
        private transient Map<String, Optional<SurveyDefinition>> definitions;

        @Override
        public void flatMap(ResponseChange change, Collector<DropObservation> out) {
            if (change.kind() != ResponseChange.Kind.ADD) {
                return;
            }
            if (surveys == null) {
                surveys = SurveyCatalog.builtIn();
                definitions = new HashMap<>();
            }
            SurveyResponse r = change.response();
            DropSignal.of(r, definitions.computeIfAbsent(r.surveyId() + "@" + r.surveyVersion(),
                    k -> surveys.find(r.surveyId(), r.surveyVersion())).orElse(null))
                    .ifPresent(o -> out.collect(new DropObservation(r.officeCode(), r.regionCode(),
                            r.clientTs().toEpochMilli(), r.responseId(), o.signal(), o.bad())));
        }
    }

    @Override
    public void processElement(DropObservation o, Context ctx, Collector<EncodedRow> out) throws Exception {
        if (drops.value() == null) {
            drops.update(new OfficeDrops(o.regionCode()));
        }
        if (pending.add(o, ctx.timerService())) {
            lateObservations.inc();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        List<EventTimeQueue.Due<DropObservation>> due = pending.takeUntil(EventTimeQueue.releasesUntil(ctx.timeDomain(),
                timestamp, ctx.timerService().currentWatermark()));
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
        for (EventTimeQueue.Due<DropObservation> d : due) {
            DropObservation o = d.item();
            long day = LocalDate.ofInstant(Instant.ofEpochMilli(d.at()), zone).toEpochDay();
            if (rule.rule().statistical()) {
                AlertRow row = office.observe(officeCode, o.signal(), settings, d.at(), day, o.responseId(), o.bad(), version);
                if (row != null) {
                    rows.add(row);
                    if ("open".equals(row.status())) {
                        opened.inc();
                    }
                }
            }
            if (rule.rule().fixed()) {
                AlertRow row = office.observeFixed(officeCode, o.signal(), rule, d.at(), o.responseId(), o.bad(), version);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        drops.update(office);
        AlertOutput.emit(rows, ctx, out);
    }
}
