package ru.otklik.ingest.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers signatures for as long as their timestamp is acceptable, so a captured request cannot
 * be sent again. A kiosk's own retry signs anew (new timestamp), so it is not a replay.
 *
 * <p>A timestamp is acceptable within {@code skew} of our clock, so a signature is worth keeping
 * until {@code signedAt + skew}; after that the authenticator refuses it as clock skew anyway.
 */
public final class ReplayGuard {

    private static final long SWEEP_EVERY_MILLIS = 10_000;

    private final Map<String, Long> keepUntil = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();
    private final Clock clock;
    private final Duration window;

    public ReplayGuard(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** True the first time a signature is seen; false for a replay. */
    public boolean firstUse(String signature, long signedAtEpochSeconds) {
        long now = clock.millis();
        sweep(now);
        // a second of margin: the authenticator compares whole seconds
        long until = signedAtEpochSeconds * 1000 + window.toMillis() + 1000;
        return keepUntil.putIfAbsent(signature, until) == null;
    }

    int size() {
        return keepUntil.size();
    }

    /** Forget expired signatures, at most every few seconds, so memory follows the request rate of one window. */
    private void sweep(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            return;
        }
        keepUntil.values().removeIf(until -> until < now);
    }
}
