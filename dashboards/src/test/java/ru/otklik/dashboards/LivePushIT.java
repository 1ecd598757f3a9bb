package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.dashboards.MinuteRows.counts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.dashboards.live.LiveScope;
import ru.otklik.dashboards.live.LiveSettings;
import ru.otklik.dashboards.live.WatchStats;
import ru.otklik.infra.local.TestStack;

/**
 * The live stream (issue 14 §1) against a real ClickHouse and server: a row written for an office reaches its
 * stream as {@code changed}; the API's access rules; 200 streams of one scope cost one watcher's queries; the
 * watcher goes with the last stream; a reconnect with a stale {@code Last-Event-ID} is told at once. ORE-03 and
 * ORE-02 are this class's own offices (no other test writes them). Keep-alives every second here, so a stream
 * that went is noticed quickly, and an idle timeout of 3 s, which the keep-alives must beat.
 */
class LivePushIT {

    private static final String OFFICE = "ORE-03";
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final LiveSettings LIVE = LiveSettings.defaults().withKeepAlive(Duration.ofSeconds(1));
    /**
     * The rows' as-of, in the past: a federal view reads every office's response rows and says the newest as-of,
     * which another test class in the same JVM (DashboardsApiIT) expects to be its own watermark of a minute ago.
     * A new version is a change all the same.
     */
    private static final Instant AS_OF = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    private static final Duration IDLE = Duration.ofSeconds(3);
    private static final AtomicLong VERSION = new AtomicLong(Instant.now().getEpochSecond());

    private static TestServer server;
    private static IndicatorRows rows;
    private static String officeSession;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<EventStream> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        rows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        server = TestServer.start(5, Clock.systemUTC(), ru.otklik.dashboards.store.OperationalSettings.none(),
                ru.otklik.dashboards.delivery.DeliverySettings.none(), ru.otklik.dashboards.cases.CaseSettings.defaults(),
                // idle and request timeouts far below the defaults, so a test can see a stream outlive both: the
                // keep-alives hold it past the idle timeout, and the slow-client sweeper must not take a GET nobody
                // reads a body of for a slow request (it closed every stream at 30 s before it knew the difference)
                c -> c.withLive(LIVE).withHttp(new ru.otklik.common.http.HttpServerSettings(c.http().host(),
                        c.http().trustedProxies(), new ru.otklik.common.http.ReadDeadlines(Duration.ofSeconds(1),
                        Duration.ofSeconds(2), IDLE), c.http().maxHeaderBytes())));
        officeSession = server.login("office-" + OFFICE);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Every stream a test opened goes, also when the test failed. */
    @AfterEach
    void closeStreams() {
        opened.forEach(EventStream::close);
        opened.clear();
    }

    private EventStream open(String scope, String session, String lastEventId) {
        EventStream s = EventStream.open(http, server.base(), "/api/v1/live?scope=" + scope, session, lastEventId);
        opened.add(s);
        return s;
    }

    private static void writeRow(String office) {
        rows.window("office", office, "all", "24h", "jc-seeker", "Q1", AS_OF,
                VERSION.incrementAndGet(), counts(9, 20, 3, 5));
    }

    private static Optional<WatchStats> stats(String office) {
        return server.app().live().stats(LiveScope.office(office));
    }

    @Test
    void aRowWrittenForTheOfficeReachesItsStreamAsChanged() throws Exception {
        writeRow(OFFICE); // something to watch even on an empty ClickHouse
        EventStream s = open("office:" + OFFICE, officeSession, null);
        assertEquals(200, s.status());
        assertTrue(s.head().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        await("welcomed with the current token", () -> s.count("ready") == 1);
        String ready = s.last().id();
        assertTrue(s.last().data().contains("\"scope\":\"office:" + OFFICE + "\""), s.last().data());

        writeRow(OFFICE);
        await("told the office changed", () -> s.count("changed") >= 1);
        EventStream.Event changed = s.events.stream().filter(e -> e.name().equals("changed")).findFirst().orElseThrow();
        assertTrue(Long.parseLong(changed.id()) > Long.parseLong(ready), changed.id() + " after " + ready);
        await("keep-alive comments", () -> s.comments.contains("keep-alive"));
    }

    @Test
    void theApiAccessRules() throws Exception {
        String bryansk = server.login("region-BRY");
        assertEquals(403, open("office:" + OFFICE, bryansk, null).status(), "another region's office");
        assertEquals(403, open("region:ORE", bryansk, null).status(), "another region");
        assertEquals(403, open("federal", bryansk, null).status(), "the federal page");
        assertEquals(403, open("office:ORE-02", officeSession, null).status(), "another office of the same region");
        assertEquals(403, open("office:NOPE-99", bryansk, null).status(), "unknown codes are 403 too: nothing revealed");
        assertEquals(200, open("region:BRY", bryansk, null).status());
        assertEquals(200, open("office:BRY-02", bryansk, null).status());
        String federal = server.login("federal");
        assertEquals(200, open("federal", federal, null).status());
        assertEquals(404, open("office:NOPE-99", federal, null).status(), "federal: unknown office");
        assertEquals(400, open("kiosk:K1", federal, null).status());
        assertEquals(401, open("office:" + OFFICE, null, null).status(), "not signed in");
        assertEquals(401, open("office:" + OFFICE, "forged-cookie", null).status(), "not signed in");
        // not asked as a stream: said so, not an empty 200
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/live?scope=federal"))
                .header("Cookie", "otklik_session=" + federal).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(406, plain.statusCode(), plain.body());
        assertTrue(plain.body().contains("not_acceptable"), plain.body());
    }

    @Test
    void twoHundredStreamsOfAScopeCostOneWatchersQueriesAndTheLastLeavingRemovesIt() throws Exception {
        String office = "ORE-02";
        writeRow(office);
        String session = server.login("office-" + office);
        List<EventStream> streams = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            streams.add(open("office:" + office, session, null));
        }
        await("200 streams welcomed", () -> streams.stream().allMatch(s -> s.count("ready") == 1));
        WatchStats before = stats(office).orElseThrow();
        assertEquals(200, before.subscribers());
        long t0 = System.nanoTime();
        await("some ticks", () -> stats(office).orElseThrow().ticks() >= before.ticks() + 6);
        writeRow(office);
        await("all 200 told", () -> streams.stream().allMatch(s -> s.count("changed") >= 1));
        WatchStats after = stats(office).orElseThrow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long queries = after.queries() - before.queries();
        long ticks = after.ticks() - before.ticks();
        System.out.println("live watcher of " + office + ": subscribers=" + after.subscribers() + " ticks=" + ticks
                + " queries=" + queries + " in " + String.format("%.1f", seconds) + " s");
        assertTrue(queries <= ticks, "at most one query per tick: " + queries + " queries in " + ticks + " ticks");
        long possible = (long) (seconds / LIVE.pollInterval().toMillis() * 1000) + 2;
        assertTrue(queries <= possible, queries + " queries in " + seconds + " s: one watcher's, not 200 (at most "
                + possible + ")");

        streams.forEach(EventStream::close);
        await("the watcher goes with its last stream", () -> stats(office).isEmpty());
    }

