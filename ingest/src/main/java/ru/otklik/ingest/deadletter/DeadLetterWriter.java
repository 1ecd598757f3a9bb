package ru.otklik.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.metrics.IngestMetrics;

/** Puts every rejected request into the dead-letter topic. A failure here is logged, never shown to the client. */
public final class DeadLetterWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final ResponsePublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final String addressSalt;

    public DeadLetterWriter(ResponsePublisher publisher, IngestMetrics metrics, Clock clock, String addressSalt) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.addressSalt = addressSalt;
    }

    public void write(String endpoint, int status, String reason, List<Violation> violations, RequestBody body,
                      String remoteAddress, String deviceId) {
        DeadLetter letter = new DeadLetter(clock.instant(), endpoint, status, reason, violations, body.declaredBytes(),
                body.truncated(), new String(body.bytes(), StandardCharsets.UTF_8), hash(remoteAddress), deviceId);
        metrics.rejected(endpoint, reason);
        publisher.publishDeadLetter(deviceId, EventJson.toBytes(letter)).whenComplete((ok, error) -> {
            if (error != null) {
                metrics.kafkaError("dead-letter");
                LOG.warn("event=dead_letter_failed endpoint={} reason={} error=\"{}\"", endpoint, reason,
                        error.getMessage());
            }
        });
    }

    String hash(String remoteAddress) {
        if (remoteAddress == null) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(addressSalt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(remoteAddress.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
