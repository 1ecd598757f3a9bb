package ru.otklik.streaming.assessment;

import java.io.IOException;
import java.time.Clock;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The two 360 topics: {@code assessment.answers} (read like the responses: from the committed offsets, from the
 * beginning in a rebuild) and {@code assessment.assignments} (always from the beginning, like the reviews: the topic
 * is kept forever and every session's latest state is needed). Every record becomes an {@link AssessmentRecord};
 * one the job cannot use is a dead letter for {@code stream_dead_letters}. The stage keeps no timers, so the
 * records carry no watermarks.
 */
public final class AssessmentSource {

    private AssessmentSource() {
    }

    @SuppressWarnings("deprecation") // OffsetResetStrategy is what this connector version accepts
    public static KafkaSource<AssessmentRecord> answers(StreamingConfig config, boolean fromEarliest) {
        return KafkaSource.<AssessmentRecord>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.assessmentAnswersTopic())
                .setGroupId(config.consumerGroup() + "-assessment-answers")
                .setStartingOffsets(fromEarliest ? OffsetsInitializer.earliest()
                        : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new Records(true))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    public static KafkaSource<AssessmentRecord> assignments(StreamingConfig config) {
        return KafkaSource.<AssessmentRecord>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.assessmentAssignmentsTopic())
                .setGroupId(config.consumerGroup() + "-assessment-assignments")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new Records(false))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    public static WatermarkStrategy<AssessmentRecord> watermarks() {
        return WatermarkStrategy.noWatermarks();
    }

    /** Kafka records to {@link AssessmentRecord}s through an {@link AssessmentDecoder}. */
    static final class Records implements KafkaRecordDeserializationSchema<AssessmentRecord> {
        private final boolean submissions;
        private transient AssessmentDecoder decoder;

        Records(boolean submissions) {
            this.submissions = submissions;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            decoder = new AssessmentDecoder(Clock.systemUTC());
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<AssessmentRecord> out) throws IOException {
            if (decoder == null) {
                decoder = new AssessmentDecoder(Clock.systemUTC());
            }
            out.collect(submissions ? decoder.submission(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value())
                    : decoder.assignments(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value()));
        }

        @Override
        public TypeInformation<AssessmentRecord> getProducedType() {
            return OtklikTypes.ASSESSMENT_RECORD;
        }
    }
}
