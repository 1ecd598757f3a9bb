package ru.otklik.ingest.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.kafka.KafkaUnavailable;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.metrics.IngestMetrics;

/**
 * {@code POST /api/v1/kiosk/heartbeats}: a kiosk agent's "alive, this is my queue", signed like a
 * batch. Stamped with the device's office, touchpoint and our receive time, published to the
 * heartbeats topic keyed by device id; 204 once Kafka acknowledged, 503 when it did not (the agent
 * sends the next one anyway). The last contact shown to staff is updated on success.
 */
public final class HeartbeatEndpoint {

    public static final String PATH = "/api/v1/kiosk/heartbeats";
    static final String ENDPOINT = "kiosk-heartbeats";
    public static final int MAX_BODY_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatEndpoint.class);

    private final KioskGate gate;
    private final ResponsePublisher publisher;
    private final KioskContacts contacts;
    private final DeadLetterWriter deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;

    public HeartbeatEndpoint(KioskGate gate, ResponsePublisher publisher, KioskContacts contacts,
                             DeadLetterWriter deadLetters, IngestMetrics metrics, Clock clock) {
        this.gate = gate;
        this.publisher = publisher;
        this.contacts = contacts;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void handle(Context ctx) {
        long started = System.nanoTime();
        RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
        String claimed = ctx.header(ru.otklik.common.kiosk.KioskSignature.DEVICE_HEADER);
        if (body.truncated()) {
            refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, "max-size", RequestBody.tooLarge(MAX_BODY_BYTES), body, claimed,
                    started);
            return;
        }
        Optional<KioskDevice> admitted = gate.admit(ctx, body, ENDPOINT, started);
        if (admitted.isEmpty()) {
            return;
        }
        KioskDevice device = admitted.get();
        JsonNode json;
        try {
            json = body.json();
        } catch (RequestBody.Unreadable e) {
            refuse(ctx, HttpStatus.BAD_REQUEST, e.reason(), e.violations(), body, device.deviceId(), started);
            return;
        }
        Validated<KioskHeartbeat> read = HeartbeatReader.read(json, device.deviceId(), clock.instant());
        if (!read.isValid()) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "invalid", read.violations(), body, device.deviceId(), started);
            return;
        }
        Instant received = clock.instant();
        KioskHeartbeat heartbeat = read.value().asReceived(device.officeCode(), device.touchpointId(), received);
        ctx.future(() -> publisher.publishHeartbeat(heartbeat).handle((ok, error) -> {
            if (error != null) {
                KafkaUnavailable.answer(ctx, metrics, ENDPOINT, error);
            } else {
                contacts.heartbeat(device.deviceId(), received, heartbeat.queueLength());
                metrics.accepted(ENDPOINT, 1);
                ctx.status(HttpStatus.NO_CONTENT);
                LOG.debug("event=kiosk_heartbeat device={} office={} queue={}", device.deviceId(),
                        device.officeCode(), heartbeat.queueLength());
            }
            metrics.latency(ENDPOINT, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
            return null;
        }));
    }

    private void refuse(Context ctx, HttpStatus status, String reason, List<Violation> violations, RequestBody body,
                        String deviceId, long started) {
        deadLetters.write(ENDPOINT, status.getCode(), reason, violations, body, ClientAddress.of(ctx), deviceId);
        LOG.info("event=kiosk_heartbeat_rejected device={} status={} reason={} fields={}", ClientText.forLog(deviceId),
                status.getCode(), reason, violations.stream().map(v -> ClientText.forLog(v.field())).distinct().toList());
        ctx.status(status).json(Problem.invalid(violations));
        metrics.latency(ENDPOINT, status.getCode(), Duration.ofNanos(System.nanoTime() - started));
    }
}
