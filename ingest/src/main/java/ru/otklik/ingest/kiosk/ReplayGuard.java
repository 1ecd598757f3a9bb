package ru.otklik.ingest.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers signatures for as long as their timestamp is acceptable, so a captured request cannot
 * be sent again. A kiosk's own retry signs anew (new timestamp), so it is not a replay.
 */
public final class ReplayGuard {

    private final Map<String, Long> seenUntil = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;

    public ReplayGuard(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** True the first time a signature is seen; false for a replay. */
    public boolean firstUse(String signature, long signedAtEpochSeconds) {
        long now = clock.millis();
        if (seenUntil.size() > 10_000) {
            evictExpired(now);
        }
        long keepUntil = signedAtEpochSeconds * 1000 + 2 * window.toMillis();
        return seenUntil.putIfAbsent(signature, keepUntil) == null;
    }

    private void evictExpired(long now) {
        for (Iterator<Map.Entry<String, Long>> it = seenUntil.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() < now) {
                it.remove();
            }
        }
    }
}
