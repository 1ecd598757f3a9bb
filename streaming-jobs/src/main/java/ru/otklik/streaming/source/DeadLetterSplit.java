package ru.otklik.streaming.source;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/** Checked responses go on to be counted; dead letters go to {@code stream_dead_letters}, already encoded. */
public final class DeadLetterSplit extends ProcessFunction<SourceRecord, ResponseChange> {

    public static final OutputTag<EncodedRow> DEAD_LETTERS = new OutputTag<>("dead-letters", OtklikTypes.ENCODED_ROW);

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<ResponseChange> out) {
        if (record.isValid()) {
            out.collect(ResponseChange.add(record.response()));
        } else {
            ctx.output(DEAD_LETTERS, EncodedRow.of(Tables.STREAM_DEAD_LETTERS, record.deadLetter()));
        }
    }
}