    private static void await(String what, Eventually.Check check) throws Exception {
        Eventually.waitUntil(what, WITHIN, check);
    }

    @Test
    void aReconnectWithAStaleTokenIsToldAtOnce() throws Exception {
        writeRow(OFFICE);
        EventStream first = open("office:" + OFFICE, officeSession, null);
        await("welcomed", () -> first.count("ready") == 1);
        String current = first.last().id();

        EventStream stale = open("office:" + OFFICE, officeSession, "1");
        await("a stale token is told changed", () -> !stale.events.isEmpty());
        assertEquals("changed", stale.events.get(0).name(), stale.events.toString());

        // with the current token: ready (changed only if the state moved meanwhile, e.g. a merge folded rows)
        EventStream fresh = open("office:" + OFFICE, officeSession, current);
        await("welcomed", () -> !fresh.events.isEmpty());
        EventStream.Event welcome = fresh.events.get(0);
        assertEquals(welcome.id().equals(current) ? "ready" : "changed", welcome.name(), fresh.events.toString());
    }

    @Test
    void keepAlivesHoldAStreamPastTheIdleTimeoutAndARegionHearsOfItsOffices() throws Exception {
        writeRow(OFFICE);
        String orenburg = server.login("region-ORE");
        EventStream region = open("region:ORE", orenburg, null);
        await("welcomed", () -> region.count("ready") == 1);
        writeRow(OFFICE); // an office's row is in its region's ranking
        await("the region page told", () -> region.count("changed") >= 1);
        long t0 = System.nanoTime();
        await("keep-alives for three idle timeouts", () -> System.nanoTime() - t0 > 3 * IDLE.toNanos());
        assertTrue(!region.ended(), "the stream is still open after " + 3 * IDLE.toSeconds() + " s with an idle timeout"
                + " of " + IDLE.toSeconds() + " s and a request deadline of 2 s");
        assertTrue(region.comments.size() >= 6, "keep-alives: " + region.comments.size());
        long changes = region.count("changed");
        writeRow("ORE-01");
        await("still told", () -> region.count("changed") > changes);
    }

    /** Signing out ends the account's sessions on the server (operational store): its open stream goes too. */
    @Test
    void signingOutClosesTheOpenStream() throws Exception {
        try (TestServer stored = TestServer.start(5, Clock.systemUTC(), ru.otklik.dashboards.store.OperationalSettings.none()
                        .withPostgres(OperationalDatabases.fresh("live_it"), ru.otklik.infra.local.PostgresServer.USER),
                ru.otklik.dashboards.delivery.DeliverySettings.none(), ru.otklik.dashboards.cases.CaseSettings.defaults(),
                c -> c.withLive(LIVE))) {
            writeRow(OFFICE);
            String session = stored.login("office-" + OFFICE);
            EventStream s = EventStream.open(http, stored.base(), "/api/v1/live?scope=office:" + OFFICE, session, null);
            opened.add(s);
            await("welcomed", () -> s.count("ready") == 1);
            HttpResponse<String> out = stored.send(HttpRequest.newBuilder(URI.create(stored.base() + "/logout"))
                    .header("Cookie", "otklik_session=" + session).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(303, out.statusCode());
            await("the stream closed by the server", s::ended);
            EventStream again = EventStream.open(http, stored.base(), "/api/v1/live?scope=office:" + OFFICE, session,
                    s.last().id());
            opened.add(again);
            assertEquals(401, again.status(), "the reconnect meets the API's rule");
        }
    }
}
