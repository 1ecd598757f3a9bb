package ru.otklik.streaming.rolling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.common.survey.QuestionType;

/**
 * Keyed by scope ({@link IndicatorScope}): keeps pane ring buffers of score counts per item for
 * every {@link RollingWindow} and, at most once per emit interval, writes the window values of the
 * items that got answers; when the watermark has moved the windows by a minute or more, all items
 * are written as of the new watermark. {@code as_of} therefore advances in steps of at least a
 * minute (the smallest pane), which bounds the rows a busy scope writes. Panes that no window can
 * count any more leave state.
 *
 * <p>Row versions are derived from the watermark and the number of answers the scope has
 * counted, both of which only grow, so the newest row wins in ClickHouse and a replay of the same
 * input ends with the same rows.
 */
public final class RollingIndicatorAggregator extends KeyedProcessFunction<String, ScoreEvent, IndicatorWindowRow> {

    /** Seconds are counted from 2020-01-01 in versions, leaving 32 bits for the answer count. */
    private static final long VERSION_EPOCH = 1_577_836_800L;
    private static final int SCORES = ScoreCounts.MAX_SCORE + 1;

    private final long emitIntervalMillis;
    private final long detailEmitIntervalMillis;
    private final int minimumSample;
    private transient MapState<String, long[]> panes;
    private transient MapState<String, Boolean> items;
    private transient MapState<String, Boolean> changedItems;
    private transient ValueState<Long> counted;
    private transient ValueState<Long> emittedAsOf;
    private transient ValueState<Boolean> changed;
    private transient ValueState<Long> timer;

    public RollingIndicatorAggregator(Duration emitInterval, int minimumSample) {
        this(emitInterval, emitInterval, minimumSample);
    }

    /**
     * @param detailEmitInterval for the breakdown scopes: every emission sums the scope's panes, and
     *                           the breakdowns outnumber the geographic scopes many times over
     */
    public RollingIndicatorAggregator(Duration emitInterval, Duration detailEmitInterval, int minimumSample) {
        this.emitIntervalMillis = emitInterval.toMillis();
        this.detailEmitIntervalMillis = detailEmitInterval.toMillis();
        this.minimumSample = minimumSample;
    }

    @Override
    public void open(OpenContext openContext) {
        panes = getRuntimeContext().getMapState(new MapStateDescriptor<>("rolling-panes", Types.STRING,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        items = getRuntimeContext().getMapState(new MapStateDescriptor<>("rolling-items", Types.STRING, Types.BOOLEAN));
        changedItems = getRuntimeContext().getMapState(new MapStateDescriptor<>("rolling-changed-items", Types.STRING,
                Types.BOOLEAN));
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("rolling-counted", Types.LONG));
        emittedAsOf = getRuntimeContext().getState(new ValueStateDescriptor<>("rolling-emitted-as-of", Types.LONG));
        changed = getRuntimeContext().getState(new ValueStateDescriptor<>("rolling-changed", Types.BOOLEAN));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("rolling-timer", Types.LONG));
    }

    @Override
    public void processElement(ScoreEvent e, Context ctx, Collector<IndicatorWindowRow> out) throws Exception {
        String item = e.surveyId() + "|" + e.questionId() + "|" + e.type().name();
        items.put(item, Boolean.TRUE);
        changedItems.put(item, Boolean.TRUE);
        for (RollingWindow w : RollingWindow.values()) {
            String key = w.code() + "|" + w.paneOf(e.epochSeconds()) + "|" + item;
            long[] counts = panes.get(key);
            if (counts == null) {
                counts = new long[SCORES];
            }
            counts[e.score()]++;
            panes.put(key, counts);
        }
        counted.update(counted.value() == null ? 1 : counted.value() + 1);
        changed.update(Boolean.TRUE);
        schedule(ctx.timerService().currentProcessingTime(), ctx);
    }

    private void schedule(long now, Context ctx) throws Exception {
        if (timer.value() == null) {
            long at = now + (IndicatorScope.fromKey(ctx.getCurrentKey()).isBreakdown()
                    ? detailEmitIntervalMillis : emitIntervalMillis);
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorWindowRow> out) throws Exception {
        timer.clear();
        long watermark = ctx.timerService().currentWatermark();
        if (watermark < 0) { // no watermark yet: nothing is "as of" anything
            schedule(timestamp, ctx);
            return;
        }
        long asOf = watermark / 1000;
        Long last = emittedAsOf.value();
        boolean moved = last == null || asOf - last >= 60;
        if (moved) { // the windows slid: every item's values may have changed
            emit(IndicatorScope.fromKey(ctx.getCurrentKey()), asOf, items.keys(), out);
            emittedAsOf.update(asOf);
        } else if (Boolean.TRUE.equals(changed.value())) { // only the items that got answers
            emit(IndicatorScope.fromKey(ctx.getCurrentKey()), last, changedItems.keys(), out);
        }
        changed.clear();
        changedItems.clear();
        if (panes.keys().iterator().hasNext()) {
            schedule(timestamp, ctx); // keep the windows sliding while anything is in them
        }
    }

    private void emit(IndicatorScope scope, long asOf, Iterable<String> which, Collector<IndicatorWindowRow> out)
            throws Exception {
        Map<String, long[]> sums = new HashMap<>();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, long[]> pane : panes.entries()) {
            String[] k = pane.getKey().split("\\|", 3); // window | paneStart | survey|question|type
            RollingWindow w = window(k[0]);
            long paneStart = Long.parseLong(k[1]);
            if (w.expired(paneStart, asOf)) {
                expired.add(pane.getKey());
            } else if (w.covers(paneStart, asOf)) {
                long[] sum = sums.computeIfAbsent(k[0] + "|" + k[2], x -> new long[SCORES]);
                for (int s = 0; s < SCORES; s++) {
                    sum[s] += pane.getValue()[s];
                }
            }
        }
        for (String key : expired) {
            panes.remove(key);
        }
        long version = (asOf - VERSION_EPOCH) * (1L << 32) + Math.min(counted.value() == null ? 0 : counted.value(),
                (1L << 32) - 1);
        for (String item : which) {
            String[] si = item.split("\\|", 3); // survey | question | type
            QuestionType type = QuestionType.valueOf(si[2]);
            for (RollingWindow w : RollingWindow.values()) {
                long[] counts = sums.getOrDefault(w.code() + "|" + item, new long[SCORES]);
                ShareEstimate share = Indicators.favourableShare(type, ScoreCounts.of(counts), minimumSample);
                out.collect(new IndicatorWindowRow(scope.level(), scope.code(), scope.audience(), w.code(), si[0],
                        si[1], asOf, share.n(), share.positive(), share.share(), share.low(), share.high(),
                        share.sufficient(), counts, version));
            }
        }
    }

    private static RollingWindow window(String code) {
        for (RollingWindow w : RollingWindow.values()) {
            if (w.code().equals(code)) {
                return w;
            }
        }
        throw new IllegalStateException("unknown window " + code);
    }
}
