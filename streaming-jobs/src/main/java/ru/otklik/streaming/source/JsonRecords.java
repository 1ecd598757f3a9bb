package ru.otklik.streaming.source;

import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.otklik.common.response.EventJson;

/**
 * The records of a side topic (heartbeats, reused links) as JSON events of {@code type}, turned into what the job
 * needs by {@code convert}: a record that does not decode, or that {@code convert} refuses (returns null), is
 * counted in {@code skippedMetric} and skipped. These topics carry no figures, and nothing in them may stop the job.
 */
final class JsonRecords<E, T> implements KafkaRecordDeserializationSchema<T> {

    private final Class<E> type;
    private final SerializableFunction<E, T> convert;
    private final TypeInformation<T> produced;
    private final String skippedMetric;
    private transient Counter skipped;

    JsonRecords(Class<E> type, SerializableFunction<E, T> convert, TypeInformation<T> produced, String skippedMetric) {
        this.type = type;
        this.convert = convert;
        this.produced = produced;
        this.skippedMetric = skippedMetric;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        skipped = context.getMetricGroup().counter(skippedMetric);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) throws IOException {
        T value;
        try {
            value = record.value() == null ? null : convert.apply(EventJson.fromBytes(record.value(), type));
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null) {
            if (skipped != null) { // null only when used outside a job (tests)
                skipped.inc();
            }
            return;
        }
        out.collect(value);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return produced;
    }
}
