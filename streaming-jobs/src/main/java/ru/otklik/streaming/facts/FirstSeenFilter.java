package ru.otklik.streaming.facts;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.response.SurveyResponse;

/**
 * Keyed by office: lets each response id through once, so a client's resend (or the same tap in
 * two kiosk batches) is counted once, and diverts responses older than the late horizon.
 * A resend carries the same office, so it always reaches the same key.
 */
public final class FirstSeenFilter extends KeyedProcessFunction<String, SurveyResponse, SurveyResponse> {

    public static final OutputTag<LateEventRow> TOO_LATE = new OutputTag<>("too-late") { };

    private final long lateHorizonMillis;
    private final Duration retention;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;
    private transient Counter late;

    public FirstSeenFilter(Duration lateHorizon, Duration retention) {
        this.lateHorizonMillis = lateHorizon.toMillis();
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> descriptor = new MapStateDescriptor<>("seen-response-ids", String.class,
                Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateResponses");
        late = getRuntimeContext().getMetricGroup().counter("tooLateResponses");
    }

    @Override
    public void processElement(SurveyResponse response, Context ctx, Collector<SurveyResponse> out) throws Exception {
        if (seen.contains(response.responseId())) {
            duplicates.inc();
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && response.clientTs().toEpochMilli() < watermark - lateHorizonMillis) {
            late.inc();
            ctx.output(TOO_LATE, LateEventRow.of(response, watermark, "older than late horizon of "
                    + Duration.ofMillis(lateHorizonMillis)));
            return;
        }
        seen.put(response.responseId(), Boolean.TRUE);
        out.collect(response);
    }
}
