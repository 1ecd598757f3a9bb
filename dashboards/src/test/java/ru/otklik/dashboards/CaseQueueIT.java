package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/**
 * The case queue through the real dashboards, PostgreSQL (a database of its own), ClickHouse (the comments and
 * scores) and Kafka (topics of its own): low-scored comments and drop alerts open one case each, also when an
 * event comes twice; fraud flags, closings and old events open none; who may see and work on which case; the
 * order cause-and-action, then follow-up; the weighted cause statistics; and the page on a phone in Chromium.
 */
class CaseQueueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String FEEDBACK_TOPIC = "feedback-it-" + RUN;
    private static final String ALERTS_TOPIC = "alerts-it-" + RUN;
    private static final String QUEUE = "caseit-" + RUN + "-queue";
    private static final String PHONE = "caseit-" + RUN + "-phone";
    private static final String OTHER_REGION = "caseit-" + RUN + "-vla";
    private static final String OLD = "caseit-" + RUN + "-old";
    private static final String DROP = "drop_kiosk:BRY-02:caseit-" + RUN;

    private static KafkaProducer<String, byte[]> producer;
    private static TestServer server;

    private static NegativeFeedback feedback(String responseId, String office, Instant received, String... low) {
        return new NegativeFeedback(responseId, "jc-seeker", "link", "seeker", office.substring(0, 3), office, "desk-1", null,
                received.minusSeconds(60), received, List.of(low));
    }

    private static AlertEvent alert(String id, String type, String office, String status, long version) {
        Instant opened = NOW.minusSeconds(600);
        return new AlertEvent(id, version, type, "warning", status, office.substring(0, 3), office, office, opened.minusSeconds(300),
                opened, NOW, "closed".equals(status) ? NOW : null, 40, 14, 0.2, 0.4, 6.1, 5.0, List.of(), "{}");
    }

    private static void send(String topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, EventJson.toBytes(event))).get();
    }

    /** What the streaming job writes for a response: the row with its comment, and its answers. */
    private static void response(ClickHouseHttp ch, String id, String office, String comment, int... q1q9q10) {
        String region = office.substring(0, 3);
        ch.execute("INSERT INTO otklik.responses (response_id, survey_id, survey_version, audience, channel, region_code,"
                + " office_code, client_ts, received_ts, comment, version) VALUES ('" + id + "', 'jc-seeker', 1, 'seeker',"
                + " 'link', '" + region + "', '" + office + "', '" + TS.format(NOW) + "', '" + TS.format(NOW) + "', '"
                + comment + "', 1)");
        String[] questions = {"Q1", "Q9", "Q10"};
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < questions.length; i++) {
            values.append(i == 0 ? "" : ", ").append("('").append(id).append("', 'jc-seeker', 1, '").append(questions[i])
                    .append("', '").append(region).append("', '").append(office).append("', ").append(q1q9q10[i])
                    .append(", '").append(TS.format(NOW)).append("', 1)");
        }
        ch.execute("INSERT INTO otklik.answers (response_id, survey_id, survey_version, question_id, region_code, office_code,"
                + " score, client_ts, version) VALUES " + values);
    }

    @BeforeAll
    static void start() throws Exception {
        TestStack stack = TestStack.shared(); // no skipping: a stack that cannot start fails the test
        KafkaBroker kafka = stack.kafka();
        kafka.createTopics(1, FEEDBACK_TOPIC, ALERTS_TOPIC);
        ClickHouseHttp ch = stack.clickHouseHttp();
        response(ch, QUEUE, "BRY-01", "Очередь два часа, никто не объяснил почему", 2, 3, 9);
        response(ch, PHONE, "BRY-03", "Консультант не знал про новые выплаты", 4, 8, 3);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        server = TestServer.start(5, java.time.Clock.systemUTC(),
                OperationalSettings.none().withPostgres(OperationalDatabases.fresh("cases_it"), PostgresServer.USER)
                        .withKafka(kafka.bootstrapServers(), "alert.reviews"),
                DeliverySettings.none(), CaseSettings.defaults().withTopics(FEEDBACK_TOPIC, ALERTS_TOPIC));
        send(FEEDBACK_TOPIC, "BRY-01", feedback(QUEUE, "BRY-01", NOW, "Q1", "Q9"));
        send(FEEDBACK_TOPIC, "BRY-01", feedback(QUEUE, "BRY-01", NOW, "Q1", "Q9")); // at least once: again
        send(FEEDBACK_TOPIC, "BRY-03", feedback(PHONE, "BRY-03", NOW, "Q1", "Q10"));
        send(FEEDBACK_TOPIC, "VLA-01", feedback(OTHER_REGION, "VLA-01", NOW, "Q1"));
        send(FEEDBACK_TOPIC, "BRY-01", feedback(OLD, "BRY-01", NOW.minus(Duration.ofDays(40)), "Q1"));
        send(ALERTS_TOPIC, DROP, alert(DROP, "drop_kiosk", "BRY-02", "open", 1));
        send(ALERTS_TOPIC, DROP, alert(DROP, "drop_kiosk", "BRY-02", "escalated", 2));
        send(ALERTS_TOPIC, DROP, alert(DROP, "drop_kiosk", "BRY-02", "closed", 3));
        send(ALERTS_TOPIC, "f", alert("fraud_burst:BRY-01:caseit-" + RUN, "fraud_burst", "BRY-01", "open", 1));
        send(ALERTS_TOPIC, "c", alert("drop_forms:BRY-01:caseit-" + RUN, "drop_forms", "BRY-01", "closed", 5));
        // the last event sent is in when the federal list holds the three new cases and the VLA one
        Eventually.waitUntil("the cases opened from both topics", Duration.ofSeconds(60),
                () -> cases("federal", "filter=all").size() >= 4);
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
    }

    private static List<JsonNode> cases(String user, String query) throws Exception {
        HttpResponse<String> r = server.get("/api/v1/cases?" + query, server.login(user));
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).get("cases").forEach(out::add);
        return out;
    }

    private static JsonNode caseOf(String user, String responseOrAlert) throws Exception {
        return cases(user, "filter=all").stream().filter(c -> responseOrAlert.equals(c.path("responseId").asText())
                || responseOrAlert.equals(c.path("alertId").asText())).findFirst().orElseThrow(
                        () -> new AssertionError("no case of " + responseOrAlert + " for " + user));
    }

    private static HttpResponse<String> post(String user, long caseId, String step, String json) {
        String session = server.login(user);
        return server.postJson("/api/v1/cases/" + caseId + "/" + step, session, server.csrfOf(session, "/cases"), json);
    }

    @Test
    void eachLowScoredCommentAndEachDropAlertOpensOneCaseWithWhatTheRespondentWrote() throws Exception {
        List<JsonNode> region = cases("region-BRY", "filter=all");
        assertEquals(3, region.size(), "BRY-01 feedback once (sent twice), BRY-03 feedback, BRY-02 drop once (three"
                + " changes); not the fraud flag, the closing-only alert, the 40-day-old feedback nor VLA: " + region);
        JsonNode queue = caseOf("region-BRY", QUEUE);
        assertEquals("feedback", queue.get("kind").asText());
        assertEquals("Очередь два часа, никто не объяснил почему", queue.get("comment").asText(), "read from ClickHouse");
        assertEquals("Q1", queue.get("lowItems").get(0).get("id").asText());
        assertEquals(2, queue.get("lowItems").get(0).get("score").asInt(), "the score it came with");
        assertEquals(3, queue.get("lowItems").get(1).get("score").asInt());
        assertTrue(queue.get("lowItems").get(0).get("label").asText().contains("полезн"),
                "the item's wording: " + queue.get("lowItems").get(0));
        assertEquals("open", queue.get("status").asText());
        assertEquals(false, queue.get("overdue").asBoolean(), "due in 5 days");
        JsonNode drop = caseOf("region-BRY", DROP);
        assertEquals("drop_alert", drop.get("kind").asText());
        assertEquals("BRY-02", drop.get("office").asText());
    }

    @Test
    void everyoneSeesTheCasesOfTheirScopeOnly() throws Exception {
        assertEquals(List.of(QUEUE), cases("office-BRY-01", "filter=all").stream()
                .map(c -> c.path("responseId").asText()).toList(), "the office head: their office");
        assertEquals(4, cases("federal", "filter=all").stream().filter(c -> c.toString().contains(RUN)).count());
        assertEquals(403, server.get("/api/v1/cases?office=VLA-01", server.login("region-BRY")).statusCode());
        assertEquals(403, server.get("/api/v1/cases?region=BRY", server.login("office-BRY-01")).statusCode());
        assertEquals(400, server.get("/api/v1/cases?filter=mine", server.login("region-BRY")).statusCode());
        long vla = caseOf("federal", OTHER_REGION).get("id").asLong();
        assertEquals(404, post("region-BRY", vla, "action", "{\"cause\":\"waiting\",\"action\":\"Открыли второе окно\"}")
                .statusCode(), "another region's case is not there for them");
        assertEquals(403, post("federal", vla, "action", "{\"cause\":\"waiting\",\"action\":\"Открыли второе окно\"}")
                .statusCode(), "federal users read only");
    }

    @Test
    void theLoopClosesInOrderAndTheCausesAreCountedWithTheirWeights() throws Exception {
        long queue = caseOf("office-BRY-01", QUEUE).get("id").asLong();
        long drop = caseOf("region-BRY", DROP).get("id").asLong();
        String session = server.login("office-BRY-01");
        assertEquals(403, server.postJson("/api/v1/cases/" + queue + "/action", session, "not-the-token",
                "{\"cause\":\"waiting\",\"action\":\"Открыли второе окно\"}").statusCode(), "no anti-CSRF token");
        assertEquals(409, post("office-BRY-01", queue, "follow-up", "{\"followUp\":\"Очередь меньше\"}").statusCode(),
                "a follow-up needs the action first");
        HttpResponse<String> badCause = post("office-BRY-01", queue, "action", "{\"cause\":\"weather\",\"action\":\"Нет\"}");
        assertEquals(400, badCause.statusCode());
        assertTrue(badCause.body().contains("cause"), badCause.body());
        HttpResponse<String> shortAction = post("office-BRY-01", queue, "action", "{\"cause\":\"waiting\",\"action\":\"ок\"}");
        assertEquals(400, shortAction.statusCode());
        assertTrue(shortAction.body().contains("action must have 3"), shortAction.body());

        HttpResponse<String> action = post("office-BRY-01", queue, "action",
                "{\"cause\":\"waiting\",\"action\":\"Открыли второе окно приёма с 9 до 12\"}");
        assertEquals(200, action.statusCode(), action.body());
        JsonNode acted = JSON.readTree(action.body());
        assertEquals("in_progress", acted.get("status").asText());
        assertEquals("office-BRY-01", acted.get("actionBy").asText());
        assertEquals(200, post("region-BRY", drop, "action",
                "{\"cause\":\"premises\",\"action\":\"Заменили киоск у входа на исправный\"}").statusCode(),
                "the regional manager works on a case of their region");
        HttpResponse<String> closed = post("office-BRY-01", queue, "follow-up", "{\"followUp\":\"Через неделю очередь до 20 минут\"}");
        assertEquals(200, closed.statusCode(), closed.body());
        assertEquals("closed", JSON.readTree(closed.body()).get("status").asText());
        assertEquals(409, post("office-BRY-01", queue, "action", "{\"cause\":\"other\",\"action\":\"Передумали\"}").statusCode(),
                "a closed case does not change");
        assertEquals(List.of(QUEUE), cases("office-BRY-01", "filter=closed").stream()
                .map(c -> c.path("responseId").asText()).toList());

        HttpResponse<String> stats = server.get("/api/v1/cases/statistics?region=BRY&lang=en", server.login("region-BRY"));
        assertEquals(200, stats.statusCode(), stats.body());
        JsonNode s = JSON.readTree(stats.body());
        assertTrue(s.get("closed").asInt() >= 1 && s.get("inProgress").asInt() >= 1, s.toString());
        JsonNode waiting = null;
        JsonNode premises = null;
        for (JsonNode c : s.get("causes")) {
            if (c.get("code").asText().equals("waiting")) {
                waiting = c;
            } else if (c.get("code").asText().equals("premises")) {
                premises = c;
            }
        }
        assertEquals("Queue and waiting", waiting.get("title").asText());
        assertEquals(1, waiting.get("cases").asInt());
        assertEquals(1, premises.get("cases").asInt());
        // each case counts its cause's weight (waiting 3, premises 1, ...): the weighted share of a cause is
        // weight x cases over the sum of weight x cases (the phone test may have added a third cause already)
        double cases = 0;
        double weighted = 0;
        for (JsonNode c : s.get("causes")) {
            cases += c.get("cases").asInt();
            weighted += c.get("weight").asDouble() * c.get("cases").asInt();
        }
        for (JsonNode c : s.get("causes")) {
            assertEquals(c.get("cases").asInt() / cases, c.get("share").asDouble(), 1e-6, c.toString());
            assertEquals(c.get("weight").asDouble() * c.get("cases").asInt() / weighted, c.get("weightedShare").asDouble(),
                    1e-6, c.toString());
        }
        assertTrue(waiting.get("weightedShare").asDouble() > waiting.get("share").asDouble(),
                "the heavier cause weighs more than its plain share: " + s);
        assertTrue(premises.get("weightedShare").asDouble() < premises.get("share").asDouble(), s.toString());
    }

    @Test
    void anOfficeHeadClosesACaseOnAPhone() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-BRY-03");
            b.open("/cases");
            By item = By.cssSelector("#cases li[data-case]");
            b.waitFor("the office's case", () -> !b.driver.findElements(item).isEmpty());
            String text = b.driver.findElement(By.id("cases")).getText();
            assertTrue(text.contains("Консультант не знал про новые выплаты"), text);
            assertTrue(text.contains("Q10 = 3"), "the low score beside the comment: " + text);
            b.driver.findElement(By.cssSelector(".action-form select option[value='competence']")).click();
            b.driver.findElement(By.cssSelector(".action-form textarea")).sendKeys("Провели обучение по выплатам 2026 года");
            b.fullPageScreenshot("case-action-phone", 390, 844);
            b.driver.findElement(By.cssSelector(".action-form button")).click();
            b.waitFor("the follow-up form", () -> !b.driver.findElements(By.cssSelector(".follow-up-form textarea")).isEmpty());
            b.driver.findElement(By.cssSelector(".follow-up-form textarea")).sendKeys("Повторный опрос: консультант ответил верно");
            b.driver.findElement(By.cssSelector(".follow-up-form button")).click();
            b.waitFor("the case closed", () -> b.driver.findElements(By.cssSelector("#cases li[data-case]")).isEmpty());
            b.waitFor("the cause in the statistics", () -> b.driver.findElement(By.id("causes")).getText()
                    .contains("Компетентность консультанта · 1"));
            // the cause's bars: its share of the cases and its weighted share, as the statistics API gives them
            JsonNode stats = JSON.readTree(server.get("/api/v1/cases/statistics?" + b.js("return document.body.dataset.query;")
                    + "&lang=ru", server.login("office-BRY-03")).body());
            JsonNode competence = null;
            for (JsonNode c : stats.get("causes")) {
                competence = c.get("code").asText().equals("competence") ? c : competence;
            }
            String expected = List.of(competence.get("share").asDouble(), competence.get("weightedShare").asDouble()).toString();
            String[] plotted = {null};
            try {
                b.waitFor("the cause's bars", () -> {
                    JsonNode o = EChartsOnPage.option(b.driver, "#causes [data-cause='competence'] .cause-bars");
                    plotted[0] = o == null ? "no chart" : List.of(o.path("series").get(0).path("data").get(0).path("value").asDouble(),
                            o.path("series").get(0).path("data").get(1).path("value").asDouble()).toString();
                    return plotted[0].equals(expected);
                });
            } catch (AssertionError e) {
                throw new AssertionError("the cause's bars plot " + plotted[0] + ", the API says " + expected, e);
            }
            assertTrue(b.scrollWidth() <= 390, "no sideways scrolling on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("cases-phone", 390, 844);
        }
        JsonNode closed = caseOf("office-BRY-03", PHONE);
        assertEquals("closed", closed.get("status").asText());
        assertEquals("competence", closed.get("cause").asText());
        assertEquals("office-BRY-03", closed.get("followUpBy").asText());
    }
}
