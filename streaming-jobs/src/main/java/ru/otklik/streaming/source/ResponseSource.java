package ru.otklik.streaming.source;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The {@code responses} topic as an event-time stream of {@link SourceRecord}s: timestamps are the
 * client's clock (bounded by the second check, so no arithmetic on it can overflow), the watermark
 * tolerates bounded disorder, idle partitions (a quiet night) do not stall it, and dead letters
 * carry no event time, so a broken record can never move the watermark. Offsets live in Flink
 * checkpoints; the consumer group's committed offsets are only a fallback.
 */
public final class ResponseSource {

    private ResponseSource() {
    }

    @SuppressWarnings("deprecation") // OffsetResetStrategy is what this connector version accepts
    public static KafkaSource<SourceRecord> kafka(StreamingConfig config, boolean fromEarliest) {
        return KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.responsesTopic())
                .setGroupId(config.consumerGroup())
                .setStartingOffsets(fromEarliest ? OffsetsInitializer.earliest()
                        : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new Deserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    public static WatermarkStrategy<SourceRecord> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<SourceRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((record, kafkaTs) -> record.isValid()
                        ? record.response().clientTs().toEpochMilli() : Long.MIN_VALUE)
                .withIdleness(idleness);
    }

    /** Kafka's record to {@link SourceRecord}, with the record's coordinates for the dead letters. */
    static final class Deserializer implements KafkaRecordDeserializationSchema<SourceRecord> {
        private transient RecordDecoder decoder;
        private transient Counter deadLetters;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            decoder = new RecordDecoder(SurveyCatalog.builtIn(), OfficeDirectory.pilot(), Clock.systemUTC());
            deadLetters = context.getMetricGroup().counter("deadLetters");
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) throws IOException {
            SourceRecord decoded = decoder.decode(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.value());
            if (!decoded.isValid()) {
                deadLetters.inc();
            }
            out.collect(decoded);
        }

        @Override
        public TypeInformation<SourceRecord> getProducedType() {
            return OtklikTypes.SOURCE_RECORD;
        }
    }
}
