package ru.otklik.dashboards.live;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.http.Failures;

/**
 * The one watcher of a scope: every poll interval it reads the scope's {@link ScopeState} (one query, however
 * many pages are open), and when it differs from the last one it takes a new token and tells every subscriber
 * {@code changed}. Each subscriber is brought to the current token on its own ({@link Subscriber#catchUp}): a
 * new one is welcomed with {@code ready} (or {@code changed} when the {@code Last-Event-ID} it came back with is
 * not the current token: it missed something while away), a known one gets {@code changed} once per token.
 * Created and removed by {@link LiveWatchers}.
 *
 * <p>Events are written on the watcher's thread, one subscriber after another. They are a hundred bytes, so a
 * client's socket buffer takes hours of them; a client that stops reading altogether blocks a write only until the
 * server's idle timeout fails it, once, and its stream is then closed and leaves.
 */
final class ScopeWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeWatch.class);

    private final LiveScope scope;
    private final ScopeStates states;
    private final LongSupplier tokens;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final java.util.function.Consumer<Subscriber> gone;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private volatile ScopeState state; // null before the first reading
    private volatile long token;
    private volatile boolean failing;
    private ScheduledFuture<?> polling;
    private ScheduledFuture<?> keepingAlive;

    /**
     * @param tokens the next token, larger than every one before (shared by all watchers, so a watcher made again
     *               for a scope never repeats a token an old page still holds)
     * @param gone   what to do with a subscriber whose stream is found closed (leave its watcher)
     */
    ScopeWatch(LiveScope scope, ScopeStates states, LongSupplier tokens, java.util.function.Consumer<Subscriber> gone) {
        this.scope = scope;
        this.states = states;
        this.tokens = tokens;
        this.gone = gone;
    }

    void start(ScheduledExecutorService timer, Duration pollInterval, Duration keepAlive) {
        polling = timer.scheduleWithFixedDelay(this::tick, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        keepingAlive = timer.scheduleAtFixedRate(this::keepAlive, keepAlive.toMillis(), keepAlive.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (polling != null) {
            polling.cancel(false);
            keepingAlive.cancel(false);
        }
    }

    void add(Subscriber s) {
        subscribers.add(s);
    }

    /** Whether that was the last subscriber. */
    boolean remove(Subscriber s) {
        subscribers.remove(s);
        return subscribers.isEmpty();
    }

    /** A new subscriber learns the current token at once when there is one, else on the first tick. */
    void welcome(Subscriber s) {
        if (state != null) {
            deliver(s, token);
        }
    }

    void tick() {
        ticks.incrementAndGet();
        ScopeState now;
        try {
            queries.incrementAndGet();
            now = states.read(scope);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            if (!failing) { // once per outage, not every half second
                failing = true;
                LOG.warn("event=live_watch_failed scope={} error=\"{}\"", scope, Failures.describe(e));
            }
            return;
        }
        if (failing) {
            failing = false;
            LOG.info("event=live_watch_recovered scope={}", scope);
        }
        if (!now.equals(state)) {
            if (state != null) {
                changes.incrementAndGet();
            }
            token = tokens.getAsLong();
            state = now;
        }
        long current = token;
        for (Subscriber s : subscribers) {
            deliver(s, current);
        }
    }

    private void keepAlive() {
        for (Subscriber s : subscribers) {
            try {
                s.keepAlive();
            } catch (RuntimeException e) {
                drop(s, e);
            }
            if (s.stream.closed()) {
                gone.accept(s);
            }
        }
    }

    /**
     * A write that threw instead of marking its stream closed: that stream goes, the others stay (an exception
     * out of a scheduled task would end the task, so every later tick, for every page of the scope).
     */
    private void drop(Subscriber s, RuntimeException e) {
        LOG.info("event=live_stream_dropped scope={} error=\"{}\"", scope, Failures.describe(e));
        try {
            s.stream.close();
        } catch (RuntimeException ignored) {
            // closing a broken stream may fail too; it leaves all the same
        }
        gone.accept(s);
    }

    /** Whether a subscriber may still watch; a failing check (the account store unreachable) keeps it. */
    private static boolean stillAllowed(Subscriber s) {
        try {
            return s.allowed.getAsBoolean();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void deliver(Subscriber s, long current) {
        try {
            s.catchUp(scope, current);
        } catch (RuntimeException e) {
            drop(s, e);
            return;
        }
        if (s.stream.closed()) {
            gone.accept(s);
        }
    }

    /** Ends every stream (the server stops, or a test cuts the streams); the pages reconnect. */
    void closeStreams() {
        for (Subscriber s : subscribers) {
            s.stream.close();
        }
    }

    WatchStats stats() {
        return new WatchStats(subscribers.size(), ticks.get(), queries.get(), failures.get(), changes.get(), token);
    }

    /** One open stream of the scope and the token it was last told. */
    static final class Subscriber {

        final LiveStream stream;
        private final String lastEventId; // sent by a reconnecting EventSource, else null
        private final java.util.function.BooleanSupplier allowed;
        private boolean welcomed;
        private long told;

        /** @param allowed whether the stream's viewer may still see the scope (signed out, disabled, re-scoped: not) */
        Subscriber(LiveStream stream, String lastEventId, java.util.function.BooleanSupplier allowed) {
            this.stream = stream;
            this.allowed = allowed;
            this.lastEventId = lastEventId == null || lastEventId.isBlank() ? null : lastEventId.strip();
        }

        /** Idempotent per token: the request thread and the watcher's may both call it for the same token. */
        synchronized void catchUp(LiveScope scope, long current) {
            if (stream.closed()) {
                return;
            }
            String id = Long.toString(current);
            String data = "{\"scope\":\"" + scope.text() + "\",\"token\":\"" + id + "\"}";
            if (!welcomed) {
                welcomed = true;
                told = current;
                stream.event(lastEventId != null && !lastEventId.equals(id) ? "changed" : "ready", id, data);
            } else if (current > told) { // never back: a welcome may come late with the token before a tick's
                told = current;
                stream.event("changed", id, data);
            }
        }

        /**
         * The keep-alive, and the access check again: a session that ended (sign-out, a disabled or re-scoped
         * account) must not go on hearing of the scope; the stream is closed and the page's reconnect meets the
         * API's 401 or 403.
         */
        synchronized void keepAlive() {
            if (stream.closed()) {
                return;
            }
            if (!stillAllowed(this)) {
                stream.close();
                return;
            }
            stream.comment("keep-alive");
        }
    }
}
