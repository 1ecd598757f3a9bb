package ru.otklik.streaming.alert;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.alert.FlagReviewEvent;
import ru.otklik.common.alert.FraudSettings;
import ru.otklik.common.alert.FraudSignal;
import ru.otklik.common.store.AlertRow;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.alert.internal.EventTimeQueue;
import ru.otklik.streaming.alert.internal.FraudCluster;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The fraud flags that count one source's responses within a window ({@link FraudSignal}: bursts of
 * forms from one address, identical answer vectors from one address, implausibly fast forms, bursts of
 * one kiosk's taps), keyed by the source ({@link FraudSighting#clusterKey()}: office, signal, source):
 * each source's count lives under its own key with its own timers, so what a minute costs follows the
 * sources that changed, not how many an office has seen in a day. Sightings are judged in event-time
 * order ({@link EventTimeQueue}), so a kiosk's backlog of hours, which arrives at once, is counted at
 * the times its taps were made and neither hides a burst nor fakes one; only what arrives behind the
 * watermark is counted at the watermark. A flag is one incident of one source: one row of
 * {@code otklik.alerts} when it opens, again (at most once per {@link #JUDGED_EVERY}) while it gathers responses
 * (those that come while the source's count within the window is still at the threshold; a kiosk tapped on as
 * usual after a burst is not part of it), and when a whole window has passed without one it gathered (closed),
 * after which the source's count is gone. Flags
 * never delete: the responses stay in the raw tables, named in the row.
 *
 * <p>A flag takes its responses out of the clean figures ({@link #EXCLUSIONS}: a
 * {@link ResponseChange.Kind#RETRACT RETRACT} for the office stage): those already in its window when it
 * opens — counted long before, so the sightings carry the whole response and the source keeps the
 * responses of the window it watches — and each that joins it later. The excluded responses are
 * kept ({@link #WITHHELD_FOR}) so that a dismissal can put them back. The sightings come straight from
 * the check, before the office stage's dedup: a resend (the same id again) is recognised here.
 *
 * <p>The second input are the reviewers' decisions ({@link FlagReviewEvent}, topic {@code alert.reviews}),
 * keyed like the flag they decide ({@link #clusterKeyOf}). The newest decision per flag counts: a
 * dismissal readmits the flag's responses ({@link ResponseChange.Kind#READMIT READMIT}) and keeps those
 * that join it later in; a confirmation after a dismissal excludes them again. A decision may arrive
 * before its flag exists (a rebuild reads the few reviews long before the responses): it is kept, and
 * the flag follows it when it opens, so a replay ends with the figures of the live run.
 */
public final class FraudFlagStage extends KeyedCoProcessFunction<String, FraudSighting, FlagReviewEvent, EncodedRow> {

    /**
     * How much event time is judged at once: a flag opens at most this long (plus the watermark's
     * out-of-orderness) after its threshold-crossing response. Each source has its own key, so a short
     * step costs timers only where there are responses.
     */
    static final java.time.Duration JUDGED_EVERY = java.time.Duration.ofSeconds(5);

    /** The responses a flag takes out of the clean figures, for the office stage. */
    public static final OutputTag<ResponseChange> EXCLUSIONS = new OutputTag<>("fraud-exclusions",
            OtklikTypes.RESPONSE_CHANGE);
    /**
     * How long a flag's responses are kept for a reviewer's decision, after the last of them: longer than
     * the longest window (a quarter) plus the history's late horizon, after which putting one back
     * would change no figure the job still holds.
     */
    static final java.time.Duration WITHHELD_FOR = java.time.Duration.ofDays(100);

    private final FraudSettings settings;
    private transient EventTimeQueue<FraudSighting> queue;
    private transient ValueState<FraudCluster> cluster;
    /** While the source is watched: the responses of its window, by id (to exclude them if it opens). */
    private transient MapState<String, SurveyResponse> recent;
    /** The responses its flags took out, by id, and which flag took each. */
    private transient MapState<String, SurveyResponse> withheld;
    private transient MapState<String, String> withheldBy;
    /** Per flag of the source with withheld responses: until when they are kept (event time, ms). */
    private transient MapState<String, Long> keptUntil;
    /** The newest decision per flag: its time (ms), negative for a dismissal. */
    private transient MapState<String, Long> decisions;
    private transient Counter opened;
    private transient Counter excluded;

    public FraudFlagStage(FraudSettings settings) {
        this.settings = settings;
    }

    /** The sources each checked response belongs to (resends included: the stage knows them by id). */
    public static FlatMapFunction<ResponseChange, FraudSighting> sightings(FraudSettings settings) {
        return sightings(settings, ru.otklik.common.office.OpeningHours.pilot());
    }

    /** The same with the offices' opening hours (the staff pattern counts only forms sent while they are open). */
    public static FlatMapFunction<ResponseChange, FraudSighting> sightings(FraudSettings settings,
                                                                           ru.otklik.common.office.OpeningHours hours) {
        return (change, out) -> {
            if (change.kind() == ResponseChange.Kind.ADD) {
                FraudSighting.of(change.response(), settings, hours).forEach(out::collect);
            }
        };
    }

    @Override
    public void open(OpenContext context) {
        queue = new EventTimeQueue<>(getRuntimeContext(), "fraud-pending", OtklikTypes.FRAUD_SIGHTING,
                FraudSighting::at, FraudSighting::responseId, JUDGED_EVERY);
        cluster = getRuntimeContext().getState(new ValueStateDescriptor<>("fraud-cluster", OtklikTypes.FRAUD_CLUSTER));
        recent = getRuntimeContext().getMapState(new MapStateDescriptor<>("fraud-recent", Types.STRING,
                OtklikTypes.SURVEY_RESPONSE));
        withheld = getRuntimeContext().getMapState(new MapStateDescriptor<>("fraud-withheld", Types.STRING,
                OtklikTypes.SURVEY_RESPONSE));
        withheldBy = getRuntimeContext().getMapState(new MapStateDescriptor<>("fraud-withheld-by", Types.STRING,
                Types.STRING));
        keptUntil = getRuntimeContext().getMapState(new MapStateDescriptor<>("fraud-kept-until", Types.STRING,
                Types.LONG));
        decisions = getRuntimeContext().getMapState(new MapStateDescriptor<>("fraud-decisions", Types.STRING,
                Types.LONG));
        opened = getRuntimeContext().getMetricGroup().counter("fraudFlagsOpened");
        excluded = getRuntimeContext().getMetricGroup().counter("fraudExcludedResponses");
    }

    @Override
    public void processElement1(FraudSighting sighting, Context ctx, Collector<EncodedRow> out) throws Exception {
        queue.add(sighting, ctx.timerService());
    }

    /**
     * The stage as the job runs it: an operator whose second input (the reviews) never takes part in
     * event time. Reviews are few and far between; a reader of their topic with no partition (more
     * subtasks than partitions) sends no watermark at all, and with it the flags — and the office stage
     * after them — would wait for ever. The flags follow the responses' watermark alone.
     */
    public static org.apache.flink.streaming.api.operators.TwoInputStreamOperator<FraudSighting, FlagReviewEvent,
            EncodedRow> operator(FraudSettings settings) {
        return new ReviewsOutsideEventTime(new FraudFlagStage(settings));
    }

    static final class ReviewsOutsideEventTime
            extends org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator<String, FraudSighting,
            FlagReviewEvent, EncodedRow> {

        ReviewsOutsideEventTime(FraudFlagStage stage) {
            super(stage);
        }

        @Override
        public void open() throws Exception {
            super.open();
            super.processWatermarkStatus(org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE, 1);
        }

        @Override
        public void processWatermark2(org.apache.flink.streaming.api.watermark.Watermark mark) {
            // the reviews' watermarks are not the figures' event time
        }

        @Override
        protected void processWatermarkStatus(org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus status,
                                              int index) throws Exception {
            if (index == 0) { // the reviews' input stays idle for event time, whatever its source says
                super.processWatermarkStatus(status, index);
            }
        }
    }

    /** Where the flag a review decides is kept, or null when the review is not of a fraud flag. */
    public static String clusterKeyOf(FlagReviewEvent review) {
        return FraudSignal.ofAlertType(review.alertType())
                .map(signal -> FraudSighting.clusterKey(review.officeCode(), signal, review.scopeId()))
                .orElse(null);
    }

    @Override
    public void processElement2(FlagReviewEvent review, Context ctx, Collector<EncodedRow> out) throws Exception {
        String alertId = review.alertId();
        long at = review.reviewedAt().toEpochMilli();
        Long known = decisions.get(alertId);
        if (known != null && Math.abs(known) >= at) {
            return; // an older decision, or the same one again (the topic is written at least once)
        }
        boolean wasDismissed = known != null && known < 0;
        boolean dismissed = review.restores();
        decisions.put(alertId, dismissed ? -at : at);
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MAX_VALUE) { // after the end of a bounded input no more time passes: nothing to time
            keep(alertId, Math.max(at, watermark) + WITHHELD_FOR.toMillis(), ctx);
        }
        if (dismissed == wasDismissed) {
            return;
        }
        for (java.util.Map.Entry<String, String> e : withheldBy.entries()) {
            if (e.getValue().equals(alertId)) {
                SurveyResponse r = withheld.get(e.getKey());
                ctx.output(EXCLUSIONS, dismissed ? ResponseChange.readmit(r) : ResponseChange.retract(r));
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        long version = System.currentTimeMillis() * 4; // the time of writing, as for every alert row
        List<AlertRow> rows = new ArrayList<>();
        // an event-time timer's own time, or (late sightings) just after the watermark
        long until = EventTimeQueue.releasesUntil(ctx.timeDomain(), timestamp, ctx.timerService().currentWatermark());
        FraudCluster c = cluster.value();
        List<EventTimeQueue.Due<FraudSighting>> due = queue.takeUntil(until);
        if (!due.isEmpty()) {
            FraudSighting first = due.get(0).item();
            FraudSignal signal = first.signal();
            if (c == null) {
                c = new FraudCluster(first.officeCode(), first.regionCode(), signal, first.source());
            }
            long window = signal.window(settings).toMillis();
            int threshold = signal.threshold(settings, first.source());
            boolean grown = false;
            for (EventTimeQueue.Due<FraudSighting> d : due) {
                FraudSighting s = d.item();
                if (recent.contains(s.responseId()) || withheld.contains(s.responseId())) {
                    continue; // a resend: counted once
                }
                switch (c.observe(d.at(), s.responseId(), threshold, window)) {
                    case OPENED -> {
                        opened.inc();
                        rows.add(c.row(threshold, window, "open", null, d.at(), version + 1));
                        for (String id : c.ids()) { // its window so far, counted before it opened
                            SurveyResponse r = id.equals(s.responseId()) ? s.response() : recent.get(id);
                            if (r != null) {
                                exclude(r, c.alertId(), ctx);
                            }
                        }
                        recent.clear();
                    }
                    case GATHERED -> {
                        grown = true;
                        exclude(s.response(), c.alertId(), ctx);
                    }
                    case WATCHED -> recent.put(s.responseId(), s.response());
                    case PASSED -> { } // back at an ordinary rate: counted in the figures, named by no flag
                }
            }
            if (!c.isOpen()) { // keep the responses of the window watched, no more
                java.util.Set<String> watched = new java.util.HashSet<>(c.ids());
                List<String> gone = new ArrayList<>();
                for (String id : recent.keys()) {
                    if (!watched.contains(id)) {
                        gone.add(id);
                    }
                }
                for (String id : gone) {
                    recent.remove(id);
                }
            }
            if (grown) { // a flag that gathered more responses in this batch: its evidence again, once
                rows.add(c.row(threshold, window, "open", null, c.last(), version + 2));
            }
            cluster.update(c);
            ctx.timerService().registerEventTimeTimer(EventTimeQueue.dueAt(c.closesAt(window)));
        }
        if (c != null) {
            long window = c.signal().window(settings).toMillis();
            if (c.expiredAt(until, window)) { // a whole window without one: the flag closes, the source is forgotten
                if (c.isOpen()) {
                    long closedAt = c.closesAt(window);
                    rows.add(c.row(c.signal().threshold(settings, c.source()), window, "closed", closedAt / 1000, closedAt,
                            version + 3));
                }
                cluster.clear();
                recent.clear();
            }
        }
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            // at the end of a bounded input every timer fires at once: a decision read after the last response
            // (the reviews' source may start later) must still find what its flag withheld
            forgetWithheld(until);
        }
        AlertOutput.emit(rows, event -> ctx.output(AlertOutput.EVENTS, event), out);
    }

    /**
     * Takes {@code r} out of the clean figures under flag {@code alertId} (unless a reviewer dismissed the
     * flag) and keeps it for a review.
     */
    private void exclude(SurveyResponse r, String alertId, Context ctx) throws Exception {
        withheld.put(r.responseId(), r);
        withheldBy.put(r.responseId(), alertId);
        keep(alertId, r.clientTs().toEpochMilli() + WITHHELD_FOR.toMillis(), ctx);
        Long decision = decisions.get(alertId);
        if (decision == null || decision > 0) {
            excluded.inc();
            ctx.output(EXCLUSIONS, ResponseChange.retract(r));
        }
    }

    /** Keeps what is known of flag {@code alertId} at least until {@code until} (event time, ms). */
    private void keep(String alertId, long until, Context ctx) throws Exception {
        Long kept = keptUntil.get(alertId);
        if (kept == null || kept < until) {
            keptUntil.put(alertId, until);
            ctx.timerService().registerEventTimeTimer(EventTimeQueue.dueAt(until));
        }
    }

    /** Forgets the withheld responses of flags kept long enough: no figure the job holds can take them back. */
    private void forgetWithheld(long until) throws Exception {
        if (keptUntil.isEmpty()) {
            return;
        }
        List<String> done = new ArrayList<>();
        for (java.util.Map.Entry<String, Long> e : keptUntil.entries()) {
            if (e.getValue() <= until) {
                done.add(e.getKey());
            }
        }
        if (done.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (java.util.Map.Entry<String, String> e : withheldBy.entries()) {
            if (done.contains(e.getValue())) {
                ids.add(e.getKey());
            }
        }
        for (String id : ids) {
            withheld.remove(id);
            withheldBy.remove(id);
        }
        for (String alertId : done) {
            keptUntil.remove(alertId);
            decisions.remove(alertId);
        }
    }
}
