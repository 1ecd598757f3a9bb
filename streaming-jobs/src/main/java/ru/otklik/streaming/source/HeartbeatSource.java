package ru.otklik.streaming.source;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import ru.otklik.common.kiosk.KioskHeartbeat;
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
                .setDeserializer(contacts())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    public static WatermarkStrategy<KioskContact> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<KioskContact>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((contact, kafkaTs) -> contact.at())
                .withIdleness(idleness);
    }

    /** A heartbeat ingest stamped (office, touchpoint, receive time) as a contact; anything else is skipped. */
    static JsonRecords<KioskHeartbeat, KioskContact> contacts() {
        return new JsonRecords<>(KioskHeartbeat.class, h -> h.officeCode() == null || h.touchpointId() == null
                || h.receivedTs() == null ? null : new KioskContact(h.officeCode(), h.touchpointId(),
                h.receivedTs().toEpochMilli()), OtklikTypes.KIOSK_CONTACT, "skippedHeartbeats");
    }
}
