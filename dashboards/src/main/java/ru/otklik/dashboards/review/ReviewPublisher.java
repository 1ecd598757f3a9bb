package ru.otklik.dashboards.review;

import java.time.Duration;
import java.util.List;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.store.OutboxRelay;

/**
 * The outbox relay of flag reviews ({@link OutboxRelay}): what the operational store recorded is published to
 * Kafka, keyed by alert id, at least once whatever fails in between; the consumer keeps one per review id.
 */
public final class ReviewPublisher implements AutoCloseable {

    private final OutboxRelay<FlagReview> relay;

    public ReviewPublisher(FlagReviews reviews, String bootstrap, String topic, Duration interval) {
        this.relay = new OutboxRelay<>("reviews", new OutboxRelay.Outbox<>() {
            @Override
            public List<FlagReview> unpublished(int limit) {
                return reviews.unpublished(limit);
            }

            @Override
            public void markPublished(List<FlagReview> sent) {
                reviews.markPublished(sent.stream().map(FlagReview::reviewId).toList());
            }

            @Override
            public String key(FlagReview review) {
                return review.alertId();
            }

            @Override
            public byte[] value(FlagReview review) {
                return EventJson.toBytes(review.event());
            }
        }, bootstrap, topic, interval);
    }

    /** A review was recorded: publish now rather than at the next interval. */
    public void wake() {
        relay.wake();
    }

    @Override
    public void close() {
        relay.close();
    }
}
