package ru.otklik.dashboards.store;

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

/**
 * The relay of an outbox in the operational store: what the store recorded and Kafka has not acknowledged
 * is sent (acks=all, idempotent producer), oldest first, and marked published only after the acknowledgement.
 * An entry is therefore published at least once whatever fails in between (Kafka down for an hour, the server
 * restarted); consumers keep one per idempotency key. It runs on one thread, woken by each new entry and
 * otherwise every {@code interval}, backing off while Kafka fails.
 *
 * @param <T> an outbox entry
 */
public final class OutboxRelay<T> implements AutoCloseable {

    /** Where the entries wait: the operational store's table with its "published" mark. */
    public interface Outbox<T> {
        /** The oldest unpublished entries, at most {@code limit}. */
        List<T> unpublished(int limit);

        /** Marks entries Kafka acknowledged. */
        void markPublished(List<T> sent);

        /** The record key (entries of one key stay in order). */
        String key(T entry);

        /** The record value (the event's JSON). */
        byte[] value(T entry);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final Outbox<T> outbox;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration interval;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private boolean woken; // guarded by wake

    /** @param name what is relayed, for the thread, the client id and the log ({@code reviews}, {@code assignments}) */
    public OutboxRelay(String name, Outbox<T> outbox, String bootstrap, String topic, Duration interval) {
        this.name = name;
        this.outbox = outbox;
        this.topic = topic;
        this.interval = interval;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "otklik-dashboards-" + name);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000"); // a broker that is down fails a round, not the thread
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "otklik-" + name + "-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** An entry was recorded: publish now rather than at the next interval. */
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
                    LOG.info("event={}_published count={} topic={}", name, sent, topic);
                }
            } catch (Exception e) {
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                LOG.warn("event={}_publish_failed retry_in_ms={} error={}", name, backoff.toMillis(),
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

    /** Sends every unpublished entry and marks those Kafka acknowledged; how many. */
    int publishPending() throws Exception {
        int total = 0;
        while (running) {
            List<T> batch = outbox.unpublished(BATCH);
            if (batch.isEmpty()) {
                return total;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (T entry : batch) {
                acks.add(producer.send(new ProducerRecord<>(topic, outbox.key(entry), outbox.value(entry))));
            }
            producer.flush();
            List<T> published = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                acks.get(i).get(20, TimeUnit.SECONDS); // throws if this one was not acknowledged: it stays unpublished
                published.add(batch.get(i));
            }
            outbox.markPublished(published);
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
