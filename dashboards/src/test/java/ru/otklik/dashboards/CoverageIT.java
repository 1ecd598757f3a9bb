package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.coverage.CoverageSettings;
import ru.otklik.dashboards.coverage.SurveyWave;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;

/**
 * Coverage against the quota (issue 14 §2) over rows in the real ClickHouse: Chelyabinsk (UTC+5) in a past wave of
 * February 2024 with a quota of 80 seekers and 20 employers. CHE-01: 30 seeker forms inside, one resent (counted
 * once), one at 00:30 local on the first day (19:30 UTC the day before: inside), one at 00:10 local the day after the
 * wave (outside), 20 employer forms; CHE-02: 80 seekers and 25 employers (the bar stops at the quota, the count not).
 * Who sees what, the wave of today with its days left, and the page on a phone.
 */
class CoverageIT {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ZoneId CHE = RegionTimeZone.of("CHE");
    private static final LocalDate TODAY = LocalDate.now(CHE);
    private static TestServer server;

    @BeforeAll
    static void start() {
        ClickHouseHttp ch = TestStack.shared().clickHouseHttp();
        for (int i = 0; i < 30; i++) {
            response(ch, "cov-1-s-" + i, "CHE-01", "jc-seeker", "seeker", local(2024, 2, 1 + i % 29, 11), 1);
        }
        response(ch, "cov-1-s-0", "CHE-01", "jc-seeker", "seeker", local(2024, 2, 1, 11), 2); // the same form again
        response(ch, "cov-1-s-first", "CHE-01", "jc-seeker", "seeker", local(2024, 2, 1, 0).plusSeconds(30 * 60), 1);
        response(ch, "cov-1-s-after", "CHE-01", "jc-seeker", "seeker", local(2024, 3, 1, 0).plusSeconds(10 * 60), 1);
        for (int i = 0; i < 20; i++) {
            response(ch, "cov-1-e-" + i, "CHE-01", "jc-employer", "employer", local(2024, 2, 2 + i, 15), 1);
        }
        for (int i = 0; i < 80; i++) {
            response(ch, "cov-2-s-" + i, "CHE-02", "jc-seeker", "seeker", local(2024, 2, 1 + i % 29, 10), 1);
        }
        for (int i = 0; i < 25; i++) {
            response(ch, "cov-2-e-" + i, "CHE-02", "jc-employer", "employer", local(2024, 2, 1 + i, 16), 1);
        }
        CoverageSettings waves = new CoverageSettings(List.of(
                new SurveyWave("cov-past", LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)),
                new SurveyWave("cov-now", TODAY.minusDays(10), TODAY.plusDays(19))), 80, 20);
        server = TestServer.start(5, java.time.Clock.systemUTC(), ru.otklik.dashboards.store.OperationalSettings.none(),
                ru.otklik.dashboards.delivery.DeliverySettings.none(), ru.otklik.dashboards.cases.CaseSettings.defaults(),
                c -> c.withCoverage(waves));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Instant local(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(CHE).toInstant();
    }

    private static void response(ClickHouseHttp ch, String id, String office, String survey, String audience, Instant at,
                                 long version) {
        String ts = TS.format(at);
        ch.execute("INSERT INTO otklik.responses (response_id, survey_id, survey_version, audience, channel, region_code,"
                + " office_code, client_ts, received_ts, version) VALUES ('" + id + "', '" + survey + "', 1, '" + audience
                + "', 'link', 'CHE', '" + office + "', '" + ts + "', '" + ts + "', " + version + ")");
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return EventJson.mapper().readTree(r.body());
    }

    private static JsonNode office(JsonNode coverage, String code) {
        for (JsonNode o : coverage.path("offices")) {
            if (code.equals(o.path("officeCode").asText())) {
                return o;
            }
        }
        throw new AssertionError(code + " not in " + coverage);
    }

