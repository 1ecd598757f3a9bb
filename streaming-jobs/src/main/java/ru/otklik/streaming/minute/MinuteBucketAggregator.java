package ru.otklik.streaming.minute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.apache.flink.util.OutputTag;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.SurveyResponse;

/**
 * Keyed by office: keeps score counts per item and response counts in 1-minute event-time buckets
 * and writes every changed bucket at most once per emit interval, so dashboards see a new answer
 * within seconds while a busy office costs a bounded number of rows. A late event (a kiosk that
 * was offline) lands in its own old bucket, which is simply written again with the new count.
 * Buckets are dropped from state once the watermark has passed them by the late horizon: no
 * accepted event can change them any more.
 */
public final class MinuteBucketAggregator extends KeyedProcessFunction<String, SurveyResponse, AnswerMinuteRow> {

    public static final OutputTag<ResponseMinuteRow> RESPONSE_COUNTS = new OutputTag<>("response-minute") { };

    private static final int SCORES = ScoreCounts.MAX_SCORE + 1;

    private final long emitIntervalMillis;
    private final long lateHorizonMillis;
    private transient MapState<String, long[]> buckets;
    private transient MapState<String, Boolean> changed;
    private transient ValueState<String> region;
    private transient ValueState<Long> pendingFlush;

    public MinuteBucketAggregator(Duration emitInterval, Duration lateHorizon) {
        this.emitIntervalMillis = emitInterval.toMillis();
        this.lateHorizonMillis = lateHorizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("minute-buckets", Types.STRING,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        changed = getRuntimeContext().getMapState(new MapStateDescriptor<>("changed-buckets", Types.STRING,
                Types.BOOLEAN));
        region = getRuntimeContext().getState(new ValueStateDescriptor<>("region", Types.STRING));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Types.LONG));
    }

    @Override
    public void processElement(SurveyResponse r, Context ctx, Collector<AnswerMinuteRow> out) throws Exception {
        region.update(r.regionCode());
        long bucketStart = MinuteBucket.startOf(r.clientTs().toEpochMilli());
        String audience = r.audience().code();
        String channel = r.channel().code();

        MinuteBucket responses = new MinuteBucket(MinuteBucket.RESPONSES, bucketStart, r.surveyId(), audience,
                channel, null);
        long[] counts = add(responses, ctx, 2);
        counts[0]++;
        counts[1] += r.suppressedPresses();
        store(responses, counts);

        for (Map.Entry<String, Answer> answer : r.answers().entrySet()) {
            if (!answer.getValue().isScore()) {
                continue;
            }
            MinuteBucket item = new MinuteBucket(MinuteBucket.ANSWERS, bucketStart, r.surveyId(), audience, channel,
                    answer.getKey());
            long[] scores = add(item, ctx, SCORES);
            scores[answer.getValue().score()]++;
            store(item, scores);
        }

        if (pendingFlush.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + emitIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingFlush.update(at);
        }
    }

    private long[] add(MinuteBucket bucket, Context ctx, int size) throws Exception {
        String key = bucket.encode();
        long[] counts = buckets.get(key);
        if (counts == null) {
            counts = new long[size];
            // the bucket can be forgotten once no accepted event can reach it any more
            ctx.timerService().registerEventTimeTimer((bucket.bucketStart() + MinuteBucket.SECONDS) * 1000
                    + lateHorizonMillis);
        }
        return counts;
    }

    private void store(MinuteBucket bucket, long[] counts) throws Exception {
        String key = bucket.encode();
        buckets.put(key, counts);
        changed.put(key, Boolean.TRUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnswerMinuteRow> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            flush(ctx, out);
        } else {
            forgetBucketsEndingBefore(timestamp - lateHorizonMillis);
        }
    }

    private void flush(OnTimerContext ctx, Collector<AnswerMinuteRow> out) throws Exception {
        String office = ctx.getCurrentKey();
        String regionCode = region.value();
        for (String key : changed.keys()) {
            long[] counts = buckets.get(key);
            if (counts == null) {
                continue;
            }
            MinuteBucket b = MinuteBucket.decode(key);
            if (b.kind() == MinuteBucket.RESPONSES) {
                ctx.output(RESPONSE_COUNTS, new ResponseMinuteRow(regionCode, office, b.surveyId(), b.audience(),
                        b.channel(), b.bucketStart(), counts[0], counts[1], counts[0]));
            } else {
                long answered = 0;
                for (long c : counts) {
                    answered += c;
                }
                out.collect(new AnswerMinuteRow(regionCode, office, b.surveyId(), b.questionId(), b.audience(),
                        b.channel(), b.bucketStart(), answered, counts.clone(), answered));
            }
        }
        changed.clear();
        pendingFlush.clear();
    }

    private void forgetBucketsEndingBefore(long epochMillis) throws Exception {
        List<String> expired = new ArrayList<>();
        Iterator<String> keys = buckets.keys().iterator();
        while (keys.hasNext()) {
            String key = keys.next();
            if ((MinuteBucket.decode(key).bucketStart() + MinuteBucket.SECONDS) * 1000 <= epochMillis
                    && !changed.contains(key)) {
                expired.add(key);
            }
        }
        for (String key : expired) {
            buckets.remove(key);
        }
    }
}
