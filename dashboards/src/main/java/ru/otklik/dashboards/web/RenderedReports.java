package ru.otklik.dashboards.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Weekly reports as downloaded, kept a while. A week that has ended changes only by late answers, yet on a Monday
 * morning the heads and managers of a region download the same report: the first request builds it (its reads and,
 * for the PDF, the charts and the layout — 0.1–0.5 s) and the others get the same bytes. An ended week is kept for
 * {@link #ENDED}, one still running for {@link #RUNNING}, so a late answer or a new one shows within that. Freshness is
 * measured on the monotonic clock, not on the figures' clock (which tests fix).
 */
final class RenderedReports {

    static final Duration ENDED = Duration.ofMinutes(10);
    static final Duration RUNNING = Duration.ofSeconds(30);
    /** About a region's offices and the region in two formats and languages; a PDF is about 110 KB. */
    private static final int MAX_ENTRIES = 64;

    record Key(String format, String scope, String week, String language) {
    }

    private record Kept(long madeAtNanos, byte[] bytes) {
    }

    private final java.util.function.LongSupplier nanos;
    private final Map<Key, Kept> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    RenderedReports() {
        this(System::nanoTime);
    }

    RenderedReports(java.util.function.LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** The kept bytes of {@code key} if fresh, else {@code render}'s, kept for next time. */
    byte[] get(Key key, boolean weekEnded, Supplier<byte[]> render) {
        long now = nanos.getAsLong();
        long keepFor = (weekEnded ? ENDED : RUNNING).toNanos();
        synchronized (kept) {
            Kept k = kept.get(key);
            if (k != null && now - k.madeAtNanos() < keepFor) {
                return k.bytes();
            }
        }
        // built outside the lock: two first requests both build, neither waits on the other's PDF
        byte[] bytes = render.get();
        synchronized (kept) {
            kept.put(key, new Kept(now, bytes));
        }
        return bytes;
    }
}
