package ru.otklik.streaming.source;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import ru.otklik.common.alert.FlagReviewEvent;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The {@code alert.reviews} topic: reviewers' decisions on fraud flags, written by the dashboards' outbox.
 * Always read from the beginning when the job starts without a checkpoint: the decisions are few, and
 * a rebuild needs every one of them to end with the clean figures of the live run (the topic is kept
 * forever for that). A record that is not a review of a fraud flag is counted and skipped.
 *
 * <p>Reviews carry no event time of the figures: they must never hold the fraud stage's watermark
 * back, so this source declares itself done with event time ({@link #watermarks()}) and the stage
 * follows the responses' watermark alone.
 */
public final class ReviewSource {

    private ReviewSource() {
    }

    public static KafkaSource<FlagReviewEvent> kafka(StreamingConfig config) {
        return KafkaSource.<FlagReviewEvent>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.reviewsTopic())
                .setGroupId(config.consumerGroup() + "-reviews")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(reviews())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /** The largest watermark, always: combined with the responses' watermark it leaves theirs. */
    public static WatermarkStrategy<FlagReviewEvent> watermarks() {
        return WatermarkStrategy.<FlagReviewEvent>forGenerator(context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(FlagReviewEvent event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        }).withTimestampAssigner((review, kafkaTs) -> review.reviewedAt().toEpochMilli());
    }

    /** A review of a fraud flag the job can route (see {@link ru.otklik.streaming.alert.FraudFlagStage#clusterKeyOf}). */
    static JsonRecords<FlagReviewEvent, FlagReviewEvent> reviews() {
        return new JsonRecords<>(FlagReviewEvent.class, review -> review.alertId() == null || review.alertType() == null
                || review.officeCode() == null || review.scopeId() == null || review.reviewedAt() == null
                || ru.otklik.streaming.alert.FraudFlagStage.clusterKeyOf(review) == null ? null : review,
                OtklikTypes.FLAG_REVIEW, "skippedReviews");
    }
}
