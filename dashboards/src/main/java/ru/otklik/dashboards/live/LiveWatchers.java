package ru.otklik.dashboards.live;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live pages' watchers: one {@link ScopeWatch} per scope with at least one open stream, made by the first
 * subscriber and dropped with the last, so 500 pages of an office cost one ClickHouse query per poll interval
 * and a scope nobody looks at costs nothing. Joining and leaving a scope are atomic with the watcher's making and
 * removal ({@link ConcurrentHashMap#compute}), so a page never joins a watcher that has just been stopped.
 */
public final class LiveWatchers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWatchers.class);

    private final ScopeStates states;
    private final LiveSettings settings;
    private final Clock clock;
    private final Map<LiveScope, ScopeWatch> watches = new ConcurrentHashMap<>();
    private final AtomicLong lastToken = new AtomicLong();
    private final ScheduledExecutorService timer;

    public LiveWatchers(ScopeStates states, LiveSettings settings, Clock clock) {
        this.states = states;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        // a few threads: a slow ClickHouse answer for one scope must not hold every other scope's tick
        this.timer = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "live-watch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public LiveSettings settings() {
        return settings;
    }

    /**
     * Adds a stream to its scope's watcher (making and starting it if it is the first).
     *
     * @param lastEventId the {@code Last-Event-ID} of a reconnecting page, or null
     * @return how to leave; call it when the stream closes (more than once is harmless)
     */
    public Subscription subscribe(LiveScope scope, LiveStream stream, String lastEventId) {
        return subscribe(scope, stream, lastEventId, () -> true);
    }

    /**
     * The same, with the viewer's access to the scope checked again at every keep-alive ({@code allowed}: false
     * once the session ended or the account may no longer see the scope, and the stream is then closed).
     */
    public Subscription subscribe(LiveScope scope, LiveStream stream, String lastEventId,
                                  java.util.function.BooleanSupplier allowed) {
        ScopeWatch.Subscriber subscriber = new ScopeWatch.Subscriber(stream, lastEventId, allowed);
        ScopeWatch watch = watches.compute(scope, (k, w) -> {
            ScopeWatch joined = w;
            if (joined == null) {
                joined = new ScopeWatch(k, states, this::nextToken, s -> leave(k, s));
                joined.start(timer, settings.pollInterval(), settings.keepAlive());
                LOG.info("event=live_watch_started scope={}", k);
            }
            joined.add(subscriber);
            return joined;
        });
        watch.welcome(subscriber); // outside the map's lock: it writes to the network
        return () -> leave(scope, subscriber);
    }

    private void leave(LiveScope scope, ScopeWatch.Subscriber subscriber) {
        watches.computeIfPresent(scope, (k, w) -> {
            if (w.remove(subscriber)) {
                w.stop();
                LOG.info("event=live_watch_stopped scope={} queries={}", k, w.stats().queries());
                return null;
            }
            return w;
        });
    }

    /** Larger than every token before, also across a watcher made again and (the clock permitting) a restart. */
    private long nextToken() {
        return lastToken.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
    }

    /** The scope's watcher's counters; empty when nobody watches it. */
    public Optional<WatchStats> stats(LiveScope scope) {
        return Optional.ofNullable(watches.get(scope)).map(ScopeWatch::stats);
    }

    /** How many scopes are watched now. */
    public int watched() {
        return watches.size();
    }

    /**
     * Ends the streams of a scope from the server side (the pages see the connection drop and reconnect); the
     * watcher goes with its last stream as ever.
     */
    public void closeStreams(LiveScope scope) {
        ScopeWatch w = watches.get(scope);
        if (w != null) {
            w.closeStreams();
        }
    }

    /** Ends every stream and stops every watcher: first thing when the server stops, so no request holds it up. */
    @Override
    public void close() {
        timer.shutdownNow();
        watches.values().forEach(ScopeWatch::closeStreams);
        watches.values().forEach(ScopeWatch::stop);
        watches.clear();
    }

    /** Leaving a scope. */
    @FunctionalInterface
    public interface Subscription {
        void cancel();
    }
}
