package ru.otklik.dashboards.web;

import java.time.Duration;
import java.util.function.Supplier;
import ru.otklik.dashboards.cache.KeptValues;

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

    private final KeptValues<Key, byte[]> kept;

    RenderedReports() {
        this(System::nanoTime);
    }

    RenderedReports(java.util.function.LongSupplier nanos) {
        this.kept = new KeptValues<>(MAX_ENTRIES, nanos);
    }

    /** The kept bytes of {@code key} if fresh, else {@code render}'s, kept for next time. */
    byte[] get(Key key, boolean weekEnded, Supplier<byte[]> render) {
        return kept.get(key, weekEnded ? ENDED : RUNNING, render);
    }
}
