package ru.otklik.dashboards.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.store.StoringConsumer;

/**
 * Alerts reach people: reads the streaming job's changes of incidents from Kafka topic {@code alerts}
 * and tells every route that covers the office — when an incident opens, and when it escalates (unless
 * within the quiet period of its last message). Two threads:
 * <ul>
 *   <li><em>intake</em> ({@link StoringConsumer}) puts each message in line in the operational store ({@link Notifications}) and only
 *   then commits the topic's offsets, so a restart re-reads rather than loses, and the idempotency key
 *   makes the re-read harmless;</li>
 *   <li><em>dispatch</em> sends what is due (signed webhook, e-mail) and retries failures with doubling
 *   delays (from {@code alert.retry-seconds} to 10 minutes, {@link #MAX_ATTEMPTS} attempts: about a day), so a
 *   receiver that is down for hours gets every message once it is back, each exactly once unless its
 *   answer was lost (then again, with the same idempotency key).</li>
 * </ul>
 */
public final class AlertDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);
    static final int MAX_ATTEMPTS = 150;
    private static final Duration MAX_DELAY = Duration.ofMinutes(10);
    /** Changes older than this when first read are not announced: a new installation does not replay history at people. */
    static final Duration MAX_AGE = Duration.ofHours(24);

    private final DeliverySettings settings;
    private final Notifications notifications;
    private final OfficeDirectory directory;
    private final Clock clock;
    private final WebhookChannel webhooks;
    private final MailChannel mail;
    private final StoringConsumer intake;
    private final Thread dispatch;
    private final Object wake = new Object();
    private volatile boolean running = true;

    public AlertDelivery(DeliverySettings settings, Notifications notifications, String kafkaBootstrap,
                         OfficeDirectory directory, Clock clock) {
        this.settings = settings;
        this.notifications = notifications;
        this.directory = directory;
        this.clock = clock;
        this.webhooks = settings.webhookSecret() == null ? null : new WebhookChannel(settings.webhookSecret(), clock);
        this.mail = new MailChannel(settings);
        this.dispatch = new Thread(this::dispatchDue, "otklik-alert-dispatch");
        dispatch.setDaemon(true);
        dispatch.start();
        this.intake = new StoringConsumer("otklik-alert-intake", kafkaBootstrap, "otklik-alert-delivery",
                List.of(settings.alertsTopic()), StoringConsumer.eachRecord(this::take), () -> {
                    synchronized (wake) {
                        wake.notifyAll();
                    }
                });
        LOG.info("alert delivery started settings={}", settings);
    }

    /** Which message a change asks for: {@code open} or {@code escalated}; null for other changes (closing). */
    static String transition(AlertEvent e) {
        return switch (e.status()) {
            case "open" -> "open";
            case "escalated" -> "escalated";
            default -> null;
        };
    }

    /** Puts the messages a change asks for in line; true if any is new. */
    private boolean take(ConsumerRecord<String, byte[]> r) {
        AlertEvent e;
        try {
            e = EventJson.fromBytes(r.value(), AlertEvent.class);
        } catch (RuntimeException bad) {
            LOG.warn("event=alert_unreadable topic={} partition={} offset={}", r.topic(), r.partition(), r.offset());
            return false;
        }
        String transition = transition(e);
        if (transition == null || e.updatedAt().isBefore(clock.instant().minus(MAX_AGE))) {
            return false;
        }
        boolean queued = false;
        for (AlertRoute route : settings.routes()) {
            if (route.covers(e) && notifications.enqueue(e, transition, route, settings.quietPeriod())) {
                queued = true;
            }
        }
        return queued;
    }

    private void dispatchDue() {
        while (running) {
            try {
                List<Notifications.Due> due = notifications.claimDue(20, Duration.ofMinutes(2));
                for (Notifications.Due d : due) {
                    if (!running) {
                        return;
                    }
                    deliver(d);
                }
                if (due.isEmpty()) {
                    synchronized (wake) {
                        wake.wait(1000);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("event=alert_dispatch_failed error={}", e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void deliver(Notifications.Due d) {
        AlertMessage message = AlertMessage.of(d.event(), d.transition(), directory, settings.publicUrl());
        Delivered outcome = switch (d.channel()) {
            case WEBHOOK -> webhooks == null ? Delivered.REFUSED
                    : webhooks.send(d.target(), d.idempotencyKey(), EventJson.toJson(message.json()));
            case EMAIL -> mail.send(d.target(), d.idempotencyKey(), message);
        };
        String where = d.channel() == AlertRoute.Channel.EMAIL ? "email" : d.target(); // addresses stay out of the log
        switch (outcome) {
            case YES -> {
                notifications.sent(d.id());
                LOG.info("event=alert_delivered alert={} transition={} channel={} target={} attempt={}", d.alertId(),
                        d.transition(), d.channel().code(), where, d.attempts() + 1);
            }
            case REFUSED -> {
                notifications.failed(d.id(), "refused by the receiver", null);
                LOG.warn("event=alert_refused alert={} channel={} target={}", d.alertId(), d.channel().code(), where);
            }
            case RETRY -> {
                int attempts = d.attempts() + 1;
                Instant next = attempts >= MAX_ATTEMPTS ? null : clock.instant().plus(delay(settings.firstRetry(), attempts));
                notifications.failed(d.id(), "not delivered (attempt " + attempts + ")", next);
                LOG.warn("event=alert_delivery_retry alert={} channel={} target={} attempt={} next={}", d.alertId(),
                        d.channel().code(), where, attempts, next == null ? "given up" : next);
            }
        }
    }

    /** The wait after the {@code attempts}-th failure: the first retry delay doubled each time, at most 10 minutes. */
    static Duration delay(Duration first, int attempts) {
        Duration d = first;
        for (int i = 1; i < attempts && d.compareTo(MAX_DELAY) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    @Override
    public void close() {
        running = false;
        intake.close();
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            dispatch.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
