package ru.otklik.kiosk.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * What the forwarder reports: unsent taps, the oldest one's age (null when none), the last
 * successful send, and the last error (null until one happens) with the consecutive failure count.
 */
public record ForwarderStatus(int queueLength, Duration oldestUnsentAge, Instant lastSuccessfulSend,
                              String lastError, Instant lastErrorAt, int consecutiveFailures) {
}
