package ru.otklik.dashboards.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.response.EventJson;

/**
 * Opens cases from Kafka: every event of {@code feedback.negative} (a counted response with a comment and a low
 * score, decided by the streaming job) and every drop alert of {@code alerts} when it opens or escalates. A case
 * is written to the operational store before the topics' offsets are committed, so a restart re-reads rather than
 * loses, and a re-read opens nothing twice ({@code source_key}). Events older than {@link CaseSettings#maxAge()}
 * open no case. While the store is down the same records are read again with doubling pauses.
 */
public final class CaseIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaseIntake.class);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    private final CaseSettings settings;
    private final Cases cases;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public CaseIntake(CaseSettings settings, Cases cases, String kafkaBootstrap, Clock clock) {
        this.settings = settings;
        this.cases = cases;
        this.clock = clock;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "otklik-case-intake");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "otklik-case-intake");
        thread.setDaemon(true);
        thread.start();
        LOG.info("case intake started topics={},{}", settings.feedbackTopic(), settings.alertsTopic());
    }

    /** Whether a change of an incident opens a case: a drop alert that opens or escalates. */
    static boolean opensCase(AlertEvent e) {
        boolean drop = Arrays.stream(DropSignal.values()).anyMatch(s -> s.alertType().equals(e.alertType()));
        return drop && ("open".equals(e.status()) || "escalated".equals(e.status()));
    }

    private void run() {
        Duration pause = Duration.ofSeconds(1);
        try {
            consumer.subscribe(List.of(settings.feedbackTopic(), settings.alertsTopic()));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                try {
                    for (ConsumerRecord<String, byte[]> r : records) {
                        take(r);
                    }
                    consumer.commitSync();
                    pause = Duration.ofSeconds(1);
                } catch (RuntimeException e) {
                    LOG.warn("event=case_intake_failed retry_in_ms={} error={}", pause.toMillis(), e.getMessage());
                    ru.otklik.dashboards.store.CommittedOffsets.rewind(consumer);
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

    private void take(ConsumerRecord<String, byte[]> r) {
        Instant oldest = clock.instant().minus(settings.maxAge());
        try {
            if (r.topic().equals(settings.feedbackTopic())) {
                NegativeFeedback f = EventJson.fromBytes(r.value(), NegativeFeedback.class);
                if (f.receivedTs().isAfter(oldest) && cases.open(f)) {
                    LOG.info("event=case_opened kind=feedback office={} response={}", f.officeCode(), f.responseId());
                }
            } else {
                AlertEvent a = EventJson.fromBytes(r.value(), AlertEvent.class);
                if (opensCase(a) && a.updatedAt().isAfter(oldest) && cases.open(a)) {
                    LOG.info("event=case_opened kind=drop_alert office={} alert={}", a.officeCode(), a.alertId());
                }
            }
        } catch (ru.otklik.common.operational.OperationalStoreException e) {
            throw e; // the store: read again
        } catch (RuntimeException unreadable) {
            LOG.warn("event=case_event_unreadable topic={} partition={} offset={}", r.topic(), r.partition(), r.offset());
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
