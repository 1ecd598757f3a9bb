package ru.otklik.ingest.kiosk;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each kiosk was last heard of (an accepted batch or heartbeat) and the queue length its last
 * heartbeat reported. In memory only: after a restart the next heartbeat, a minute away, fills it again.
 */
public final class KioskContacts {

    /** The last contact; {@code queueLength} is null until the first heartbeat. */
    public record Contact(Instant at, Integer queueLength) {
    }

    private final Map<String, Contact> byDevice = new ConcurrentHashMap<>();

    /** A batch says nothing about the queue: the last reported length stays. */
    public void batch(String deviceId, Instant at) {
        byDevice.merge(deviceId, new Contact(at, null),
                (old, now) -> new Contact(later(old.at(), now.at()), old.queueLength()));
    }

    public void heartbeat(String deviceId, Instant at, int queueLength) {
        byDevice.merge(deviceId, new Contact(at, queueLength),
                (old, now) -> new Contact(later(old.at(), now.at()), queueLength));
    }

    public Optional<Contact> last(String deviceId) {
        return Optional.ofNullable(byDevice.get(deviceId));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
