package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;

/** {@code GET /api/v1/alerts} against a real ClickHouse: the latest version of each incident, and the scope rules. */
class AlertFeedIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static TestServer server;

    private static void alert(ClickHouseHttp ch, String id, String office, String status, String severity,
                              Instant opened, Instant closed, long version) {
        alert(ch, id, "drop_kiosk", office, status, severity, opened, closed, version);
    }

    private static void alert(ClickHouseHttp ch, String id, String type, String office, String status, String severity,
                              Instant opened, Instant closed, long version) {
        ch.execute("INSERT INTO otklik.alerts (alert_id, alert_type, severity, status, region_code, office_code, scope_id,"
                + " started_ts, opened_ts, updated_ts, closed_ts, observed, flagged, baseline, alarm_level, statistic,"
                + " threshold, response_ids, detail, version) VALUES ('" + id + "', '" + type + "', '" + severity + "', '"
                + status + "', '" + office.substring(0, 3) + "', '" + office + "', '" + (type.equals("kiosk_silent")
                ? "tp-hall" : "") + "', '" + TS.format(opened.minusSeconds(3600))
                + "', '" + TS.format(opened) + "', '" + TS.format(closed == null ? opened : closed) + "', "
                + (closed == null ? "NULL" : "'" + TS.format(closed) + "'") + ", 46, 22, 0.18, 0.33, 8.7, 8.2,"
                + " ['" + id + "-r1', '" + id + "-r2'], '{}', " + version + ")");
    }

    @BeforeAll
    static void start() {
        ClickHouseHttp ch = TestStack.shared().clickHouseHttp();
        ch.execute("TRUNCATE TABLE otklik.alerts");
        Instant opened = NOW.minusSeconds(7200);
        // BRY-01: opened, then escalated (a later version of the same incident): only the escalation is shown
        alert(ch, "drop_kiosk:BRY-01:a", "BRY-01", "open", "warning", opened, null, 4);
        alert(ch, "drop_kiosk:BRY-01:a", "BRY-01", "escalated", "critical", opened, null, 8);
        // BRY-02: an incident that closed
        alert(ch, "drop_kiosk:BRY-02:b", "BRY-02", "open", "warning", opened.minusSeconds(86_400), null, 4);
        alert(ch, "drop_kiosk:BRY-02:b", "BRY-02", "closed", "warning", opened.minusSeconds(86_400), opened, 12);
        // VLA-01: open, opened later than BRY-01's
        alert(ch, "drop_kiosk:VLA-01:c", "VLA-01", "open", "warning", opened.plusSeconds(600), null, 4);
        // a fraud flag and a silent kiosk in Vladimir's second office, opened earlier than the rest
        alert(ch, "fraud_burst:VLA-02:e", "fraud_burst", "VLA-02", "open", "warning", opened.minusSeconds(3600), null, 4);
        alert(ch, "kiosk_silent:VLA-02:f", "kiosk_silent", "VLA-02", "open", "warning", opened.minusSeconds(7200), null, 4);
        // an office the directory does not know: never shown, not even to federal users
        alert(ch, "drop_kiosk:ZZZ-99:d", "ZZZ-99", "open", "warning", opened, null, 4);
        server = TestServer.start(5);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode get(String user, String query) throws Exception {
        HttpResponse<String> r = server.get("/api/v1/alerts" + query, server.login(user));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode feed) {
        List<String> ids = new ArrayList<>();
        feed.get("alerts").forEach(a -> ids.add(a.get("alertId").asText()));
        return ids;
    }

    @Test
    void federalUsersSeeEveryOpenIncidentOfKnownOfficesNewestFirst() throws Exception {
        JsonNode feed = get("federal", "");
        assertEquals("open", feed.get("status").asText());
        assertEquals(List.of("drop_kiosk:VLA-01:c", "drop_kiosk:BRY-01:a", "fraud_burst:VLA-02:e",
                "kiosk_silent:VLA-02:f"), ids(feed));
        JsonNode bry = feed.get("alerts").get(1);
        assertEquals("escalated", bry.get("status").asText(), "the incident's latest version");
        assertEquals("critical", bry.get("severity").asText());
        assertEquals("BRY-01", bry.get("officeCode").asText());
        assertEquals("BRY", bry.get("regionCode").asText());
        assertEquals(NOW.minusSeconds(7200).toString(), bry.get("openedAt").asText());
        assertTrue(bry.get("closedAt").isNull());
        assertEquals(46, bry.get("observed").asLong());
        assertEquals(22, bry.get("flagged").asLong());
        assertEquals(0.18, bry.get("baseline").asDouble(), 1e-9);
        assertEquals(List.of("drop_kiosk:BRY-01:a-r1", "drop_kiosk:BRY-01:a-r2"),
                JSON.convertValue(bry.get("responseIds"), List.class));
        assertTrue(bry.get("title").asText().contains("киоске"), "Russian by default: " + bry.get("title"));
        assertEquals("Kiosk satisfaction drop", get("federal", "?lang=en").get("alerts").get(1).get("title").asText());

        assertEquals(List.of("drop_kiosk:BRY-01:a"), ids(get("federal", "?region=BRY")));
        JsonNode all = get("federal", "?status=all");
        assertEquals(List.of("drop_kiosk:VLA-01:c", "drop_kiosk:BRY-01:a", "fraud_burst:VLA-02:e", "kiosk_silent:VLA-02:f",
                "drop_kiosk:BRY-02:b"), ids(all), "newest opening first");
        JsonNode closed = all.get("alerts").get(4);
        assertEquals("closed", closed.get("status").asText());
        assertEquals(NOW.minusSeconds(7200).toString(), closed.get("closedAt").asText());
    }

    @Test
    void regionalManagersAndOfficeHeadsSeeTheirScopeOnly() throws Exception {
        assertEquals(List.of("drop_kiosk:BRY-01:a"), ids(get("region-BRY", "")));
        assertEquals(List.of("drop_kiosk:BRY-01:a", "drop_kiosk:BRY-02:b"), ids(get("region-BRY", "?status=all")));
        assertEquals(List.of("drop_kiosk:VLA-01:c", "fraud_burst:VLA-02:e", "kiosk_silent:VLA-02:f"),
                ids(get("region-VLA", "")));
        assertEquals(List.of("drop_kiosk:BRY-01:a"), ids(get("office-BRY-01", "")));
        assertEquals(List.of(), ids(get("office-BRY-02", "")));
        assertEquals(List.of("drop_kiosk:BRY-02:b"), ids(get("office-BRY-02", "?status=all")));
        assertEquals(List.of("drop_kiosk:BRY-02:b"), ids(get("region-BRY", "?status=all&office=BRY-02")));
        assertEquals(List.of("drop_kiosk:VLA-01:c"), ids(get("federal", "?office=VLA-01")));
    }

    @Test
    void outOfScopeUnknownAndMalformedRequestsAreRefused() throws Exception {
        String region = server.login("region-BRY");
        assertEquals(403, server.get("/api/v1/alerts?office=VLA-01", region).statusCode());
        assertEquals(403, server.get("/api/v1/alerts?office=ZZZ-99", region).statusCode(), "unknown codes reveal nothing");
        assertEquals(403, server.get("/api/v1/alerts?office=BRY-02", server.login("office-BRY-01")).statusCode());
        assertEquals(403, server.get("/api/v1/alerts?region=VLA", region).statusCode());
        assertEquals(403, server.get("/api/v1/alerts?region=BRY", server.login("office-BRY-01")).statusCode());
        assertEquals(404, server.get("/api/v1/alerts?region=ZZZ", server.login("federal")).statusCode());
        assertEquals(404, server.get("/api/v1/alerts?office=ZZZ-99", server.login("federal")).statusCode());
        assertEquals(404, server.get("/api/v1/alerts?office=x'%20OR%201%3D1--", server.login("federal")).statusCode());
        HttpResponse<String> bad = server.get("/api/v1/alerts?status=closed", region);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("status must be open|all"), bad.body());
        assertEquals(401, server.get("/api/v1/alerts", null).statusCode());
    }

    private static String alertsText(PageBrowser b) {
        try {
            // as rendered: the badge is upper-cased by CSS, so compare in lower case
            return b.driver.findElement(org.openqa.selenium.By.id("alerts")).getText().toLowerCase(java.util.Locale.ROOT);
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return ""; // redrawn by a poll just now: read again
        }
    }

    @Test
    void pagesShowTheOpenAlertsOfTheirPlaceAtPhoneWidth() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-BRY-01");
            b.open("/offices/BRY-01");
            b.waitFor("the escalated incident", () -> alertsText(b).contains("серьёзно")
                    && alertsText(b).contains("22 / 46"));
            assertTrue(alertsText(b).contains("обычно 18%"), alertsText(b));
            assertTrue(b.scrollWidth() <= 390, "no sideways scrolling on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("alerts-office-phone", 390, 844);
            b.open("/offices/BRY-01?lang=en");
            b.waitFor("in English", () -> alertsText(b).contains("kiosk satisfaction drop") && alertsText(b).contains("critical"));
        }
        try (PageBrowser b = new PageBrowser(server, 1280, 800)) {
            b.login("federal");
            b.open("/regions?lang=ru");
            b.waitFor("the open incidents, linked to their offices", () -> b.driver.findElements(
                    org.openqa.selenium.By.cssSelector("#alerts li.alert a[href='/offices/BRY-01'], #alerts li.alert a[href='/offices/VLA-01']"))
                    .size() == 2 && alertsText(b).contains("ответов под флагом: 22")
                    && alertsText(b).contains("киоск молчит в часы работы") && alertsText(b).contains("tp-hall"));
            assertTrue(!alertsText(b).contains("zzz-99"));
            b.fullPageScreenshot("alerts-federal-desktop", 1280, 800);
            b.open("/regions/BRY");
            b.waitFor("only Bryansk's", () -> b.driver.findElements(org.openqa.selenium.By.cssSelector("#alerts li.alert")).size() == 1
                    && alertsText(b).contains("серьёзно"));
        }
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-BRY-02");
            b.open("/offices/BRY-02");
            b.waitFor("no open alert (its incident closed)", () -> alertsText(b).contains("открытых оповещений нет"));
        }
    }
}
