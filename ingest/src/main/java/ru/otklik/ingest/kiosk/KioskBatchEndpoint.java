package ru.otklik.ingest.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.validation.KioskTapValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.RequestMetadata;
import ru.otklik.ingest.kafka.KafkaUnavailable;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.metrics.IngestMetrics;

/**
 * {@code POST /api/v1/kiosk/batches}: up to 500 taps of one authenticated kiosk. Valid taps
 * become kiosk-quick responses bound to the device's office and touchpoint; an invalid tap is
 * reported by index and kept in the dead-letter topic without holding back the others (a kiosk
 * cannot fix a tap, it would only resend it forever). 202 once Kafka acknowledged every valid tap.
 * Authentication is the {@link KioskGate}'s (401, or 403 for a revoked device); each accepted
 * response carries the request metadata, and an accepted batch counts as the kiosk's last contact.
 */
public final class KioskBatchEndpoint {

    public static final String PATH = "/api/v1/kiosk/batches";
    private static final String ENDPOINT = "kiosk-batches";
    private static final Logger LOG = LoggerFactory.getLogger(KioskBatchEndpoint.class);

    private final KioskGate gate;
    private final KioskTapValidator validator;
    private final OfficeDirectory offices;
    private final ResponsePublisher publisher;
    private final DeadLetterWriter deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxBodyBytes;
    private final RequestMetadata requestMeta;
    private final KioskContacts contacts;

    public KioskBatchEndpoint(KioskGate gate, KioskTapValidator validator, OfficeDirectory offices,
                              ResponsePublisher publisher, DeadLetterWriter deadLetters, IngestMetrics metrics,
                              Clock clock, int maxBodyBytes, RequestMetadata requestMeta, KioskContacts contacts) {
        this.gate = gate;
        this.validator = validator;
        this.offices = offices;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.requestMeta = requestMeta;
        this.contacts = contacts;
    }

    public void handle(Context ctx) {
        long started = System.nanoTime();
        RequestBody body = RequestBody.read(ctx, maxBodyBytes);
        String deviceId = ctx.header(KioskSignature.DEVICE_HEADER);
        if (body.truncated()) {
            refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, "max-size", RequestBody.tooLarge(maxBodyBytes), body, deviceId, started);
            return;
        }
        Optional<KioskDevice> device = gate.admit(ctx, body, ENDPOINT, started);
        if (device.isEmpty()) {
            return;
        }
        JsonNode tree;
        try {
            tree = body.json();
        } catch (RequestBody.Unreadable e) {
            refuse(ctx, HttpStatus.BAD_REQUEST, e.reason(), e.violations(), body, deviceId, started);
            return;
        }
        List<Violation> shape = batchShape(tree);
        if (!shape.isEmpty()) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "invalid", shape, body, deviceId, started);
            return;
        }
        accept(ctx, device.get(), tree.get("taps"), started);
    }

    private static List<Violation> batchShape(JsonNode tree) {
        List<Violation> violations = new ArrayList<>();
        if (tree == null || !tree.isObject()) {
            violations.add(new Violation("$", "type", "body must be a JSON object {\"taps\": [...]}"));
            return violations;
        }
        tree.fieldNames().forEachRemaining(name -> {
            if (!name.equals("taps")) {
                violations.add(new Violation(name, "unknown-field", "field is not part of the schema"));
            }
        });
        JsonNode taps = tree.get("taps");
        if (taps == null || taps.isNull()) {
            violations.add(new Violation("taps", "required", "an array of taps is required"));
        } else if (!taps.isArray()) {
            violations.add(new Violation("taps", "type", "must be an array of taps"));
        } else if (taps.size() > KioskBatch.MAX_TAPS) {
            violations.add(new Violation("taps", "max-items", "at most " + KioskBatch.MAX_TAPS + " taps per batch, got "
                    + taps.size()));
        }
        return violations;
    }

    private void accept(Context ctx, KioskDevice device, JsonNode taps, long started) {
        Office office = offices.office(device.officeCode()).orElseThrow();
        Instant received = clock.instant();
        List<SurveyResponse> valid = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < taps.size(); i++) {
            Validated<KioskTap> tap = validator.validate(taps.get(i), "taps[" + i + "]", device.deviceId());
            if (tap.isValid()) {
                valid.add(requestMeta.onto(tap.value().toResponse(office.regionCode(), office.code(), device.touchpointId(),
                        received), ctx, Entry.KIOSK_BATCH)); // the only door of kiosk taps
            } else {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("index", i);
                entry.put("violations", tap.violations());
                rejected.add(entry);
                // the batch as a whole is answered 202; this tap alone is what the dead letter keeps
                deadLetters.write(ENDPOINT, 202, "invalid-tap", tap.violations(), RequestBody.of(taps.get(i).toString()),
                        ClientAddress.of(ctx), device.deviceId());
            }
        }
        ctx.future(() -> publisher.publishAll(valid).handle((ok, error) -> {
            if (error != null) {
                KafkaUnavailable.answer(ctx, metrics, ENDPOINT, error);
            } else {
                metrics.accepted(ENDPOINT, valid.size());
                contacts.batch(device.deviceId(), received);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("accepted", valid.size());
                answer.put("rejected", rejected);
                ctx.status(HttpStatus.ACCEPTED).json(answer);
                LOG.debug("event=kiosk_batch_accepted device={} office={} touchpoint={} taps={} rejected={}",
                        device.deviceId(), office.code(), device.touchpointId(), valid.size(), rejected.size());
            }
            metrics.latency(ENDPOINT, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
            return null;
        }));
    }

    private void refuse(Context ctx, HttpStatus status, String reason, List<Violation> violations, RequestBody body,
                        String deviceId, long started) {
        deadLetters.write(ENDPOINT, status.getCode(), reason, violations, body, ClientAddress.of(ctx), deviceId);
        LOG.info("event=kiosk_batch_rejected device={} status={} reason={}", ClientText.forLog(deviceId),
                status.getCode(), reason);
        ctx.status(status).json(Problem.invalid(violations));
        metrics.latency(ENDPOINT, status.getCode(), Duration.ofNanos(System.nanoTime() - started));
    }
}
