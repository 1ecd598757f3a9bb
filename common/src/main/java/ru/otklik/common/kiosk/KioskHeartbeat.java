package ru.otklik.common.kiosk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A kiosk agent's periodic "I am alive" with its own queue state, sent signed to
 * {@code POST /api/v1/kiosk/heartbeats} (same HMAC headers as batches). Ingest stamps
 * {@code receivedTs} and the device's office and publishes it to {@code kiosk.heartbeats}; the last
 * contact per device is what the silent-kiosk flag (domain §8) looks at.
 *
 * <p>{@code queueLength}: journaled taps not yet acknowledged; {@code oldestUnsentTs}: client time
 * of the oldest of them (null when the queue is empty); {@code lastSuccessfulSendTs}: when ingest
 * last acknowledged a batch (null before the first).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KioskHeartbeat(String deviceId, Instant sentTs, int queueLength, Instant oldestUnsentTs,
                             Instant lastSuccessfulSendTs, String agentVersion,
                             // set by ingest
                             String officeCode, String touchpointId, Instant receivedTs) {

    public KioskHeartbeat asReceived(String office, String touchpoint, Instant received) {
        return new KioskHeartbeat(deviceId, sentTs, queueLength, oldestUnsentTs, lastSuccessfulSendTs, agentVersion,
                office, touchpoint, received);
    }
}