    @Test
    void formsOfTheWaveAgainstTheQuotaPerOfficeAndAudience() throws Exception {
        JsonNode c = ok(server.get("/api/v1/coverage?region=CHE&wave=cov-past", server.login("federal")));
        assertEquals("cov-past", c.path("wave").path("code").asText());
        assertEquals(0, c.path("daysLeft").asLong(), "the wave is over");
        assertEquals(80, c.path("seekerQuota").asInt());
        JsonNode one = office(c, "CHE-01");
        assertEquals(31, one.path("seekers").asLong(), "30 + the first night's, the resend once, the day after not");
        assertEquals(20, one.path("employers").asLong());
        assertEquals(31.0 / 80, one.path("seekerShare").asDouble(), 1e-9);
        assertEquals(1.0, one.path("employerShare").asDouble(), 1e-9);
        assertEquals(false, one.path("onTrack").asBoolean(), "31 of 80 at the end of the wave");
        JsonNode two = office(c, "CHE-02");
        assertEquals(80, two.path("seekers").asLong());
        assertEquals(25, two.path("employers").asLong(), "the count goes past the quota");
        assertEquals(1.0, two.path("employerShare").asDouble(), 1e-9, "the bar stops at it");
        assertEquals(true, two.path("onTrack").asBoolean());
    }

    @Test
    void whoSeesWhatAndTheWaveOfToday() throws Exception {
        String region = server.login("region-CHE");
        JsonNode mine = ok(server.get("/api/v1/coverage?wave=cov-past", region));
        assertEquals("CHE", mine.path("regionCode").asText(), "a region's manager: their region by default");
        assertEquals(2, mine.path("offices").size());
        assertEquals(403, server.get("/api/v1/coverage?region=CHE", server.login("region-BRY")).statusCode());
        JsonNode own = ok(server.get("/api/v1/coverage?wave=cov-past", server.login("office-CHE-02")));
        assertEquals(1, own.path("offices").size(), "an office's staff: their office only");
        assertEquals("CHE-02", own.path("offices").get(0).path("officeCode").asText());
        assertEquals(404, server.get("/api/v1/coverage?region=CHE&wave=nope", region).statusCode());
        JsonNode now = ok(server.get("/api/v1/coverage", region));
        assertEquals("cov-now", now.path("wave").path("code").asText(), "the wave that holds today");
        assertEquals(20, now.path("daysLeft").asLong(), "today and the 19 days after it");
        assertEquals(401, server.get("/api/v1/coverage", null).statusCode());
    }

    @Test
    void thePageOnAPhone() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("region-CHE");
            b.open("/coverage?wave=cov-past&lang=ru");
            b.waitFor("offices", () -> b.driver.findElements(By.cssSelector(".coverage-office")).size() == 2);
            String text = b.driver.findElement(By.tagName("main")).getText();
            assertTrue(text.contains("Охват опроса") && text.contains("квота не выполнена")
                    && text.contains("квота выполнена"), text);
            // CHE-01's bars as ECharts drew them: 31 of 80 seekers, 20 of 20 employers
            JsonNode bars = b.chartOption("[data-office=CHE-01] [data-chart]");
            assertEquals("[38.8,100]", bars.at("/series/1/data").toString());
            assertEquals("Соискатели 31 / 80", bars.at("/yAxis/0/data/0").asText(), "the bar's label");
            String said = b.driver.findElement(By.cssSelector("[data-office=CHE-01] [data-chart]")).getAttribute("aria-label");
            assertTrue(said != null && said.contains("Соискатели 31 / 80 — 38.8%"), "the chart in words: " + said);
            // a live update swaps the page's main part in anew (live-page.js): its charts are drawn again
            b.js("document.body.removeAttribute('data-refreshed'); document.dispatchEvent(new Event('visibilitychange'))");
            b.waitFor("the main part swapped in", () -> b.js("return document.body.getAttribute('data-refreshed')") != null);
            assertEquals("[38.8,100]", b.chartOption("[data-office=CHE-01] [data-chart]").at("/series/1/data").toString(),
                    "redrawn after the swap");
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("coverage-phone", 390, 844);
            b.open("/coverage?wave=cov-past&lang=en");
            b.waitFor("english", () -> b.driver.findElement(By.tagName("main")).getText().contains("Survey coverage"));
            b.fullPageScreenshot("coverage-en-phone", 390, 844);
            b.open("/coverage?lang=ru"); // the wave of today: ten days gone, none of its forms yet
            b.waitFor("today's wave", () -> b.driver.findElement(By.id("days-left")).getText().equals("20"));
            assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("отстаёт"));
            b.fullPageScreenshot("coverage-now-phone", 390, 844);
        }
    }
}
