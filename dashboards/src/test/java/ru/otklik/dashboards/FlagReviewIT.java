package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import ru.otklik.common.alert.FlagReviewEvent;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.common.operational.OperationalStore;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/**
 * Reviews of fraud flags through the real dashboards, PostgreSQL (Flyway schema, a database of its
 * own), ClickHouse (the flags) and a Kafka broker of its own (it is stopped and restarted): who may
 * review what, the anti-CSRF token, the record in the operational store, the event for the streaming
 * job — also when Kafka was down when the reviewer decided — and the review form in Chromium.
 */
class FlagReviewIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final String TOPIC = "alert.reviews";
    private static final String BURST = "fraud_burst:BRY-01:it-r1";
    private static final String COPIES = "fraud_duplicate:BRY-02:it-r2";
    private static final String OFFLINE = "fraud_fast:BRY-03:it-r3";
    private static final String OTHER_REGION = "fraud_burst:VLA-01:it-r4";
    private static final String DROP = "drop_kiosk:BRY-01:it-d1";
    private static final String TAPS = "fraud_kiosk_burst:BRY-02:it-r5";

    @TempDir
    static Path kafkaDir;
    private static KafkaBroker kafka;
    private static String jdbcUrl;
    private static TestServer server;

    private static void alert(ClickHouseHttp ch, String id, String type, String office) {
        Instant opened = NOW.minusSeconds(1800);
        ch.execute("INSERT INTO otklik.alerts (alert_id, alert_type, severity, status, region_code, office_code, scope_id,"
                + " started_ts, opened_ts, updated_ts, closed_ts, observed, flagged, baseline, alarm_level, statistic,"
                + " threshold, response_ids, detail, version) VALUES ('" + id + "', '" + type + "', 'warning', 'open', '"
                + office.substring(0, 3) + "', '" + office + "', 'ip-hash-1', '" + TS.format(opened.minusSeconds(300))
                + "', '" + TS.format(opened) + "', '" + TS.format(opened) + "', NULL, 20, 20, 0, 5, 20, 5, ['"
                + id + "-a', '" + id + "-b'], '{}', 4)");
    }

    @BeforeAll
    static void start() throws Exception {
        TestStack stack = TestStack.shared(); // no skipping: a stack that cannot start fails the test
        ClickHouseHttp ch = stack.clickHouseHttp();
        ch.execute("ALTER TABLE otklik.alerts DELETE WHERE alert_id LIKE '%:it-%'");
        alert(ch, BURST, "fraud_burst", "BRY-01");
        alert(ch, COPIES, "fraud_duplicate", "BRY-02");
        alert(ch, OFFLINE, "fraud_fast", "BRY-03");
        alert(ch, OTHER_REGION, "fraud_burst", "VLA-01");
        alert(ch, DROP, "drop_kiosk", "BRY-01");
        alert(ch, TAPS, "fraud_kiosk_burst", "BRY-02");
        jdbcUrl = OperationalDatabases.fresh("reviews_it");
        kafka = KafkaBroker.start(kafkaDir);
        kafka.createTopics(1, TOPIC);
        server = TestServer.start(5, java.time.Clock.systemUTC(), OperationalSettings.none()
                .withPostgres(jdbcUrl, PostgresServer.USER).withKafka(kafka.bootstrapServers(), TOPIC));
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
    }

    private static HttpResponse<String> review(String user, String alertId, String decision, String reason) {
        String session = server.login(user);
        String json = "{\"decision\":\"" + decision + "\",\"reason\":" + quote(reason) + "}";
        return server.postJson("/api/v1/alerts/" + alertId + "/review", session, server.csrfOf(session, "/regions/BRY"), json);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode feedItem(String user, String query, String alertId) throws Exception {
        JsonNode feed = JSON.readTree(server.get("/api/v1/alerts" + query, server.login(user)).body());
        for (JsonNode a : feed.get("alerts")) {
            if (a.get("alertId").asText().equals(alertId)) {
                return a;
            }
        }
        throw new AssertionError(alertId + " not in the feed of " + user + ": " + feed);
    }

    /** Reads the topic from the start until {@code done} holds for what was read (or 60 s pass: then it fails). */
    private static List<ConsumerRecord<String, byte[]>> readTopicUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        return TopicRecords.readUntil(kafka.bootstrapServers(), TOPIC, done);
    }

    private static List<FlagReviewEvent> events(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventJson.fromBytes(r.value(), FlagReviewEvent.class)).toList();
    }

    private static Instant publishedAt(long reviewId) throws Exception {
        try (Connection c = db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT published_at FROM flag_reviews WHERE review_id = " + reviewId)) {
            assertTrue(rs.next(), "review " + reviewId + " is recorded");
            return rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
        }
    }

    @Test
    void aRegionalManagerDismissesAFlagItIsRecordedWithWhoAndWhyAndTheStreamingSideHearsOfIt() throws Exception {
        HttpResponse<String> r = review("region-BRY", BURST, "dismiss", "Проверили: в этот час шла ярмарка вакансий");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode created = JSON.readTree(r.body());
        assertEquals("dismissed", created.get("decision").asText());
        assertEquals("region-BRY", created.get("reviewer").asText());
        assertEquals("region", created.get("reviewerRole").asText());
        long id = created.get("reviewId").asLong();

        // the feed shows the decision to everyone who sees the flag; only reviewers may review
        JsonNode asFederal = feedItem("federal", "?office=BRY-01", BURST);
        assertEquals("dismissed", asFederal.get("review").get("decision").asText());
        assertEquals("Проверили: в этот час шла ярмарка вакансий", asFederal.get("review").get("reason").asText());
        assertTrue(asFederal.get("reviewable").asBoolean());
        JsonNode asHead = feedItem("office-BRY-01", "", BURST);
        assertEquals("region-BRY", asHead.get("review").get("reviewer").asText());
        assertFalse(asHead.get("reviewable").asBoolean(), "office heads do not review flags");
        assertFalse(feedItem("federal", "?office=BRY-01", DROP).get("reviewable").asBoolean(), "drop alerts are not reviewed");

        // the event names the decision and the role, not the person nor the reason
        List<ConsumerRecord<String, byte[]>> records = readTopicUntil(read -> events(read).stream()
                .anyMatch(e -> e.reviewId() == id));
        ConsumerRecord<String, byte[]> record = records.stream()
                .filter(x -> EventJson.fromBytes(x.value(), FlagReviewEvent.class).reviewId() == id).findFirst().orElseThrow();
        assertEquals(BURST, record.key(), "keyed by alert: one flag's reviews stay in order");
        FlagReviewEvent event = EventJson.fromBytes(record.value(), FlagReviewEvent.class);
        assertEquals(new FlagReviewEvent(id, BURST, "fraud_burst", "BRY-01", "BRY", "ip-hash-1", "dismissed", "region",
                event.reviewedAt()), event);
        assertTrue(event.restores());
        String raw = new String(record.value(), StandardCharsets.UTF_8);
        assertFalse(raw.contains("region-BRY") || raw.contains("ярмарка"), raw);
        // marked right after the acknowledgement, which the record on the topic shows has happened
        Eventually.waitUntil("review " + id + " marked published", Duration.ofSeconds(30),
                () -> publishedAt(id) != null);

        // a second decision on the same flag: both kept, the newest shown
        assertEquals(201, review("federal", BURST, "confirm", "Повторная проверка: адрес сотрудника").statusCode());
        assertEquals("confirmed", feedItem("region-BRY", "", BURST).get("review").get("decision").asText());
        JsonNode history = JSON.readTree(server.get("/api/v1/alerts/" + BURST + "/reviews", server.login("office-BRY-01")).body());
        assertEquals(List.of("dismissed", "confirmed"), history.get("reviews").findValuesAsText("decision"));

        // Flyway's history names the schema; opening the store again applies nothing
        try (OperationalStore again = OperationalStore.open(OperationalSettings.none()
                .withPostgres(jdbcUrl, PostgresServer.USER).store())) {
            assertEquals(List.of(), again.appliedNow());
        }
        try (Connection c = db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT bool_and(success), count(*), min(version)"
                     + " FROM operational_schema_history WHERE version IS NOT NULL")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1), "every migration succeeded");
            assertTrue(rs.getInt(2) >= 1);
            assertEquals("1", rs.getString(3), "from the first migration on");
        }
    }

    @Test
    void reviewsAreRefusedWithoutTheTokenOutsideTheScopeAndForWhatIsNoFlag() throws Exception {
        String session = server.login("region-BRY");
        String token = server.csrfOf(session, "/regions/BRY");
        String body = "{\"decision\":\"confirm\",\"reason\":\"адрес сотрудника\"}";
        String path = "/api/v1/alerts/" + COPIES + "/review";
        HttpResponse<String> noToken = server.postJson(path, session, null, body);
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body().contains("csrf_token"), noToken.body());
        assertEquals(403, server.postJson(path, session, token + "x", body).statusCode());
        assertEquals(403, server.postJson(path, server.login("federal"), token, body).statusCode(),
                "a token is worth nothing with another session");
        assertEquals(401, server.postJson(path, null, token, body).statusCode());

        String head = server.login("office-BRY-02");
        HttpResponse<String> byHead = server.postJson(path, head, server.csrfOf(head, "/offices/BRY-02"), body);
        assertEquals(403, byHead.statusCode());
        assertTrue(byHead.body().contains("regional manager"), byHead.body());
        assertEquals(404, server.postJson("/api/v1/alerts/" + OTHER_REGION + "/review", session, token, body).statusCode(),
                "another region's flag: as if there were none");
        assertEquals(404, server.postJson("/api/v1/alerts/fraud_burst:BRY-01:nothing/review", session, token, body).statusCode());
        assertEquals(404, server.postJson("/api/v1/alerts/x'%20OR%201=1/review", session, token, body).statusCode());
        HttpResponse<String> drop = server.postJson("/api/v1/alerts/" + DROP + "/review", session, token, body);
        assertEquals(409, drop.statusCode());
        assertTrue(drop.body().contains("only fraud flags are reviewed"), drop.body());

        HttpResponse<String> badDecision = server.postJson(path, session, token, "{\"decision\":\"maybe\",\"reason\":\"abc\"}");
        assertEquals(400, badDecision.statusCode());
        assertTrue(badDecision.body().contains("decision must be confirm or dismiss"), badDecision.body());
        HttpResponse<String> shortReason = server.postJson(path, session, token, "{\"decision\":\"confirm\",\"reason\":\" ok \"}");
        assertEquals(400, shortReason.statusCode());
        assertTrue(shortReason.body().contains("reason must have 3 to 1000 characters"), shortReason.body());
        HttpResponse<String> noReason = server.postJson(path, session, token, "{\"decision\":\"confirm\"}");
        assertTrue(noReason.body().contains("reason is required"), noReason.body());
        assertEquals(400, server.postJson(path, session, token, "[1,2]").statusCode());
        assertEquals(400, server.postJson(path, session, token, "{\"decision\":").statusCode());
        try (Connection c = db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM flag_reviews WHERE alert_id = '" + COPIES + "'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "nothing refused was recorded");
        }
    }

    @Test
    void aReviewMadeWhileKafkaIsDownIsPublishedOnceItIsBack() throws Exception {
        kafka.stop();
        long id;
        try {
            HttpResponse<String> r = review("region-BRY", OFFLINE, "confirm", "Анкеты заполнены за секунды с планшета офиса");
            assertEquals(201, r.statusCode(), "recorded whatever Kafka does: " + r.body());
            id = JSON.readTree(r.body()).get("reviewId").asLong();
            assertNull(publishedAt(id), "not published while the broker is down");
        } finally {
            kafka.restart();
        }
        List<FlagReviewEvent> events = events(readTopicUntil(read -> events(read).stream().anyMatch(e -> e.reviewId() == id)));
        assertEquals(1, events.stream().filter(e -> e.reviewId() == id).count(), "published once");
        assertEquals("confirmed", events.stream().filter(e -> e.reviewId() == id).findFirst().orElseThrow().decision());
    }

    private static String alertsText(PageBrowser b) {
        try {
            return b.driver.findElement(By.id("alerts")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return ""; // redrawn by a poll just now: read again
        }
    }

    @Test
    void aFederalAnalystConfirmsAFlagOnAPhone() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("federal");
            b.open("/regions/BRY");
            By button = By.cssSelector("#alerts button[data-review='" + TAPS + "']");
            b.waitFor("the flag with its review button", () -> !b.driver.findElements(button).isEmpty());
            b.driver.findElement(button).click();
            b.driver.findElement(By.id("review-reason")).sendKeys("Один и тот же набор ответов с адреса офиса");
            b.fullPageScreenshot("flag-review-form-phone", 390, 844);
            b.driver.findElement(By.id("review-confirm")).click();
            b.waitFor("the decision in the feed", () -> alertsText(b).contains("Подтверждён · federal"));
            assertTrue(b.scrollWidth() <= 390, "no sideways scrolling on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("flag-reviewed-phone", 390, 844);
        }
        assertEquals("confirmed", feedItem("region-BRY", "", TAPS).get("review").get("decision").asText());
    }
}
