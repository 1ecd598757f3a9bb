package ru.otklik.dashboards.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The watchers' rules with a fake state source and fake streams: one watcher per scope, tokens, welcome, leaving. */
class LiveWatchersTest {

    private static final LiveSettings FAST = LiveSettings.defaults().withPollInterval(Duration.ofMillis(100))
            .withKeepAlive(Duration.ofMillis(300));

    /** A stream that records what it was sent. */
    static class Recorded implements LiveStream {
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void event(String name, String id, String data) {
            lines.add(name + " " + id);
        }

        @Override
        public void comment(String text) {
            lines.add(": " + text);
        }

        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        /** The events, without the keep-alive comments (which come on their own clock). */
        List<String> events() {
            return lines.stream().filter(l -> !l.startsWith(":")).toList();
        }

        long count(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).count();
        }

        String lastId() {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).startsWith(":")) {
                    return lines.get(i).split(" ")[1];
                }
            }
            return null;
        }
    }

    private static void waitUntil(String what, BooleanSupplier check) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void oneWatcherPerScopeAChangeReachesEverySubscriberAndTheLastLeavingStopsIt() throws Exception {
        AtomicLong rows = new AtomicLong(10);
        AtomicLong reads = new AtomicLong();
        LiveScope office = LiveScope.office("BRY-01");
        try (LiveWatchers watchers = new LiveWatchers(scope -> {
            reads.incrementAndGet();
            return new ScopeState(rows.get(), 1, 1);
        }, FAST, Clock.systemUTC())) {
            Recorded a = new Recorded();
            Recorded b = new Recorded();
            LiveWatchers.Subscription sa = watchers.subscribe(office, a, null);
            LiveWatchers.Subscription sb = watchers.subscribe(office, b, null);
            assertEquals(1, watchers.watched());
            waitUntil("both welcomed", () -> a.count("ready") == 1 && b.count("ready") == 1);

            rows.incrementAndGet();
            waitUntil("both told", () -> a.count("changed") == 1 && b.count("changed") == 1);
            assertEquals(a.lastId(), b.lastId());
            WatchStats stats = watchers.stats(office).orElseThrow();
            assertEquals(stats.ticks(), stats.queries(), "one query per tick for two subscribers");
            assertEquals(1, stats.changes());

            // a late joiner is welcomed at once with the current token, nothing changed meanwhile
            Recorded c = new Recorded();
            watchers.subscribe(office, c, null);
            assertEquals(List.of("ready " + a.lastId()), c.events());

            // a reconnect with a stale token is told at once; with the current one it is only welcomed
            Recorded stale = new Recorded();
            watchers.subscribe(office, stale, "1");
            assertEquals(List.of("changed " + a.lastId()), stale.events());
            Recorded fresh = new Recorded();
            watchers.subscribe(office, fresh, a.lastId());
            assertEquals(List.of("ready " + a.lastId()), fresh.events());

            waitUntil("keep-alive comments", () -> a.count(": keep-alive") >= 1);
            // a stream found closed at a keep-alive leaves
            c.closed = true;
            stale.closed = true;
            fresh.closed = true;
            waitUntil("closed streams left", () -> watchers.stats(office).map(WatchStats::subscribers).orElse(0) == 2);
            sa.cancel();
            sb.cancel();
            sb.cancel(); // twice is harmless
            assertEquals(Optional.empty(), watchers.stats(office));
            assertEquals(0, watchers.watched());
            long after = reads.get();
            Thread.sleep(300); // that nothing happens: no watcher, no query
            assertEquals(after, reads.get(), "no queries once nobody watches");
        }
    }

    @Test
    void tokensGrowAcrossWatchersAndAFailingSourceKeepsTheSubscribers() throws Exception {
        AtomicLong fail = new AtomicLong(1);
        LiveScope region = LiveScope.region("BRY");
        try (LiveWatchers watchers = new LiveWatchers(scope -> {
            if (fail.get() > 0) {
                throw new IllegalStateException("ClickHouse down");
            }
            return new ScopeState(1, 1, 1);
        }, FAST, Clock.systemUTC())) {
            Recorded a = new Recorded();
            LiveWatchers.Subscription s = watchers.subscribe(region, a, null);
            waitUntil("failures counted", () -> watchers.stats(region).orElseThrow().failures() >= 2);
            assertTrue(a.events().isEmpty(), "nothing to tell before the first reading: " + a.lines);
            fail.set(0);
            waitUntil("welcomed after recovery", () -> a.count("ready") == 1);
            long first = Long.parseLong(a.lastId());
            s.cancel();
            // the same scope watched again: a new watcher, a larger token, so the old page's id is stale there
            Recorded again = new Recorded();
            watchers.subscribe(region, again, Long.toString(first));
            waitUntil("told", () -> again.count("changed") == 1);
            assertTrue(Long.parseLong(again.lastId()) > first);
        }
    }

    @Test
    void aStreamWhoseViewerMayNoLongerSeeTheScopeIsClosedAtTheNextKeepAlive() throws Exception {
        LiveScope office = LiveScope.office("BRY-01");
        java.util.concurrent.atomic.AtomicBoolean signedIn = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (LiveWatchers watchers = new LiveWatchers(scope -> new ScopeState(1, 1, 1), FAST, Clock.systemUTC())) {
            Recorded out = new Recorded();
            Recorded other = new Recorded();
            watchers.subscribe(office, out, null, signedIn::get);
            watchers.subscribe(office, other, null, () -> { throw new IllegalStateException("account store down"); });
            waitUntil("keep-alives", () -> out.count(": keep-alive") >= 1 && other.count(": keep-alive") >= 1);
            signedIn.set(false);
            waitUntil("the signed-out stream closed and gone", () -> out.closed
                    && watchers.stats(office).orElseThrow().subscribers() == 1);
            assertTrue(!other.closed, "a check that fails keeps the stream (a blip of the account store ends nobody's)");
        }
    }

    @Test
    void aStreamThatThrowsIsDroppedAndTheWatcherGoesOnForTheOthers() throws Exception {
        AtomicLong rows = new AtomicLong(1);
        LiveScope office = LiveScope.office("BRY-02");
        try (LiveWatchers watchers = new LiveWatchers(scope -> new ScopeState(rows.get(), 1, 1), FAST, Clock.systemUTC())) {
            Recorded broken = new Recorded() {
                @Override
                public void event(String name, String id, String data) {
                    throw new IllegalStateException("response already committed");
                }
            };
            Recorded fine = new Recorded();
            watchers.subscribe(office, broken, null);
            watchers.subscribe(office, fine, null);
            waitUntil("the broken stream dropped", () -> broken.closed
                    && watchers.stats(office).orElseThrow().subscribers() == 1);
            waitUntil("welcomed", () -> fine.count("ready") == 1);
            rows.incrementAndGet();
            waitUntil("the watcher still ticks for the others", () -> fine.count("changed") == 1);
        }
    }

    @Test
    void scopesParse() {
        assertEquals(Optional.of(LiveScope.office("BRY-01")), LiveScope.parse("office:BRY-01"));
        assertEquals(Optional.of(LiveScope.region("BRY")), LiveScope.parse("region:BRY"));
        assertEquals(Optional.of(LiveScope.federal()), LiveScope.parse("federal"));
        assertEquals("office:BRY-01", LiveScope.office("BRY-01").text());
        for (String bad : new String[] {null, "", "office", "office:", "kiosk:K1", "office:BRY 01", "region:'x'", "federal:RU"}) {
            assertEquals(Optional.empty(), LiveScope.parse(bad), String.valueOf(bad));
        }
    }
}
