package ru.otklik.streaming.source;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import ru.otklik.common.link.LinkReuse;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The {@code links.reused} topic (second answers to spent single-use links, refused by ingest) in event time: the
 * moment ingest refused the answer. A record without link, office or time is counted and skipped. The topic is
 * quiet nearly always, so the source goes idle and never holds back the job's event time.
 */
public final class LinkReuseSource {

    private LinkReuseSource() {
    }

    @SuppressWarnings("deprecation") // OffsetResetStrategy is what this connector version accepts
    public static KafkaSource<LinkReuse> kafka(StreamingConfig config, boolean fromEarliest) {
        return KafkaSource.<LinkReuse>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.linksReusedTopic())
                .setGroupId(config.consumerGroup() + "-links-reused")
                .setStartingOffsets(fromEarliest ? OffsetsInitializer.earliest()
                        : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(reuses())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    public static WatermarkStrategy<LinkReuse> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<LinkReuse>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((reuse, kafkaTs) -> reuse.attemptedAt().toEpochMilli())
                .withIdleness(idleness);
    }

    static JsonRecords<LinkReuse, LinkReuse> reuses() {
        return new JsonRecords<>(LinkReuse.class, r -> r.linkId() == null || r.officeCode() == null
                || r.regionCode() == null || r.attemptedAt() == null ? null : r, OtklikTypes.LINK_REUSE,
                "skippedLinkReuses");
    }
}
