package ru.otklik.kiosk.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * What the agent reports on {@code GET /status}: the device, unsent taps, the oldest one's age (null
 * when none), the last successful send, the last error (null until one happens) with the
 * consecutive failure count, and the presses the filter folded into earlier taps since start.
 */
public record ForwarderStatus(String deviceId, int queueLength, Duration oldestUnsentAge, Instant lastSuccessfulSend,
                              String lastError, Instant lastErrorAt, int consecutiveFailures,
                              long suppressedPresses) {
}
