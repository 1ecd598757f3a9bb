package ru.otklik.streaming.composite;

import java.io.IOException;
import java.time.Clock;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The composite index's two small topics, {@code checklists.reports} and {@code methodology.versions}: both kept
 * forever and both read from the earliest offset on every start (the stage needs every office's newest revision and
 * every version). They are quiet, so they hold back no event time ({@link #watermarks}).
 */
public final class CompositeSource {

    private CompositeSource() {
    }

    public static KafkaSource<CompositeInput> reports(StreamingConfig config) {
        return source(config, config.checklistReportsTopic(), "-checklist-reports", true);
    }

    public static KafkaSource<CompositeInput> methodologies(StreamingConfig config) {
        return source(config, config.methodologyVersionsTopic(), "-methodology-versions", false);
    }

    private static KafkaSource<CompositeInput> source(StreamingConfig config, String topic, String group,
                                                      boolean reports) {
        return KafkaSource.<CompositeInput>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(topic)
                .setGroupId(config.consumerGroup() + group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Records(reports))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /**
     * No watermark of their own, and idle after {@code idleness} without a record: the stage follows the responses'
     * watermark alone (a record arriving later does not pull it back: the channel rejoins once aligned). Unlike a
     * constant largest watermark, this never lets the stage's event time jump to the end while the responses are
     * idle themselves.
     */
    public static WatermarkStrategy<CompositeInput> watermarks(java.time.Duration idleness) {
        return WatermarkStrategy.<CompositeInput>forGenerator(context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(CompositeInput event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
            }
        }).withIdleness(idleness);
    }

    /** Kafka records to {@link CompositeInput}s through a {@link CompositeDecoder}. */
    static final class Records implements KafkaRecordDeserializationSchema<CompositeInput> {
        private final boolean reports;
        private transient CompositeDecoder decoder;

        Records(boolean reports) {
            this.reports = reports;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            decoder = new CompositeDecoder(OfficeDirectory.pilot(), Clock.systemUTC());
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<CompositeInput> out) throws IOException {
            if (decoder == null) {
                decoder = new CompositeDecoder(OfficeDirectory.pilot(), Clock.systemUTC());
            }
            out.collect(reports ? decoder.report(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value())
                    : decoder.methodology(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value()));
        }

        @Override
        public TypeInformation<CompositeInput> getProducedType() {
            return OtklikTypes.COMPOSITE_INPUT;
        }
    }
}
