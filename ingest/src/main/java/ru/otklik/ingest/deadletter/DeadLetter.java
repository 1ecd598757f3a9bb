package ru.otklik.ingest.deadletter;

import java.time.Instant;
import java.util.List;
import ru.otklik.common.validation.Violation;

/**
 * What ingest keeps of a rejected request in topic {@code responses.dlq}: why it was refused and
 * the raw body (cut at the size limit), so nothing a client sent disappears without a trace.
 * The client address is kept only as a salted hash.
 */
public record DeadLetter(Instant receivedTs, String endpoint, int status, String reason, List<Violation> violations,
                         long bodyBytes, boolean bodyTruncated, String body, String remoteAddressHash,
                         String deviceId) {
}
