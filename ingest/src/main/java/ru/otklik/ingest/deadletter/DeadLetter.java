package ru.otklik.ingest.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import ru.otklik.common.validation.Violation;

/**
 * What ingest keeps of a rejected request in topic {@code responses.dlq}: why it was refused and
 * the raw body (cut at the size limit), so nothing a client sent disappears without a trace.
 * The client address is kept only as a salted hash.
 *
 * @param endpoint {@code responses}, {@code questionnaire}, {@code kiosk-batches}, {@code kiosk-heartbeats},
 *                 {@code kiosk-enrolments}, {@code kiosk-enrolment-codes}, {@code kiosk-devices}, ...
 * @param status the HTTP status answered (202 for a single invalid tap inside an accepted batch)
 * @param reason {@code json-syntax}, {@code max-size}, {@code invalid}, {@code invalid-tap}, a 401/403 reason
 *               of kiosk authentication, {@code code-used}, {@code unknown-or-expired}, ...
 * @param bodyBytes size of what the client sent (or announced), even when {@code body} is cut
 * @param body the body as UTF-8 text, at most the size limit
 * @param remoteAddressHash hex SHA-256 of the server salt and the client IP
 * @param deviceId the kiosk the request claimed to come from, if any (not proof of origin unless status is 2xx)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(Instant receivedTs, String endpoint, int status, String reason, List<Violation> violations,
                         long bodyBytes, boolean bodyTruncated, String body, String remoteAddressHash,
                         String deviceId) {

    public DeadLetter {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
