package ru.otklik.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.SaltedHash;
import ru.otklik.ingest.metrics.IngestMetrics;

/**
 * Puts every rejected request into the dead-letter topic. Never waits for Kafka and never fails
 * the refusal: the client gets its 4xx either way, a lost dead letter costs one log line.
 */
public final class DeadLetterWriter {

    /** Where envelopes go: the dead-letter topic in production, a list in unit tests. */
    @FunctionalInterface
    public interface Sink {
        CompletableFuture<Void> send(String key, byte[] envelope);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final Sink sink;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final SaltedHash addresses;

    public DeadLetterWriter(Sink sink, IngestMetrics metrics, Clock clock, String addressSalt) {
        this(sink, metrics, clock, new SaltedHash(addressSalt));
    }

    public DeadLetterWriter(Sink sink, IngestMetrics metrics, Clock clock, SaltedHash addresses) {
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.addresses = addresses;
    }

    /** Records the refusal; returns at once (the future is for tests and shutdown, callers may ignore it). */
    public CompletableFuture<Void> write(String endpoint, int status, String reason, List<Violation> violations,
                                        RequestBody body, String remoteAddress, String deviceId) {
        DeadLetter letter = envelope(endpoint, status, reason, violations, body, remoteAddress, deviceId);
        metrics.rejected(endpoint, reason);
        byte[] envelope = EventJson.toBytes(letter);
        /*
         * One more attempt when the first fails: the first send of a fresh producer on a loaded broker
         * (its producer id, the topic's metadata) can time out, and the letter is the only trace of the
         * refused request. Two failures in a row mean Kafka is down, and then the log line is all we can keep.
         */
        CompletableFuture<Void> sent = attempt(deviceId, envelope)
                .exceptionallyCompose(first -> attempt(deviceId, envelope));
        return sent.whenComplete((ok, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                metrics.kafkaError("dead-letter");
                LOG.warn("event=dead_letter_failed endpoint={} status={} reason={} error=\"{}: {}\"", endpoint, status,
                        reason, cause.getClass().getSimpleName(), cause.getMessage());
            }
        });
    }

    private CompletableFuture<Void> attempt(String key, byte[] envelope) {
        try {
            return sink.send(key, envelope);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    DeadLetter envelope(String endpoint, int status, String reason, List<Violation> violations, RequestBody body,
                        String remoteAddress, String deviceId) {
        return new DeadLetter(clock.instant(), endpoint, status, reason, violations, body.declaredBytes(),
                body.truncated(), new String(body.bytes(), StandardCharsets.UTF_8), hash(remoteAddress), deviceId);
    }

    /** Salted, so the topic can group requests by sender without holding anyone's IP address. */
    String hash(String remoteAddress) {
        return remoteAddress == null ? "" : addresses.hex(remoteAddress);
    }
}
