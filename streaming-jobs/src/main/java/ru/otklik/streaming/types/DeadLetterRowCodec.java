package ru.otklik.streaming.types;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import ru.otklik.common.store.StreamDeadLetterRow;

/**
 * The one encoding of a dead letter inside the job's serializers (the responses' {@code SourceRecord} and the 360
 * sources' records carry the same row): field by field, in the row's order. Changing it changes every serializer
 * that embeds it, so it is versioned with them.
 */
public final class DeadLetterRowCodec {

    private DeadLetterRowCodec() {
    }

    public static void write(StreamDeadLetterRow d, DataOutputView out) throws IOException {
        StringValue.writeString(d.topic(), out);
        out.writeInt(d.partition());
        out.writeLong(d.offset());
        out.writeLong(d.kafkaTs());
        out.writeLong(d.seenAt());
        StringValue.writeString(d.reason(), out);
        StringValue.writeString(d.detail(), out);
        out.writeInt(d.raw().length);
        out.write(d.raw());
        out.writeInt(d.rawSize());
        out.writeLong(d.version());
    }

    public static StreamDeadLetterRow read(DataInputView in) throws IOException {
        String topic = StringValue.readString(in);
        int partition = in.readInt();
        long offset = in.readLong();
        long kafkaTs = in.readLong();
        long seenAt = in.readLong();
        String reason = StringValue.readString(in);
        String detail = StringValue.readString(in);
        byte[] raw = new byte[in.readInt()];
        in.readFully(raw);
        return new StreamDeadLetterRow(topic, partition, offset, kafkaTs, seenAt, reason, detail, raw, in.readInt(),
                in.readLong());
    }
}
