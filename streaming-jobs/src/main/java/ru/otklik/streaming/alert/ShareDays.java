package ru.otklik.streaming.alert;

import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.alert.ShareShift;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.streaming.aggregate.ResponseChange;

/**
 * Keyed by office, next to the office stage: counts the office's counted forms per UTC day (all forms, top
 * forms, positive forms) and hands each day on as one {@link OfficeShareDay} when the watermark passes its end —
 * the local half of the shift test, so the region-keyed half gets one record per office and day, not one per form.
 * A form behind the watermark (a backlog) goes on at once as an increment of its own day. State is one small
 * entry per day not yet ended; it is empty when every day has been handed on.
 */
public final class ShareDays extends KeyedProcessFunction<String, ResponseChange, OfficeShareDay> {

    static final long DAY_MS = 86_400_000L;

    private transient MapState<Long, int[]> days;
    private transient ValueState<String> region;
    private transient SurveyCatalog surveys;
    private transient Map<String, Optional<SurveyDefinition>> definitions;

    @Override
    public void open(OpenContext context) {
        days = getRuntimeContext().getMapState(new MapStateDescriptor<>("share-days", Types.LONG,
                PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO));
        region = getRuntimeContext().getState(new ValueStateDescriptor<>("share-days-region", Types.STRING));
        surveys = SurveyCatalog.builtIn();
        definitions = new HashMap<>();
    }

    @Override
    public void processElement(ResponseChange change, Context ctx, Collector<OfficeShareDay> out) throws Exception {
        if (change.kind() != ResponseChange.Kind.ADD) {
            return; // the shift test reads what arrived; the clean index is what excludes flagged forms
        }
        var r = change.response();
        Optional<SurveyDefinition> survey = definitions.computeIfAbsent(r.surveyId() + "/" + r.surveyVersion(),
                k -> surveys.find(r.surveyId(), r.surveyVersion()));
        Optional<ShareShift.Form> form = ShareShift.of(r, survey.orElse(null));
        if (form.isEmpty()) {
            return;
        }
        long day = Math.floorDiv(r.clientTs().toEpochMilli(), DAY_MS);
        long end = (day + 1) * DAY_MS - 1;
        int top = form.get().top() ? 1 : 0;
        int positive = form.get().positive() ? 1 : 0;
        if (end <= ctx.timerService().currentWatermark()) {
            out.collect(new OfficeShareDay(r.regionCode(), r.officeCode(), day, 1, top, positive));
            return;
        }
        int[] counts = days.get(day);
        if (counts == null) {
            counts = new int[3];
            ctx.timerService().registerEventTimeTimer(end);
        }
        counts[0]++;
        counts[1] += top;
        counts[2] += positive;
        days.put(day, counts);
        if (region.value() == null) {
            region.update(r.regionCode());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OfficeShareDay> out) throws Exception {
        long day = Math.floorDiv(timestamp, DAY_MS);
        int[] counts = days.get(day);
        if (counts != null) {
            out.collect(new OfficeShareDay(region.value(), ctx.getCurrentKey(), day, counts[0], counts[1], counts[2]));
            days.remove(day);
        }
        if (days.isEmpty()) {
            region.clear();
        }
    }
}
