package ru.otklik.streaming.source;

import java.io.IOException;
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
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.response.EventJson;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.alert.KioskContact;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The {@code kiosk.heartbeats} topic as kiosk contacts in event time (the heartbeat's receive time,
 * stamped by ingest: a kiosk's own clock may be off). A record that is not a heartbeat ingest stamped
 * (no office, touchpoint or receive time) is counted and skipped: heartbeats carry no figures, and
 * nothing of them may stop the job.
 */
public final class HeartbeatSource {

    private HeartbeatSource() {
    }

    @SuppressWarnings("deprecation") // OffsetResetStrategy is what this connector version accepts
    public static KafkaSource<KioskContact> kafka(StreamingConfig config, boolean fromEarliest) {
        return KafkaSource.<KioskContact>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.heartbeatsTopic())
                .setGroupId(config.consumerGroup() + "-heartbeats")
                .setStartingOffsets(fromEarliest ? OffsetsInitializer.earliest()
                        : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new Contacts())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    public static WatermarkStrategy<KioskContact> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<KioskContact>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((contact, kafkaTs) -> contact.at())
                .withIdleness(idleness);
    }

    static final class Contacts implements KafkaRecordDeserializationSchema<KioskContact> {
        private transient Counter skipped;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            skipped = context.getMetricGroup().counter("skippedHeartbeats");
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KioskContact> out) throws IOException {
            KioskHeartbeat h;
            try {
                h = record.value() == null ? null : EventJson.fromBytes(record.value(), KioskHeartbeat.class);
            } catch (RuntimeException e) {
                h = null;
            }
            if (h == null || h.officeCode() == null || h.touchpointId() == null || h.receivedTs() == null) {
                if (skipped != null) { // null only when used outside a job (tests)
                    skipped.inc();
                }
                return;
            }
            out.collect(new KioskContact(h.officeCode(), h.touchpointId(), h.receivedTs().toEpochMilli()));
        }

        @Override
        public TypeInformation<KioskContact> getProducedType() {
            return OtklikTypes.KIOSK_CONTACT;
        }
    }
}
