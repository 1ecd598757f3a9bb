package ru.otklik.dashboards.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.store.StoringConsumer;

/**
 * Opens cases from Kafka: every event of {@code feedback.negative} (a counted response with a comment and a low
 * score, decided by the streaming job) and every drop alert of {@code alerts} when it opens or escalates. A case
 * is written to the operational store before the topics' offsets are committed, so a restart re-reads rather than
 * loses, and a re-read opens nothing twice ({@code source_key}) ({@link StoringConsumer}). Events older than
 * {@link CaseSettings#maxAge()} open no case.
 */
public final class CaseIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaseIntake.class);

    private final CaseSettings settings;
    private final Cases cases;
    private final Clock clock;
    private final StoringConsumer consumer;

    public CaseIntake(CaseSettings settings, Cases cases, String kafkaBootstrap, Clock clock) {
        this.settings = settings;
        this.cases = cases;
        this.clock = clock;
        this.consumer = new StoringConsumer("otklik-case-intake", kafkaBootstrap, "otklik-case-intake",
                List.of(settings.feedbackTopic(), settings.alertsTopic()), StoringConsumer.eachRecord(this::take), () -> { });
        LOG.info("case intake started topics={},{}", settings.feedbackTopic(), settings.alertsTopic());
    }

    /** Whether a change of an incident opens a case: a drop alert that opens or escalates. */
    static boolean opensCase(AlertEvent e) {
        boolean drop = Arrays.stream(DropSignal.values()).anyMatch(s -> s.alertType().equals(e.alertType()));
        return drop && ("open".equals(e.status()) || "escalated".equals(e.status()));
    }

    /** Opens the case a record asks for; true if it opened one. */
    private boolean take(ConsumerRecord<String, byte[]> r) {
        Instant oldest = clock.instant().minus(settings.maxAge());
        try {
            if (r.topic().equals(settings.feedbackTopic())) {
                NegativeFeedback f = EventJson.fromBytes(r.value(), NegativeFeedback.class);
                if (f.receivedTs().isAfter(oldest) && cases.open(f)) {
                    LOG.info("event=case_opened kind=feedback office={} response={}", f.officeCode(), f.responseId());
                    return true;
                }
            } else {
                AlertEvent a = EventJson.fromBytes(r.value(), AlertEvent.class);
                if (opensCase(a) && a.updatedAt().isAfter(oldest) && cases.open(a)) {
                    LOG.info("event=case_opened kind=drop_alert office={} alert={}", a.officeCode(), a.alertId());
                    return true;
                }
            }
            return false;
        } catch (ru.otklik.common.operational.OperationalStoreException e) {
            throw e; // the store: read again
        } catch (RuntimeException unreadable) {
            LOG.warn("event=case_event_unreadable topic={} partition={} offset={}", r.topic(), r.partition(), r.offset());
            return false;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
