package ru.otklik.streaming.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.alert.FraudSettings;
import ru.otklik.common.alert.FraudSignal;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.AlertRow;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.alert.internal.EventTimeQueue;
import ru.otklik.streaming.alert.internal.FraudCluster;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by office, the fraud flags that count one source's responses within a window
 * ({@link FraudSignal}: bursts of forms from one address, identical answer vectors from one address,
 * implausibly fast forms, bursts of one kiosk's taps). Responses are judged in event-time order
 * ({@link EventTimeQueue}), so a kiosk's backlog of hours, which arrives at once, is counted at the
 * times its taps were made and neither hides a burst nor fakes one; only what arrives behind the
 * watermark is counted at the watermark. A flag is one incident of one source: one row of
 * {@code otklik.alerts} when it opens, again (at most once a minute) while it gathers responses, and
 * when a whole window has passed without one (closed). Flags never delete: the responses stay in the
 * raw tables, named in the row.
 */
public final class FraudFlagStage extends KeyedProcessFunction<String, ResponseChange, EncodedRow> {

    private final FraudSettings settings;
    private transient EventTimeQueue<SurveyResponse> queue;
    private transient MapState<String, FraudCluster> clusters;
    private transient ValueState<String> region;
    private transient Counter opened;

    public FraudFlagStage(FraudSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        queue = new EventTimeQueue<>(getRuntimeContext(), "fraud-pending", OtklikTypes.SURVEY_RESPONSES,
                r -> r.clientTs().toEpochMilli(), Comparator.comparing(SurveyResponse::responseId));
        clusters = getRuntimeContext().getMapState(new MapStateDescriptor<>("fraud-clusters", Types.STRING,
                OtklikTypes.FRAUD_CLUSTER));
        region = getRuntimeContext().getState(new ValueStateDescriptor<>("fraud-region", Types.STRING));
        opened = getRuntimeContext().getMetricGroup().counter("fraudFlagsOpened");
    }

    @Override
    public void processElement(ResponseChange change, Context ctx, Collector<EncodedRow> out) throws Exception {
        if (change.kind() != ResponseChange.Kind.ADD || FraudSignal.of(change.response(), settings).isEmpty()) {
            return;
        }
        if (region.value() == null) {
            region.update(change.response().regionCode());
        }
        queue.add(change.response(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        String office = ctx.getCurrentKey();
        String regionCode = region.value();
        long version = System.currentTimeMillis() * 4; // the time of writing, as for every alert row
        List<AlertRow> rows = new ArrayList<>();
        java.util.Set<String> grown = new java.util.LinkedHashSet<>();
        for (EventTimeQueue.Due<SurveyResponse> d : queue.takeUntil(timestamp)) {
            for (FraudSignal.Match m : FraudSignal.of(d.item(), settings)) {
                String key = m.signal().name() + "|" + m.source();
                FraudCluster c = clusters.get(key);
                if (c == null) {
                    c = new FraudCluster();
                }
                long window = m.signal().window(settings).toMillis();
                int threshold = m.signal().threshold(settings);
                if (c.isOpen()) {
                    grown.add(key);
                }
                if (c.observe(office, m.signal(), d.at(), d.item().responseId(), threshold, window)) {
                    opened.inc();
                    rows.add(c.row(office, regionCode, m.signal(), m.source(), threshold, window, "open", null,
                            d.at(), version + 1));
                    grown.remove(key);
                }
                clusters.put(key, c);
                ctx.timerService().registerEventTimeTimer(EventTimeQueue.dueAt(c.last() + window));
            }
        }
        // flags that gathered more responses in this batch: their evidence again, once
        for (String key : grown) {
            FraudCluster c = clusters.get(key);
            FraudSignal signal = FraudSignal.valueOf(key.substring(0, key.indexOf('|')));
            rows.add(c.row(office, regionCode, signal, key.substring(key.indexOf('|') + 1), signal.threshold(settings),
                    signal.window(settings).toMillis(), "open", null, c.last(), version + 2));
        }
        // a source whose window has passed: its flag closes, and it is forgotten (by remove(key): an
        // iterator's remove leaves the heap backend an empty map, so the office would never hold nothing)
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, FraudCluster> e : clusters.entries()) {
            FraudSignal signal = FraudSignal.valueOf(e.getKey().substring(0, e.getKey().indexOf('|')));
            long window = signal.window(settings).toMillis();
            FraudCluster c = e.getValue();
            if (c.expiredAt(timestamp, window)) {
                if (c.isOpen()) {
                    long closedAt = c.last() + window;
                    rows.add(c.row(office, regionCode, signal, e.getKey().substring(e.getKey().indexOf('|') + 1),
                            signal.threshold(settings), window, "closed", closedAt / 1000, closedAt, version + 3));
                }
                forgotten.add(e.getKey());
            }
        }
        for (String key : forgotten) {
            clusters.remove(key);
        }
        AlertOutput.emit(rows, ctx, out);
    }

}
