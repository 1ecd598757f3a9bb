package ru.otklik.dashboards.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.response.EventJson;

/**
 * The outbox relay of flag reviews: what the operational store recorded and Kafka has not acknowledged
 * is sent (acks=all, idempotent producer), oldest first, keyed by alert id, and marked published only
 * after the acknowledgement. A review is therefore published at least once whatever fails in between
 * (Kafka down for an hour, the server restarted); the consumer keeps one per review id. It runs on one
 * thread, woken by each new review and otherwise every {@code interval}, backing off while Kafka fails.
 */
public final class ReviewPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewPublisher.class);
    private static final int BATCH = 200;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final FlagReviews reviews;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration interval;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private boolean woken; // guarded by wake

    public ReviewPublisher(FlagReviews reviews, String bootstrap, String topic, Duration interval) {
        this.reviews = reviews;
        this.topic = topic;
        this.interval = interval;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "otklik-dashboards-reviews");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000"); // a broker that is down fails a round, not the thread
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "otklik-review-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A review was recorded: publish now rather than at the next interval. */
    public void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    private void run() {
        Duration backoff = interval;
        while (running) {
            try {
                int sent = publishPending();
                backoff = interval;
                if (sent > 0) {
                    LOG.info("event=reviews_published count={} topic={}", sent, topic);
                }
            } catch (Exception e) {
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                LOG.warn("event=review_publish_failed retry_in_ms={} error={}", backoff.toMillis(),
                        e.getClass().getSimpleName());
            }
            synchronized (wake) {
                if (!woken && running) {
                    try {
                        wake.wait(backoff.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /** Sends every unpublished review and marks those Kafka acknowledged; how many. */
    int publishPending() throws Exception {
        int total = 0;
        while (running) {
            List<FlagReview> batch = reviews.unpublished(BATCH);
            if (batch.isEmpty()) {
                return total;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (FlagReview r : batch) {
                acks.add(producer.send(new ProducerRecord<>(topic, r.alertId(), EventJson.toBytes(r.event()))));
            }
            producer.flush();
            List<Long> published = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                acks.get(i).get(20, TimeUnit.SECONDS); // throws if this one was not acknowledged: it stays unpublished
                published.add(batch.get(i).reviewId());
            }
            reviews.markPublished(published);
            total += published.size();
            if (batch.size() < BATCH) {
                return total;
            }
        }
        return total;
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
