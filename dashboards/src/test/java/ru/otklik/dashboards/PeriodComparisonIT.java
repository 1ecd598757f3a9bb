package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;

/**
 * Every office figure next to the period of the same length before it (issue 14 §3), over rows in the real
 * ClickHouse. TAM-01's 7-day window as of 2026-11-20 12:30 UTC: Q1 60 of 100 positive, Q2 55 of 100. The week before,
 * [11-06 12:00, 11-13 12:00) in hourly history: Q1 45 of 100 — pooled 0.525, z = 2.12: a significant rise of 15
 * points — and Q2 50 of 100 (z = 0.71: +5 points, not marked). A bucket at 11-13 12:00 (the window's own first hour)
 * and one at 11-06 11:00 are outside and must not count.
 */
class PeriodComparisonIT {

    private static final Instant AS_OF = Instant.parse("2026-11-20T12:30:00Z");
    private static TestServer server;

    @BeforeAll
    static void start() {
        IndicatorRows rows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        rows.watermark("office", "TAM-01", AS_OF);
        rows.window("office", "TAM-01", "all", "7d", "jc-seeker", "Q1", AS_OF, 1, 0, 0, 0, 40, 0, 0, 0, 0, 0, 60, 0);
        rows.window("office", "TAM-01", "all", "7d", "jc-seeker", "Q2", AS_OF, 1, 0, 0, 0, 45, 0, 0, 0, 0, 0, 55, 0);
        rows.responses("office", "TAM-01", "all", "7d", "jc-seeker", AS_OF, 1, 100, 0);
        // the cards: kiosk 80 of 100 satisfied now against 60 of 100 (z = 3.09); NPS +30 of 100 against 0 (z = 2.73)
        rows.window("office", "TAM-01", "all", "7d", "kiosk-quick", "K1", AS_OF, 1, 0, 10, 10, 30, 50, 0, 0, 0, 0, 0, 0);
        rows.history("office", "TAM-01", "all", "hour", Instant.parse("2026-11-10T10:00:00Z"), "kiosk-quick", "K1", 1,
                0, 20, 20, 30, 30, 0, 0, 0, 0, 0, 0);
        rows.window("office", "TAM-01", "all", "7d", "pulse", "NPS", AS_OF, 1, 0, 0, 0, 0, 0, 20, 0, 0, 30, 0, 50);
        rows.history("office", "TAM-01", "all", "hour", Instant.parse("2026-11-10T10:00:00Z"), "pulse", "NPS", 1,
                0, 0, 0, 30, 0, 0, 0, 40, 0, 0, 30);
        // Tambov has one office: the region's best is TAM-01 itself where its sample suffices
        rows.history("office", "TAM-01", "all", "hour", Instant.parse("2026-11-10T10:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 55, 0, 0, 0, 0, 0, 45, 0);
        rows.history("office", "TAM-01", "all", "hour", Instant.parse("2026-11-08T09:00:00Z"), "jc-seeker", "Q2", 1,
                0, 0, 0, 50, 0, 0, 0, 0, 0, 50, 0);
        rows.history("office", "TAM-01", "all", "hour", Instant.parse("2026-11-13T12:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 0);
        rows.history("office", "TAM-01", "all", "hour", Instant.parse("2026-11-06T11:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 1000, 0, 0, 0, 0, 0, 0, 0);
        // Chelyabinsk's two offices in the same window: CHE-02 leads on Q1; on Q5 its 25 answers are below the sample
        rows.watermark("office", "CHE-01", AS_OF);
        rows.window("office", "CHE-01", "all", "7d", "jc-seeker", "Q1", AS_OF, 1, 0, 0, 0, 30, 0, 0, 0, 0, 0, 70, 0);
        rows.window("office", "CHE-02", "all", "7d", "jc-seeker", "Q1", AS_OF, 1, 0, 0, 0, 20, 0, 0, 0, 0, 0, 80, 0);
        rows.window("office", "CHE-01", "all", "7d", "jc-seeker", "Q5", AS_OF, 1, 0, 0, 0, 10, 0, 0, 0, 0, 0, 90, 0);
        rows.window("office", "CHE-02", "all", "7d", "jc-seeker", "Q5", AS_OF, 1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 20, 0);
        // CHE-01's week before: Q1 60 of 100 (its pooled share now: 160 of 200 over Q1 and Q5)
        rows.watermark("region", "CHE", AS_OF);
        rows.history("office", "CHE-01", "all", "hour", Instant.parse("2026-11-09T10:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 40, 0, 0, 0, 0, 0, 60, 0);
        server = TestServer.start(5);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theWeekBeforeWithTheChangeMarkedOnlyWhereSignificant() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/offices/TAM-01/indicators?window=7d", server.login("office-TAM-01"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode previous = EventJson.mapper().readTree(r.body()).path("previous");
        assertEquals("2026-11-06T12:00:00Z", previous.path("from").asText());
        assertEquals("2026-11-13T12:00:00Z", previous.path("to").asText());
        JsonNode q1 = previous.path("byAudience").path("all").path("Q1");
        assertEquals(100, q1.path("n").asLong(), "the buckets outside the span do not count: " + q1);
        assertEquals(0.45, q1.path("share").asDouble(), 1e-12);
        assertEquals(0.15, q1.path("change").asDouble(), 1e-12);
        assertTrue(q1.path("significant").asBoolean());
        JsonNode q2 = previous.path("byAudience").path("all").path("Q2");
        assertEquals(0.05, q2.path("change").asDouble(), 1e-12);
        assertFalse(q2.path("significant").asBoolean());
        JsonNode seekers = previous.path("byAudience").path("seeker").path("Q1");
        assertEquals(0, seekers.path("n").asLong());
        assertTrue(seekers.path("change").isNull(), "no answers in either period: no change to speak of");
        JsonNode cards = previous.path("cards");
        assertEquals(100, cards.path("kiosk").path("n").asLong(), cards.toString());
        assertEquals(0.6, cards.path("kiosk").path("share").asDouble(), 1e-12);
        assertEquals(0.2, cards.path("kiosk").path("change").asDouble(), 1e-12);
        assertTrue(cards.path("kiosk").path("significant").asBoolean(), "pooled 0.7: z = 0.2 / 0.0648 = 3.09");
        assertEquals(0.0, cards.path("nps").path("score").asDouble(), 1e-12);
        assertEquals(30.0, cards.path("nps").path("change").asDouble(), 1e-9);
        assertTrue(cards.path("nps").path("significant").asBoolean(), "z = 0.30 / sqrt(0.61/100 + 0.60/100) = 2.73");
        assertEquals(0, cards.path("csat").path("n").asLong());
        assertTrue(cards.path("csat").path("change").isNull(), "no CSAT answers in either period");
        JsonNode best = EventJson.mapper().readTree(r.body()).path("regionBest").path("all");
        assertEquals("TAM-01", best.path("Q1").path("officeCode").asText());
        assertEquals(0.6, best.path("Q1").path("share").asDouble(), 1e-12);
        assertTrue(best.path("Q3").isMissingNode(), "no office with a sufficient sample: no best office");
    }

    @Test
    void theRegionsBestOfficeIsTheHighestShareWithASufficientSample() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/offices/CHE-01/indicators?window=7d", server.login("office-CHE-01"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode best = EventJson.mapper().readTree(r.body()).path("regionBest").path("all");
        assertEquals("CHE-02", best.path("Q1").path("officeCode").asText(), best.toString());
        assertEquals(0.8, best.path("Q1").path("share").asDouble(), 1e-12);
        assertEquals("CHE-01", best.path("Q5").path("officeCode").asText(), "CHE-02's 0.8 of 25 answers does not count");
        assertEquals(0.9, best.path("Q5").path("share").asDouble(), 1e-12);
    }

    @Test
    void theRegionsOfficesBesideTheirWeekBefore() throws Exception {
        HttpResponse<String> r = server.get("/api/v1/regions/CHE/offices?window=7d", server.login("region-CHE"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode previous = EventJson.mapper().readTree(r.body()).path("previous");
        JsonNode one = previous.path("byOffice").path("CHE-01");
        assertEquals(100, one.path("n").asLong());
        assertEquals(0.6, one.path("share").asDouble(), 1e-12);
        // 160/200 against 60/100: pooled 220/300, z = 0.2 / sqrt(0.7333 * 0.2667 * (1/200 + 1/100)) = 3.69
        assertEquals(0.2, one.path("change").asDouble(), 1e-12);
        assertTrue(one.path("significant").asBoolean());
        JsonNode two = previous.path("byOffice").path("CHE-02");
        assertEquals(0, two.path("n").asLong());
        assertTrue(two.path("change").isNull());
    }

    @Test
    void theOfficePageMarksTheSignificantRise() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-TAM-01");
            b.open("/offices/TAM-01?window=7d&lang=ru");
            b.waitFor("Q1's previous period", () -> !b.driver.findElements(
                    By.cssSelector("[data-question=Q1] .bar-meta.previous")).isEmpty());
            String q1 = b.driver.findElement(By.cssSelector("[data-question=Q1] .bar-meta.previous")).getText();
            assertTrue(q1.contains("прошлый период: 45%") && q1.contains("+15") && q1.contains("▲"), q1);
            String kiosk = b.driver.findElement(By.cssSelector("#kiosk-satisfaction ~ .bar-meta.previous")).getText();
            assertTrue(kiosk.contains("прошлый период: 60%") && kiosk.contains("+20") && kiosk.contains("▲"), kiosk);
            String nps = b.driver.findElement(By.cssSelector("#nps ~ .bar-meta.previous")).getText();
            assertTrue(nps.contains("прошлый период: 0") && nps.contains("+30") && nps.contains("▲"), nps);
            String q2 = b.driver.findElement(By.cssSelector("[data-question=Q2] .bar-meta.previous")).getText();
            assertTrue(q2.contains("+5") && !q2.contains("▲") && !q2.contains("▼"), q2);
            assertTrue(b.driver.findElement(By.cssSelector("[data-question=Q1] .region-best")).getText()
                    .contains("лучший ЦЗН региона: этот ЦЗН — 60%"));
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("office-previous-period-phone", 390, 844);
            // the region's page: CHE-01's rise marked, CHE-02 without a week before says nothing of one
            b.driver.manage().deleteAllCookies(); // signed out: the next sign-in is the regional manager
            b.login("region-CHE");
            b.open("/regions/CHE?window=7d&lang=ru");
            b.waitFor("CHE-01's previous period", () -> !b.driver.findElements(
                    By.cssSelector("[data-office=CHE-01] .bar-meta.previous")).isEmpty());
            String che01 = b.driver.findElement(By.cssSelector("[data-office=CHE-01] .bar-meta.previous")).getText();
            assertTrue(che01.contains("прошлый период: 60%") && che01.contains("+20") && che01.contains("▲"), che01);
            assertTrue(b.driver.findElements(By.cssSelector("[data-office=CHE-02] .bar-meta.previous")).isEmpty());
            b.fullPageScreenshot("region-previous-period-phone", 390, 844);
        }
    }
}
