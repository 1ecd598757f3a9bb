package ru.otklik.dashboards.store;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that reads Kafka topics into the operational store and commits the offsets only after what it read is
 * stored: a restart re-reads rather than loses, and the store's unique keys make a re-read harmless. While the
 * store is down (the handler throws) the same records are read again after doubling pauses (1 s to 5 minutes).
 * Alert delivery and the case queue read this way, each in a consumer group of its own.
 */
public final class StoringConsumer implements AutoCloseable {

    /** Stores one batch of records; returns whether anything new was stored. Throws if the store failed. */
    @FunctionalInterface
    public interface Batch {
        boolean store(ConsumerRecords<String, byte[]> records);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StoringConsumer.class);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Batch batch;
    private final Runnable afterStored;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param afterStored run after a batch that stored something new has been committed (to wake a dispatcher)
     */
    public StoringConsumer(String name, String kafkaBootstrap, String group, List<String> topics, Batch batch,
                           Runnable afterStored) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.copyOf(topics);
        this.batch = batch;
        this.afterStored = afterStored;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Each record of the batch through {@code each}; a batch that stored anything new counts as new. */
    public static Batch eachRecord(java.util.function.Predicate<ConsumerRecord<String, byte[]>> each) {
        return records -> {
            boolean stored = false;
            for (ConsumerRecord<String, byte[]> r : records) {
                stored |= each.test(r);
            }
            return stored;
        };
    }

    private void run() {
        Duration pause = Duration.ofSeconds(1);
        try {
            consumer.subscribe(topics);
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                try {
                    boolean stored = batch.store(records);
                    consumer.commitSync();
                    pause = Duration.ofSeconds(1);
                    if (stored) {
                        afterStored.run();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("event=store_failed consumer={} retry_in_ms={} error={}", thread.getName(), pause.toMillis(),
                            e.getMessage());
                    rewind();
                    Thread.sleep(pause.toMillis());
                    pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Back to the committed offsets (the beginning where none is committed yet): read the same records again. */
    private void rewind() {
        var assigned = consumer.assignment();
        java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                consumer.committed(assigned);
        for (var tp : assigned) {
            var at = committed.get(tp);
            if (at == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, at.offset());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
