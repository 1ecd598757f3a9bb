package ru.otklik.streaming.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.indicator.HistoryGranularity;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.streaming.rolling.IndicatorScope;
import ru.otklik.streaming.rolling.ScoreEvent;

/**
 * Keyed by scope ({@link IndicatorScope}, geographic levels only): score counts per item in UTC
 * hour and day buckets. Like the rolling windows, it writes only the buckets that got answers, at
 * most once per emit interval; a late answer (within the late horizon) lands in its own old bucket,
 * which is simply written again with the higher count.
 *
 * <p>A bucket stays in state until the watermark is a late horizon plus one day past its end:
 * the first-seen filter refuses anything older than the horizon, so no accepted answer can reach it
 * after that, and the extra day covers the watermark of this operator trailing the filter's. State
 * is therefore bounded by (horizon + 1 day) worth of hours and days per scope and item.
 *
 * <p>The row version is the bucket's answer count: it only grows, and a replay after a restore
 * counts the same answers into the same buckets, so ClickHouse ends with the same rows.
 */
public final class HistoryBucketAggregator extends KeyedProcessFunction<String, ScoreEvent, IndicatorHistoryRow> {

    /** Beyond the late horizon, how long a bucket is kept for safety (watermarks differ between operators). */
    public static final Duration RETENTION_SLACK = Duration.ofDays(1);
    private static final int SCORES = ScoreCounts.MAX_SCORE + 1;

    private final long emitIntervalMillis;
    private final long retentionMillis;
    private final int minimumSample;
    private transient MapState<String, long[]> buckets;
    private transient MapState<String, Boolean> changed;
    private transient ValueState<Long> timer;

    public HistoryBucketAggregator(Duration emitInterval, Duration lateHorizon, int minimumSample) {
        this.emitIntervalMillis = emitInterval.toMillis();
        this.retentionMillis = lateHorizon.plus(RETENTION_SLACK).toMillis();
        this.minimumSample = minimumSample;
    }

    @Override
    public void open(OpenContext openContext) {
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("history-buckets", Types.STRING,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        changed = getRuntimeContext().getMapState(new MapStateDescriptor<>("history-changed", Types.STRING,
                Types.BOOLEAN));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("history-timer", Types.LONG));
    }

    @Override
    public void processElement(ScoreEvent e, Context ctx, Collector<IndicatorHistoryRow> out) throws Exception {
        for (HistoryGranularity g : HistoryGranularity.values()) {
            HistoryBucket bucket = new HistoryBucket(g, g.bucketOf(e.epochSeconds()), e.surveyId(), e.questionId(),
                    e.type());
            String key = bucket.encode();
            long[] counts = buckets.get(key);
            if (counts == null) {
                counts = new long[SCORES];
                ctx.timerService().registerEventTimeTimer(bucket.endSeconds() * 1000 + retentionMillis);
            }
            counts[e.score()]++;
            buckets.put(key, counts);
            changed.put(key, Boolean.TRUE);
        }
        if (timer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + emitIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            timer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorHistoryRow> out) throws Exception {
        IndicatorScope scope = IndicatorScope.fromKey(ctx.getCurrentKey());
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            timer.clear();
            for (String key : changed.keys()) {
                emit(scope, key, out);
            }
            changed.clear();
        } else {
            evictEndingBefore(scope, timestamp - retentionMillis, out);
        }
    }

    private void evictEndingBefore(IndicatorScope scope, long epochMillis, Collector<IndicatorHistoryRow> out)
            throws Exception {
        List<String> expired = new ArrayList<>();
        for (String key : buckets.keys()) {
            if (HistoryBucket.decode(key).endSeconds() * 1000 <= epochMillis) {
                expired.add(key);
            }
        }
        for (String key : expired) {
            if (changed.contains(key)) { // not written yet: write it before forgetting it
                emit(scope, key, out);
                changed.remove(key);
            }
            buckets.remove(key);
        }
    }

    private void emit(IndicatorScope scope, String key, Collector<IndicatorHistoryRow> out) throws Exception {
        long[] counts = buckets.get(key);
        if (counts == null) {
            return;
        }
        HistoryBucket b = HistoryBucket.decode(key);
        ScoreCounts scores = ScoreCounts.of(counts);
        ShareEstimate share = Indicators.favourableShare(b.type(), scores, minimumSample);
        out.collect(new IndicatorHistoryRow(scope.level(), scope.code(), scope.audience(), b.granularity().code(),
                b.bucketStart(), b.surveyId(), b.questionId(), share.n(), share.positive(), counts.clone(),
                scores.total()));
    }
}
