package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/**
 * The composite index read from {@code otklik.composite_index} rows this test inserts the way the streaming job
 * writes them (two methodology versions, two periods, two offices of Bryansk and the region; lower-version rows of
 * the same keys that FINAL must drop): the index, groups and indicators with the version on every figure, the
 * previous-period delta, the region's best office, who may see what, and the page on a phone.
 */
class CompositeApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static ClickHouseHttp ch;

    @BeforeAll
    static void start() {
        ch = TestStack.shared().clickHouseHttp();
        // version 2, 2025-Q4, BRY-01: the replaced lower-version rows first (FINAL drops them)
        index(2, "2025-Q4", "office", "BRY-01", 0.10, 1);
        index(2, "2025-Q4", "office", "BRY-01", 0.74, 9);
        index(2, "2025-Q4", "office", "BRY-02", 0.95, 1); // replaced: would be the best office without FINAL
        index(2, "2025-Q4", "office", "BRY-02", 0.71, 9);
        index(2, "2025-Q4", "region", "BRY", 0.72, 9);
        index(2, "2025-Q3", "office", "BRY-01", 0.64, 9);
        index(1, "2025-Q4", "office", "BRY-01", 0.50, 9);
        index(1, "2025-Q4", "office", "BRY-02", 0.90, 9);
        index(1, "2025-Q3", "office", "BRY-01", 0.40, 9);
        group(2, "2025-Q4", "BRY-01", "friendliness", 2, true, 0.8, "ok", 2);
        group(2, "2025-Q4", "BRY-01", "usefulness", 1, false, 0, "no_data", 0);
        group(2, "2025-Q4", "BRY-01", "effort", 1, true, 0.6, "ok", 1);
        indicator(2, "s.Q10", "friendliness", "subjective", true, 0.1, "ok", 40, 4, 0, 0, 1); // replaced
        indicator(2, "s.Q10", "friendliness", "subjective", true, 0.8, "ok", 40, 32, 0, 0, 9);
        indicator(2, "o.management_openness", "friendliness", "objective", true, 0.8, "ok", 1, 0, 0.8, 1, 9);
        indicator(2, "o.job_seeker_events", "friendliness", "objective", false, 0, "awaiting_review", 0, 0, 0, 2, 9);
        indicator(2, "s.Q1", "usefulness", "subjective", false, 0, "insufficient_data", 12, 10, 0, 0, 9);
        indicator(2, "o.vacancy_dynamics", "usefulness", "objective", false, 0, "suspended", 1, 0, 1.2, 2, 9);
        indicator(2, "o.info_office", "effort", "objective", true, 0, "zeroed_by_audit", 1, 0, 0, 0.5, 9);
        indicator(2, "s.Q9", "effort", "subjective", true, 0.6, "ok", 50, 30, 0, 0, 9);
        String jdbc = OperationalDatabases.fresh("composite_it"); // the methodology's titles; Kafka not needed here
        server = TestServer.start(5, java.time.Clock.systemUTC(), OperationalSettings.none()
                        .withPostgres(jdbc, PostgresServer.USER).withKafka(TestStack.shared().kafka().bootstrapServers(),
                                "alert.reviews"),
                DeliverySettings.none(), CaseSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void index(int version, String period, String level, String code, double value, long rowVersion) {
        row(version, period, level, code, "index", "", "", "", true, value, "ok", 3, 0, 0, 0, 0, rowVersion);
    }

    private static void group(int version, String period, String office, String code, double weight, boolean has,
                              double value, String status, long n) {
        row(version, period, "office", office, "group", code, code, "", has, value, status, n, 0, 0, 0, weight, 9);
    }

    private static void indicator(int version, String code, String group, String kind, boolean has, double value,
                                  String status, long n, long positive, double points, double max, long rowVersion) {
        row(version, "2025-Q4", "office", "BRY-01", "indicator", code, group, kind, has, value, status, n, positive,
                points, max, 0, rowVersion);
    }

    private static void row(int version, String period, String level, String code, String componentLevel,
                            String component, String group, String kind, boolean has, double value, String status, long n,
                            long positive, double points, double max, double weight, long rowVersion) {
        String start = period.endsWith("Q4") ? "2025-10-01" : "2025-07-01";
        ch.execute(String.format(Locale.ROOT, "INSERT INTO otklik.composite_index (methodology_version, period,"
                + " period_start, scope_level, scope_code, region_code, component_level, component, group_code, kind,"
                + " has_value, value, status, n, positive, points, max_points, weight, live, updated_ts, version) VALUES"
                + " (%d, '%s', '%s', '%s', '%s', 'BRY', '%s', '%s', '%s', '%s', %d, %s, '%s', %d, %d, %s, %s, %s, 0,"
                + " '2026-01-05 10:00:00', %d)", version, period, start, level, code, componentLevel, component, group,
                kind, has ? 1 : 0, value, status, n, positive, points, max, weight, rowVersion));
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void theOfficeIndexWithGroupsIndicatorsDeltaAndTheRegionsBestOffice() throws Exception {
        String office = server.login("office-BRY-01");
        JsonNode v = ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01", office), 200);
        assertEquals(2, v.path("methodologyVersion").asInt(), "the newest version with rows: " + v);
        assertEquals("2025-Q4", v.path("period").asText());
        assertEquals("[2,1]", v.path("versions").toString());
        assertEquals(0.74, v.path("index").path("value").asDouble(), 1e-9, "FINAL: the replaced 0.10 is gone");
        assertEquals(2, v.path("index").path("methodologyVersion").asInt());
        assertEquals(3, v.path("groups").size());
        JsonNode usefulness = v.path("groups").get(1);
        assertEquals("usefulness", usefulness.path("component").asText());
        assertFalse(usefulness.path("hasValue").asBoolean());
        assertTrue(usefulness.path("value").isNull());
        assertEquals(7, v.path("indicators").size());
        for (JsonNode part : v.path("groups")) {
            assertEquals(2, part.path("methodologyVersion").asInt(), part.toString());
        }
        for (JsonNode part : v.path("indicators")) {
            assertEquals(2, part.path("methodologyVersion").asInt(), part.toString());
            switch (part.path("component").asText()) {
                case "s.Q10" -> {
                    assertEquals(0.8, part.path("value").asDouble(), 1e-9, "FINAL: " + part);
                    assertEquals(40, part.path("n").asInt());
                    assertEquals("subjective", part.path("kind").asText());
                }
                case "o.management_openness" -> assertEquals(0.8, part.path("points").asDouble(), 1e-9);
                case "s.Q1" -> assertEquals("insufficient_data", part.path("status").asText());
                case "o.job_seeker_events" -> assertEquals("awaiting_review", part.path("status").asText());
                case "o.info_office" -> {
                    assertEquals("zeroed_by_audit", part.path("status").asText());
                    assertEquals(0.0, part.path("value").asDouble(), 1e-9);
                }
                default -> { }
            }
        }
        assertEquals("2025-Q3", v.path("previous").path("period").asText());
        assertEquals(0.64, v.path("previous").path("index").asDouble(), 1e-9);
        assertEquals(0.10, v.path("previous").path("delta").asDouble(), 1e-9);
        assertEquals(2, v.path("previous").path("methodologyVersion").asInt());
        assertEquals("BRY-01", v.path("bestOffice").path("officeCode").asText(), "FINAL: BRY-02's replaced 0.95 is gone");
        assertEquals(0.74, v.path("bestOffice").path("value").asDouble(), 1e-9);
        assertEquals(2, v.path("bestOffice").path("methodologyVersion").asInt());

        // version 1: its own figures, delta and best office — versions never mix
        JsonNode v1 = ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01&version=1&period=2025-Q4",
                office), 200);
        assertEquals(1, v1.path("index").path("methodologyVersion").asInt());
        assertEquals(0.50, v1.path("index").path("value").asDouble(), 1e-9);
        assertEquals(0.10, v1.path("previous").path("delta").asDouble(), 1e-9);
        assertEquals("BRY-02", v1.path("bestOffice").path("officeCode").asText());
        assertEquals(0.90, v1.path("bestOffice").path("value").asDouble(), 1e-9);

        JsonNode series = ok(server.get("/api/v1/composite/series?scope_level=office&scope_code=BRY-01&version=2", office), 200);
        assertEquals(2, series.path("points").size());
        assertEquals("2025-Q3", series.path("points").get(0).path("period").asText());
        assertEquals(0.74, series.path("points").get(1).path("value").asDouble(), 1e-9);
        assertEquals(2, series.path("points").get(1).path("methodologyVersion").asInt());

        // no rows for a period: 404, a bad period or scope level: 400
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01&period=2020-Q1", office), 404);
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01&period=2020-Q9", office), 400);
        ok(server.get("/api/v1/composite?scope_level=planet&scope_code=BRY-01", office), 400);
    }

    @Test
    void theRegionAndWhoMaySeeWhat() throws Exception {
        String region = server.login("region-BRY");
        JsonNode r = ok(server.get("/api/v1/composite?scope_level=region&scope_code=BRY", region), 200);
        assertEquals(0.72, r.path("index").path("value").asDouble(), 1e-9);
        assertEquals("BRY-01", r.path("bestOffice").path("officeCode").asText());
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-02", region), 200);
        String other = server.login("office-BRY-02");
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01", other), 403);
        ok(server.get("/api/v1/composite/series?scope_level=office&scope_code=BRY-01", other), 403);
        ok(server.get("/api/v1/composite?scope_level=region&scope_code=BRY", other), 403);
        ok(server.get("/api/v1/composite?scope_level=federal", other), 403);
        String vla = server.login("region-VLA");
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01", vla), 403);
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=NOPE-1", vla), 403);
        String federal = server.login("federal");
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01", federal), 200);
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=NOPE-1", federal), 404);
        ok(server.get("/api/v1/composite?scope_level=office&scope_code=BRY-01", null), 401);
        assertNull(null);
    }

    @Test
    void thePageOnAPhone() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-BRY-01");
            b.open("/composite?lang=ru");
            b.waitFor("index", () -> !b.driver.findElements(By.id("index-card")).isEmpty());
            String text = b.driver.findElement(By.tagName("main")).getText();
            assertTrue(text.contains("методика v2") && text.contains("74.0%"), text);
            assertTrue(text.contains("недостаточно данных") && text.contains("ожидает проверки")
                    && text.contains("обнулён по итогам проверки"), text);
            assertTrue(text.contains("+10.0") && text.contains("BRY-01"), text);
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            assertEquals(2, b.driver.findElements(By.cssSelector("#version option")).size());
            // the groups' bars as ECharts drew them: friendliness 0.8, usefulness without data (no bar), effort 0.6
            // the index over its quarters in version 2: 64 % then 74 %
            JsonNode trend = b.chartOption("#trend [data-chart]");
            assertEquals("[\"2025-Q3\",\"2025-Q4\"]", trend.at("/xAxis/0/data").toString());
            assertEquals("[64,74]", trend.at("/series/0/data").toString());
            JsonNode groups = b.chartOption("#groups [data-chart]");
            assertEquals("[80,null,60]", groups.at("/series/1/data").toString());
            assertEquals(3, groups.at("/yAxis/0/data").size());
            assertTrue(!groups.at("/series/0/data/1/label/formatter").asText().isBlank(), "usefulness's reason: " + groups);
            b.fullPageScreenshot("composite-phone", 390, 844);
            b.open("/composite?lang=en&scope_level=office&scope_code=BRY-01&version=1");
            b.waitFor("version 1", () -> b.driver.findElement(By.tagName("main")).getText().contains("methodology v1"));
            assertEquals("no data", b.driver.findElement(By.cssSelector("#groups .empty")).getText(), "v1 has no group rows");
            assertTrue(b.driver.findElements(By.cssSelector("#groups [data-chart]")).isEmpty(), "no chart of nothing");
            b.fullPageScreenshot("composite-v1-en-phone", 390, 844);
        }
    }
}
