package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.dashboards.MinuteRows.counts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.infra.local.TestStack;

/**
 * History, hour x weekday profile and breakdown of an office against a real ClickHouse: rows inserted as the
 * streaming job writes them, expected figures computed from the same counts with common's Indicators.
 * PRI-01 (Vladivostok, UTC+10) so that the local-time folding of the profile is visible.
 */
class OfficeChartsApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static Instant yesterday;
    private static Instant threeDaysAgo;
    private static Instant twoHoursAgo;
    private static Instant profileBucket;
    private static Instant watermark;

    // yesterday (UTC day): Q1 and Q2 seekers, Q1 employers -> the index pools all three
    private static final long[] Q1_SEEKERS = counts(3, 2, 7, 5, 8, 10, 9, 6, 10, 4);
    private static final long[] Q2_SEEKERS = counts(5, 6, 8, 6);
    private static final long[] Q1_EMPLOYERS = counts(2, 1, 9, 3);

    @BeforeAll
    static void start() {
        IndicatorRows rows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        Instant now = Instant.now();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        yesterday = today.minus(Duration.ofDays(1));
        threeDaysAgo = today.minus(Duration.ofDays(3));
        Instant old = today.minus(Duration.ofDays(40));
        // an older version of yesterday's Q1 row: FINAL must drop it
        rows.history("office", "PRI-01", "all", "day", yesterday, "jc-seeker", "Q1", 3, counts(10, 3));
        rows.history("office", "PRI-01", "all", "day", yesterday, "jc-seeker", "Q1", 40, Q1_SEEKERS);
        rows.history("office", "PRI-01", "all", "day", yesterday, "jc-seeker", "Q2", 25, Q2_SEEKERS);
        rows.history("office", "PRI-01", "all", "day", yesterday, "jc-employer", "Q1", 6, Q1_EMPLOYERS);
        rows.history("office", "PRI-01", "seeker", "day", yesterday, "jc-seeker", "Q1", 40, Q1_SEEKERS);
        rows.history("office", "PRI-01", "all", "day", threeDaysAgo, "jc-seeker", "Q1", 12, counts(9, 12));
        rows.history("office", "PRI-01", "all", "day", old, "jc-seeker", "Q1", 50, counts(10, 50));
        rows.history("office", "PRI-01", "all", "day", yesterday, "kiosk-quick", "K1", 40, counts(1, 4, 2, 6, 3, 10, 4, 20));
        // another office's row on the same day must not leak in
        rows.history("office", "PRI-02", "all", "day", yesterday, "jc-seeker", "Q1", 99, counts(1, 99));

        // hourly: two UTC hours a week apart fall into the same local weekday x hour cell
        twoHoursAgo = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        profileBucket = twoHoursAgo.minus(Duration.ofDays(3));
        rows.history("office", "PRI-01", "all", "hour", twoHoursAgo, "jc-seeker", "Q1", 31, counts(7, 1, 8, 30));
        rows.history("office", "PRI-01", "all", "hour", profileBucket, "jc-seeker", "Q1", 20, counts(9, 20));
        rows.history("office", "PRI-01", "all", "hour", profileBucket.minus(Duration.ofDays(7)), "jc-seeker", "Q5", 15,
                counts(2, 5, 10, 10));
        rows.history("office", "PRI-01", "all", "hour", profileBucket.minus(Duration.ofDays(35)), "jc-seeker", "Q1", 9,
                counts(1, 9));

        // breakdown rows under PRI-01, and one under PRI-02 that must not appear
        Instant asOf = now.truncatedTo(ChronoUnit.MINUTES);
        rows.window("channel", "PRI-01/link", "all", "24h", "jc-seeker", "Q1", asOf, 40, counts(5, 10, 9, 30));
        rows.window("channel", "PRI-01/link", "all", "24h", "jc-seeker", "Q2", asOf, 20, counts(8, 20));
        rows.window("channel", "PRI-01/paper", "all", "24h", "jc-seeker", "Q1", asOf, 8, counts(4, 8));
        rows.window("channel", "PRI-01/kiosk", "all", "24h", "kiosk-quick", "K1", asOf, 50, counts(1, 10, 4, 40));
        rows.window("touchpoint", "PRI-01/hall", "all", "24h", "jc-seeker", "Q1", asOf, 48, counts(5, 10, 9, 38));
        rows.window("employee", "PRI-01/e-17", "all", "24h", "jc-seeker", "Q1", asOf, 33, counts(6, 3, 10, 30));
        rows.window("employee", "PRI-01/e-18", "all", "24h", "jc-seeker", "Q1", asOf, 12, counts(3, 2, 8, 10));
        rows.window("employee", "PRI-01/e-18", "seeker", "24h", "jc-seeker", "Q1", asOf, 12, counts(3, 2, 8, 10));
        rows.window("employee", "PRI-01/e-18", "all", "7d", "jc-seeker", "Q1", asOf, 70, counts(3, 20, 8, 50));
        rows.window("employee", "PRI-02/e-1", "all", "24h", "jc-seeker", "Q1", asOf, 30, counts(10, 30));
        watermark = asOf.plusSeconds(30);
        rows.watermark("office", "PRI-01", watermark);
        server = TestServer.start(5);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static ShareEstimate positive(long[]... parts) {
        ScoreCounts sum = ScoreCounts.empty();
        for (long[] p : parts) {
            sum = sum.plus(ScoreCounts.of(p));
        }
        return Indicators.positiveShare(sum, 30);
    }

    private static void assertShare(ShareEstimate expected, JsonNode actual) {
        assertEquals(expected.n(), actual.path("n").asLong(), actual.toString());
        assertEquals(expected.positive(), actual.path("positive").asLong(), actual.toString());
        assertEquals(expected.share(), actual.path("share").asDouble(), 1e-12, actual.toString());
        assertEquals(expected.low(), actual.path("low").asDouble(), 1e-12, actual.toString());
        assertEquals(expected.high(), actual.path("high").asDouble(), 1e-12, actual.toString());
        assertEquals(expected.sufficient(), actual.path("sufficient").asBoolean(), actual.toString());
    }

    private static JsonNode point(JsonNode history, Instant start) {
        for (JsonNode p : history.path("points")) {
            if (Instant.parse(p.path("start").asText()).equals(start)) {
                return p;
            }
        }
        throw new AssertionError("no point at " + start + " in " + history);
    }

    @Test
    void dailyHistoryDefaultsToThePooledIndexOverThirtyDays() throws Exception {
        String s = server.login("office-PRI-01");
        JsonNode h = json(server.get("/api/v1/offices/PRI-01/history", s));
        assertEquals("index", h.path("questionId").asText());
        assertEquals("day", h.path("granularity").asText());
        assertEquals(30, h.path("points").size(), "one point per UTC day, today included");
        assertShare(positive(Q1_SEEKERS, Q2_SEEKERS, Q1_EMPLOYERS), point(h, yesterday));
        JsonNode thin = point(h, threeDaysAgo);
        assertEquals(12, thin.path("n").asLong());
        assertFalse(thin.path("sufficient").asBoolean(), "12 answers: drawn as insufficient");
        assertEquals(0, point(h, yesterday.minus(Duration.ofDays(1))).path("n").asLong());
        assertTrue(point(h, yesterday.minus(Duration.ofDays(1))).path("share").isNull());
        long total = 0;
        for (JsonNode p : h.path("points")) {
            total += p.path("n").asLong();
        }
        assertEquals(positive(Q1_SEEKERS, Q2_SEEKERS, Q1_EMPLOYERS).n() + 12, total, "40-day-old and PRI-02 rows stay out");
    }

    /**
     * The line is the clean figures, as the page's headline: PRI-03's yesterday had 40 tens of which a fraud flag left
     * out 30; three days ago a flag was dismissed (a clean row with nothing excluded: the raw 20 count again).
     */
    @Test
    void historyIsTheCleanFigures() throws Exception {
        IndicatorRows rows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        rows.history("office", "PRI-03", "all", "day", yesterday, "jc-seeker", "Q1", 1, counts(10, 40));
        rows.cleanHistory("office", "PRI-03", "all", "day", yesterday, "jc-seeker", "Q1", 1, 30, counts(10, 10));
        rows.history("office", "PRI-03", "all", "day", threeDaysAgo, "jc-seeker", "Q1", 1, counts(10, 20));
        rows.cleanHistory("office", "PRI-03", "all", "day", threeDaysAgo, "jc-seeker", "Q1", 2, 0, counts(10, 5));
        JsonNode h = json(server.get("/api/v1/offices/PRI-03/history?granularity=day&questionId=Q1&audience=all",
                server.login("region-PRI")));
        assertShare(positive(counts(10, 10)), point(h, yesterday));
        assertShare(positive(counts(10, 20)), point(h, threeDaysAgo));
    }

    @Test
    void historyFollowsItemAudienceAndGranularity() throws Exception {
        String s = server.login("region-PRI");
        JsonNode q1 = json(server.get("/api/v1/offices/PRI-01/history?granularity=day&questionId=Q1&audience=all", s));
        assertShare(positive(Q1_SEEKERS, Q1_EMPLOYERS), point(q1, yesterday));
        JsonNode seekers = json(server.get("/api/v1/offices/PRI-01/history?questionId=Q1&audience=seeker", s));
        assertShare(positive(Q1_SEEKERS), point(seekers, yesterday));
        JsonNode kiosk = json(server.get("/api/v1/offices/PRI-01/history?questionId=K1&audience=seeker&lang=en", s));
        assertEquals("all", kiosk.path("audience").asText(), "kiosk taps have no seeker/employer split");
        assertShare(Indicators.kioskSatisfaction(ScoreCounts.of(counts(1, 4, 2, 6, 3, 10, 4, 20)), 30), point(kiosk, yesterday));
        assertTrue(kiosk.path("label").asText().startsWith("Kiosk"));
        JsonNode hourly = json(server.get("/api/v1/offices/PRI-01/history?granularity=hour&questionId=Q1", s));
        assertEquals(48, hourly.path("points").size());
        assertShare(positive(counts(7, 1, 8, 30)), point(hourly, twoHoursAgo));
    }

    @Test
    void profileFoldsHourlyBucketsIntoLocalWeekdayAndHour() throws Exception {
        String s = server.login("federal");
        JsonNode p = json(server.get("/api/v1/offices/PRI-01/profile", s));
        ZoneId zone = RegionTimeZone.of("PRI");
        assertEquals(zone.getId(), p.path("zone").asText());
        assertEquals(7, p.path("days").size());
        ZonedDateTime local = profileBucket.atZone(zone);
        JsonNode cell = null;
        for (JsonNode c : p.path("days").get(local.getDayOfWeek().getValue() - 1).path("cells")) {
            if (c.path("hour").asInt() == local.getHour()) {
                cell = c;
            }
        }
        assertTrue(cell != null, "the bucket's local hour is a column: " + p.path("hours"));
        // the same local cell a week earlier is summed in; the 38-day-old bucket is outside the 30 days
        assertShare(positive(counts(9, 20), counts(2, 5, 10, 10)), cell);
        long total = 0;
        for (JsonNode d : p.path("days")) {
            for (JsonNode c : d.path("cells")) {
                total += c.path("n").asLong();
            }
        }
        assertEquals(31 + 20 + 15, total);
        assertTrue(p.path("hours").toString().contains("8") && p.path("hours").size() >= 12, "opening hours 8..19 at least");
    }

    @Test
    void breakdownListsChannelsTouchpointsAndEmployeesOfTheOffice() throws Exception {
        String s = server.login("office-PRI-01");
        JsonNode b = json(server.get("/api/v1/offices/PRI-01/breakdown?window=24h", s));
        assertEquals("index", b.path("questionId").asText());
        assertEquals(watermark, Instant.parse(b.path("asOf").asText()), "breakdowns are as of their office's watermark");
        JsonNode channels = b.path("byLevel").path("channel");
        assertEquals(2, channels.size(), "kiosk taps are not 1-10 answers: " + channels);
        assertEquals("link", channels.get(0).path("code").asText());
        assertEquals("Ссылка / QR-код", channels.get(0).path("label").asText());
        assertShare(positive(counts(5, 10, 9, 30), counts(8, 20)), channels.get(0));
        assertShare(positive(counts(4, 8)), channels.get(1));
        assertShare(positive(counts(5, 10, 9, 38)), b.path("byLevel").path("touchpoint").get(0));
        JsonNode employees = b.path("byLevel").path("employee");
        assertEquals(List.of("e-17", "e-18"), List.of(employees.get(0).path("code").asText(), employees.get(1).path("code").asText()));
        assertShare(positive(counts(6, 3, 10, 30)), employees.get(0));
        assertShare(positive(counts(3, 2, 8, 10)), employees.get(1));
        assertFalse(employees.get(1).path("sufficient").asBoolean());

        JsonNode kiosk = json(server.get("/api/v1/offices/PRI-01/breakdown?window=24h&questionId=K1&lang=en", s));
        assertEquals("Kiosk", kiosk.path("byLevel").path("channel").get(0).path("label").asText());
        assertShare(Indicators.kioskSatisfaction(ScoreCounts.of(counts(1, 10, 4, 40)), 30),
                kiosk.path("byLevel").path("channel").get(0));
        JsonNode week = json(server.get("/api/v1/offices/PRI-01/breakdown?window=7d", s));
        assertShare(positive(counts(3, 20, 8, 50)), week.path("byLevel").path("employee").get(0));
        assertEquals(1, week.path("byLevel").path("employee").size());
    }

    @Test
    void newEndpointsKeepTheScopeRules() {
        List<String> paths = List.of("/api/v1/offices/PRI-01/history", "/api/v1/offices/PRI-01/profile",
                "/api/v1/offices/PRI-01/breakdown");
        String otherOffice = server.login("office-PRI-02");
        String otherRegion = server.login("region-LIP");
        String ownRegion = server.login("region-PRI");
        String federal = server.login("federal");
        for (String path : paths) {
            assertEquals(401, server.get(path, null).statusCode(), path);
            assertEquals(403, server.get(path, otherOffice).statusCode(), path);
            assertEquals(403, server.get(path, otherRegion).statusCode(), path);
            assertEquals(200, server.get(path, ownRegion).statusCode(), path);
            assertEquals(200, server.get(path, federal).statusCode(), path);
            assertEquals(404, server.get(path.replace("PRI-01", "PRI-99"), federal).statusCode(), path);
            assertEquals(403, server.get(path.replace("PRI-01", "PRI-99"), ownRegion).statusCode(), path);
            assertEquals(400, server.get(path + "?questionId=Q1%27%20OR%201", federal).statusCode(), path);
            assertEquals(400, server.get(path + "?audience=visitor%27", federal).statusCode(), path);
        }
        assertEquals(400, server.get(paths.get(0) + "?granularity=week", federal).statusCode());
        assertEquals(400, server.get(paths.get(2) + "?window=90d", federal).statusCode());
        // a forbidden office is refused before any parameter is looked at
        assertEquals(403, server.get(paths.get(0) + "?granularity=week", otherOffice).statusCode());
    }
}
