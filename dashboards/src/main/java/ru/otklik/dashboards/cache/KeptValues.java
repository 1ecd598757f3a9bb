package ru.otklik.dashboards.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Values that are costly to make and change rarely, kept a while: the period before a window, a rendered weekly
 * report. At most {@code maxEntries}, the least recently used going first; a value is made again once it is older
 * than what the caller allows. It is made outside the lock — two requests that miss at once both make it, neither
 * waits on the other's query or PDF. Values must be immutable: every caller gets the same one.
 */
public final class KeptValues<K, V> {

    private record Kept<V>(long madeAtNanos, V value) {
    }

    private final LongSupplier nanos;
    private final Map<K, Kept<V>> kept;

    /** @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}, or a test's) */
    public KeptValues(int maxEntries, LongSupplier nanos) {
        this.nanos = nanos;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Kept<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The kept value of {@code key} if younger than {@code keepFor}, else {@code make}'s, kept for next time. */
    public V get(K key, Duration keepFor, Supplier<V> make) {
        long now = nanos.getAsLong();
        synchronized (kept) {
            Kept<V> k = kept.get(key);
            if (k != null && now - k.madeAtNanos() < keepFor.toNanos()) {
                return k.value();
            }
        }
        V value = make.get();
        synchronized (kept) {
            kept.put(key, new Kept<>(now, value));
        }
        return value;
    }
}
