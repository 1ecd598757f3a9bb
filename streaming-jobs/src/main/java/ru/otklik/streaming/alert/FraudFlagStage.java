package ru.otklik.streaming.alert;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
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
 * {@code otklik.alerts} when it opens, again (at most once per {@link #JUDGED_EVERY}) while it gathers responses, and
 * when a whole window has passed without one (closed), after which the source's state is gone. Flags
 * never delete: the responses stay in the raw tables, named in the row.
 */
public final class FraudFlagStage extends KeyedProcessFunction<String, FraudSighting, EncodedRow> {

    /**
     * How much event time is judged at once: a flag opens at most this long (plus the watermark's
     * out-of-orderness) after its threshold-crossing response. Each source has its own key, so a short
     * step costs timers only where there are responses.
     */
    static final java.time.Duration JUDGED_EVERY = java.time.Duration.ofSeconds(5);

    private final FraudSettings settings;
    private transient EventTimeQueue<FraudSighting> queue;
    private transient ValueState<FraudCluster> cluster;
    private transient Counter opened;

    public FraudFlagStage(FraudSettings settings) {
        this.settings = settings;
    }

    /** The sources each counted response belongs to, matched once next to the office stage (retractions: none). */
    public static FlatMapFunction<ResponseChange, FraudSighting> sightings(FraudSettings settings) {
        return (change, out) -> {
            if (change.kind() == ResponseChange.Kind.ADD) {
                FraudSighting.of(change.response(), settings).forEach(out::collect);
            }
        };
    }

    @Override
    public void open(OpenContext context) {
        queue = new EventTimeQueue<>(getRuntimeContext(), "fraud-pending", OtklikTypes.FRAUD_SIGHTING,
                FraudSighting::at, FraudSighting::responseId, JUDGED_EVERY);
        cluster = getRuntimeContext().getState(new ValueStateDescriptor<>("fraud-cluster", OtklikTypes.FRAUD_CLUSTER));
        opened = getRuntimeContext().getMetricGroup().counter("fraudFlagsOpened");
    }

    @Override
    public void processElement(FraudSighting sighting, Context ctx, Collector<EncodedRow> out) throws Exception {
        queue.add(sighting, ctx.timerService());
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
            int threshold = signal.threshold(settings);
            boolean grown = false;
            for (EventTimeQueue.Due<FraudSighting> d : due) {
                boolean wasOpen = c.isOpen();
                if (c.observe(d.at(), d.item().responseId(), threshold, window)) {
                    opened.inc();
                    rows.add(c.row(threshold, window, "open", null, d.at(), version + 1));
                } else if (wasOpen) {
                    grown = true;
                }
            }
            if (grown) { // a flag that gathered more responses in this batch: its evidence again, once
                rows.add(c.row(threshold, window, "open", null, c.last(), version + 2));
            }
            cluster.update(c);
            ctx.timerService().registerEventTimeTimer(EventTimeQueue.dueAt(c.last() + window));
        }
        if (c != null) {
            long window = c.signal().window(settings).toMillis();
            if (c.expiredAt(until, window)) { // a whole window without one: the flag closes, the source is forgotten
                if (c.isOpen()) {
                    long closedAt = c.last() + window;
                    rows.add(c.row(c.signal().threshold(settings), window, "closed", closedAt / 1000, closedAt,
                            version + 3));
                }
                cluster.clear();
            }
        }
        AlertOutput.emit(rows, ctx, out);
    }
}
