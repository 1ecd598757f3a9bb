package ru.otklik.streaming.aggregate;

import java.time.Duration;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.streaming.aggregate.internal.AggregatingOperator;
import ru.otklik.streaming.aggregate.internal.ItemKey;
import ru.otklik.streaming.aggregate.internal.Place;
import ru.otklik.streaming.aggregate.internal.ScopeAggregates;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by area ({@code region|BRY}, {@code federal|RU}): folds the offices' {@link AreaDelta}s into
 * the area's rolling windows and hourly/daily history, for each audience and all together, and
 * writes what changed right after each burst of partials (and every emit interval for what expiry
 * changes). A region gets one record per office per flush, the
 * federal key one per office as well, so no key is hot however many answers arrive.
 */
public final class AreaStage extends AggregatingOperator<AreaDelta, EncodedRow, AggregatingOperator.Pending>
        implements OneInputStreamOperator<AreaDelta, EncodedRow> {

    /** The area stage writes its rows to its main output; this tag names it for the shared machinery. */
    private static final OutputTag<EncodedRow> ROWS = new OutputTag<>("area-rows", OtklikTypes.ENCODED_ROW);

    /** How long after the first partial of a burst the area writes: the rest of the burst arrives meanwhile. */
    static final long WRITE_AFTER_BURST_MILLIS = 50;

    public AreaStage(Duration emitInterval, Duration lateHorizon, int minimumSample) {
        super(emitInterval.toMillis(), minimumSample, lateHorizon.plus(OfficeStage.HISTORY_SLACK).toSeconds());
    }

    @Override
    protected OutputTag<EncodedRow> rowsTag() {
        return ROWS;
    }

    @Override
    protected String statePrefix() {
        return "area";
    }

    @Override
    protected long minuteRetentionSeconds() {
        return -1;
    }

    @Override
    protected Pending newPending() {
        return new Pending();
    }

    @Override
    protected Place placeOf(String key, String placeValue) {
        return Place.area(key);
    }

    @Override
    public void processElement(StreamRecord<AreaDelta> element) throws Exception {
        AreaDelta delta = element.getValue();
        String key = delta.areaKey();
        if (place.value() == null) {
            place.update(key);
        }
        byte level = (byte) Place.area(key).level().ordinal();
        long watermark = watermarkSeconds();
        ScopeAggregates.Gathered g = new ScopeAggregates.Gathered();
        long historyFrom = watermark == ScopeAggregates.NO_WATERMARK ? Long.MIN_VALUE
                : watermark - historyRetentionSeconds;
        for (AreaDelta.Cell c : delta.cells()) {
            boolean history = !ItemKinds.isResponses(c.kind()) && c.minute() >= historyFrom;
            for (String audience : new String[] {c.audience(), ScopeLevel.ALL_AUDIENCES}) {
                ScopeAggregates.gather(g, new ItemKey(level, "", audience, c.surveyId(), c.questionId(), c.kind()),
                        c.minute(), c.counts(), 1, history, watermark);
            }
        }
        Pending p = pending(key);
        if (delta.excluded()) {
            excluded.apply(g, p.excludedChanges, this::registerSliceTimer);
        } else {
            aggregates.apply(g, p.changes, this::registerSliceTimer);
        }
        writeSoon(WRITE_AFTER_BURST_MILLIS);
    }

    @Override
    protected void applyDeltas(String key, Pending p, long watermarkSeconds) {
        // deltas are applied as they arrive: one record per office per flush is cheap enough
    }

    /** The area stage's rows go to its main output. */
    @Override
    protected void emitRow(EncodedRow row) {
        output.collect(new StreamRecord<>(row));
    }
}
