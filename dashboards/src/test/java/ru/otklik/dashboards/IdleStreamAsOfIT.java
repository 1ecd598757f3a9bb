package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.dashboards.MinuteRows.counts;
import static ru.otklik.infra.local.HeadlessChromium.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import ru.otklik.infra.local.TestStack;

/**
 * Issue 9 finding 6: after a quiet weekend an office showed "0 responses in 24 h" next to Q1 with n = 44,
 * because responses were counted against the wall clock and the indicators as of the job's watermark.
 * Here the stream went idle on Friday 27 Nov 2026 at 18:00 Moscow time (every row and the watermarks as
 * of then) and the dashboards' clock says Monday 30 Nov 09:00: every figure must still be Friday's, and
 * the page must say how old they are. YAR-01 / YAR (Yaroslavl, Moscow time), used by no other test.
 */
class IdleStreamAsOfIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFICE = "YAR-01";
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-27T15:00:00Z");
    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-30T06:00:00Z");
    private static final String[] LONG_WINDOWS = {"24h", "7d", "30d", "quarter"};
    /** Friday's 44 seeker forms: Q1 34 positive of 44. */
    private static final long[] Q1_FRIDAY = counts(6, 4, 7, 6, 8, 12, 9, 10, 10, 12);
    private static TestServer server;
    private static long hourlyAnswers;

    @BeforeAll
    static void start() {
        IndicatorRows w = new IndicatorRows(TestStack.shared().clickHouseHttp());
        MinuteRows minutes = new MinuteRows(TestStack.shared().clickHouseHttp());
        for (String audience : List.of("seeker", "all")) {
            w.office(OFFICE, audience, "jc-seeker", "Q1", FRIDAY_EVENING, 44, Q1_FRIDAY, LONG_WINDOWS);
            w.office(OFFICE, audience, "jc-seeker", "Q1", FRIDAY_EVENING, 3, counts(9, 3), "1h");
            // a row that stopped changing earlier keeps its older as_of; its value still holds as of the watermark
            w.office(OFFICE, audience, "jc-seeker", "Q2", FRIDAY_EVENING.minus(Duration.ofMinutes(50)), 20,
                    counts(8, 20), LONG_WINDOWS);
            w.responses("office", OFFICE, audience, "jc-seeker", FRIDAY_EVENING, 44, 44, 0, LONG_WINDOWS);
            w.responses("office", OFFICE, audience, "1h", "jc-seeker", FRIDAY_EVENING, 3, 3, 0);
        }
        w.watermark("office", OFFICE, FRIDAY_EVENING);
        // the region's own rows and watermark, as of the same Friday evening
        w.window("region", "YAR", "all", "24h", "jc-seeker", "Q1", FRIDAY_EVENING, 44, Q1_FRIDAY);
        w.window("region", "YAR", "all", "24h", "jc-seeker", "Q2", FRIDAY_EVENING.minus(Duration.ofMinutes(50)), 20,
                counts(8, 20));
        w.responses("region", "YAR", "all", "24h", "jc-seeker", FRIDAY_EVENING, 44, 44, 0);
        w.watermark("region", "YAR", FRIDAY_EVENING);
        // the minute rows the job also writes: Friday's 44 forms (summed since the wall clock's "24 h ago" they are 0)
        for (int i = 0; i < 4; i++) {
            minutes.responses(OFFICE, "jc-seeker", "seeker", "link", FRIDAY_EVENING.minus(Duration.ofHours(i + 1)), 11, 0, 11);
        }
        // history up to Friday: the day and its afternoon hours
        w.history("office", OFFICE, "all", "day", Instant.parse("2026-11-27T00:00:00Z"), "jc-seeker", "Q1", 44, Q1_FRIDAY);
        w.history("office", OFFICE, "all", "day", Instant.parse("2026-11-26T00:00:00Z"), "jc-seeker", "Q1", 31, counts(9, 25, 5, 6));
        Map<Instant, long[]> hours = new LinkedHashMap<>();
        hours.put(Instant.parse("2026-11-27T12:00:00Z"), counts(9, 10, 4, 4));
        hours.put(Instant.parse("2026-11-27T13:00:00Z"), counts(9, 12, 6, 3));
        hours.put(Instant.parse("2026-11-27T14:00:00Z"), counts(10, 11, 7, 4));
        hours.values().forEach(c -> hourlyAnswers += java.util.Arrays.stream(c).sum());
        w.historyBuckets("office", OFFICE, "all", "hour", "jc-seeker", "Q1", hours);

        server = TestServer.start(30, Clock.fixed(MONDAY_MORNING, ZoneOffset.UTC));
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

    private static JsonNode item(JsonNode office, String audience, String questionId) {
        for (JsonNode it : office.path("byAudience").path(audience)) {
            if (it.path("questionId").asText().equals(questionId)) {
                return it;
            }
        }
        throw new AssertionError("no " + questionId + " for " + audience);
    }

    @Test
    void officeApiCountsFridaysResponsesNextToFridaysIndicators() throws Exception {
        String s = server.login("office-" + OFFICE);
        JsonNode day = json(server.get("/api/v1/offices/" + OFFICE + "/indicators?window=24h", s));
        assertEquals(44, item(day, "all", "Q1").path("n").asLong());
        assertEquals(44, day.path("responses").asLong(), "responses as of the same watermark as Q1's n = 44");
        assertEquals(44, day.path("responsesBySurvey").path("jc-seeker").asLong());
        assertEquals(20, item(day, "all", "Q2").path("n").asLong(), "an older row still holds as of the watermark");
        assertEquals(FRIDAY_EVENING.toString(), day.path("asOf").asText());
        assertEquals(MONDAY_MORNING.toString(), day.path("updatedAt").asText(), "the wall clock, apart from the as-of");

        JsonNode hour = json(server.get("/api/v1/offices/" + OFFICE + "/indicators?window=1h", s));
        assertEquals(3, hour.path("responses").asLong());
        assertEquals(3, item(hour, "all", "Q1").path("n").asLong());
        assertEquals(FRIDAY_EVENING.toString(), hour.path("asOf").asText());

        JsonNode breakdown = json(server.get("/api/v1/offices/" + OFFICE + "/breakdown?window=24h", s));
        assertEquals(FRIDAY_EVENING.toString(), breakdown.path("asOf").asText());
    }

    @Test
    void historyAndProfileEndAtTheAsOfNotAtTheWallClock() throws Exception {
        String s = server.login("office-" + OFFICE);
        JsonNode days = json(server.get("/api/v1/offices/" + OFFICE + "/history?granularity=day&questionId=Q1", s));
        assertEquals(FRIDAY_EVENING.toString(), days.path("asOf").asText());
        assertEquals("2026-10-29T00:00:00Z", days.path("from").asText());
        assertEquals("2026-11-28T00:00:00Z", days.path("to").asText(), "the 30 days end with Friday, not Monday");
        JsonNode points = days.path("points");
        assertEquals(30, points.size());
        JsonNode friday = points.get(29);
        assertEquals("2026-11-27T00:00:00Z", friday.path("start").asText());
        assertEquals(44, friday.path("n").asLong());
        assertEquals(31, points.get(28).path("n").asLong());

        JsonNode hours = json(server.get("/api/v1/offices/" + OFFICE + "/history?granularity=hour&questionId=Q1", s));
        assertEquals(48, hours.path("points").size());
        assertEquals("2026-11-27T16:00:00Z", hours.path("to").asText());
        assertEquals("2026-11-27T15:00:00Z", hours.path("points").get(47).path("start").asText());
        assertEquals(15, hours.path("points").get(46).path("n").asLong(), "14:00 UTC");

        JsonNode profile = json(server.get("/api/v1/offices/" + OFFICE + "/profile?questionId=Q1", s));
        assertEquals("2026-11-27T16:00:00Z", profile.path("to").asText());
        assertEquals(FRIDAY_EVENING.toString(), profile.path("asOf").asText());
        long total = 0;
        for (JsonNode d : profile.path("days")) {
            for (JsonNode c : d.path("cells")) {
                total += c.path("n").asLong();
            }
        }
        assertEquals(hourlyAnswers, total, "Friday's hours are inside the 30 days up to the as-of");
    }

    @Test
    void regionApiIsAsOfTheRegionsWatermark() throws Exception {
        String s = server.login("region-YAR");
        JsonNode r = json(server.get("/api/v1/regions/YAR/offices?window=24h", s));
        assertEquals(FRIDAY_EVENING.toString(), r.path("asOf").asText());
        assertEquals(44, r.path("total").path("responses").asLong());
        assertEquals(44, r.path("offices").get(0).path("responses").asLong());
        assertEquals(OFFICE, r.path("offices").get(0).path("office").asText());
    }

    @Test
    void officePageSaysHowOldTheFiguresAreOnAPhoneInBothLanguages() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-" + OFFICE);
            b.open("/offices/" + OFFICE + "?window=24h&lang=ru");
            b.waitFor("figures drawn", () -> b.driver.findElement(By.id("responses")).getText().equals("44")
                    && !b.driver.findElement(By.id("as-of")).getText().isEmpty());
            assertEquals("данные на 27.11 18:00 (2 дня назад)", read(() -> b.driver.findElement(By.id("as-of")).getText()));
            assertTrue(read(() -> b.driver.findElement(By.id("as-of")).getAttribute("class")).contains("old"));
            String q1 = read(() -> b.driver.findElement(By.cssSelector(".indicator[data-question='Q1'] .bar-value")).getText());
            assertTrue(q1.endsWith("(n=44)"), q1);
            // the line's last point with answers: its bucket as the chart holds it
            String[] lastPoint = {null};
            b.waitFor("history drawn", () -> {
                JsonNode o = EChartsOnPage.option(b.driver, "#history-chart");
                if (o == null) {
                    return false;
                }
                for (JsonNode p : o.path("series").get(0).path("data")) {
                    lastPoint[0] = p.isObject() ? p.path("start").asText() : lastPoint[0];
                }
                return lastPoint[0] != null;
            });
            assertEquals("2026-11-27T00:00:00Z", lastPoint[0], "the line ends on Friday");
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + b.scrollWidth());
            b.fullPageScreenshot("office-idle-as-of-phone-ru", 390, 844);

            b.open("/offices/" + OFFICE + "?window=24h&lang=en");
            b.waitFor("english label", () -> b.driver.findElement(By.id("as-of")).getText().startsWith("figures"));
            assertEquals("figures as of 27 Nov 18:00 (2 days ago)", read(() -> b.driver.findElement(By.id("as-of")).getText()));
            assertEquals("44", read(() -> b.driver.findElement(By.id("responses")).getText()));
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + b.scrollWidth());
            b.fullPageScreenshot("office-idle-as-of-phone-en", 390, 844);
        }
    }

    @Test
    void regionPageSaysHowOldTheFiguresAre() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("region-YAR");
            b.open("/regions/YAR?window=24h&lang=ru");
            b.waitFor("region label", () -> b.driver.findElement(By.id("as-of")).getText().startsWith("данные"));
            assertEquals("данные на 27.11 18:00 (2 дня назад)", read(() -> b.driver.findElement(By.id("as-of")).getText()));
            b.waitFor("region total", () -> b.driver.findElement(By.id("total-responses")).getText().equals("44"));
            b.fullPageScreenshot("region-idle-as-of-phone-ru", 390, 844);
        }
    }
}
