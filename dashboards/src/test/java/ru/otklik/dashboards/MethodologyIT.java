package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import ru.otklik.common.methodology.DefaultMethodology;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.methodology.MethodologySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;

/**
 * The versioned methodology through the real dashboards, PostgreSQL (a database of its own) and a Kafka broker of its
 * own: version 1 published at the start and on Kafka, the draft edited (a refusal names the field), published as
 * version 2 and on Kafka, a published version that cannot change (API 409, and the table's trigger), the diff, who may
 * do what, and the page with the diff in headless Chromium. The tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MethodologyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "it.methodology.versions";

    @TempDir
    static Path kafkaDir;
    private static KafkaBroker kafka;
    private static String jdbcUrl;
    private static TestServer server;
    private static String federal;
    private static String csrf;

    @BeforeAll
    static void start() {
        jdbcUrl = OperationalDatabases.fresh("methodology_it");
        kafka = KafkaBroker.start(kafkaDir);
        kafka.createTopics(1, TOPIC);
        server = TestServer.start(5, java.time.Clock.systemUTC(), OperationalSettings.none()
                        .withPostgres(jdbcUrl, PostgresServer.USER).withKafka(kafka.bootstrapServers(), "alert.reviews"),
                DeliverySettings.none(), CaseSettings.defaults(), c -> c.withMethodology(new MethodologySettings(TOPIC)));
        federal = server.login("federal");
        csrf = server.csrfOf(federal, "/methodology");
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

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(String method, String path, String session, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (session != null) {
            b.header("Cookie", "otklik_session=" + session);
        }
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return server.send(b.build());
    }

    private static List<Methodology> published(int atLeast) {
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readUntil(kafka.bootstrapServers(), TOPIC,
                read -> read.size() >= atLeast);
        records.forEach(r -> assertEquals(r.key(), Integer.toString(EventJson.fromBytes(r.value(), Methodology.class).version())));
        return records.stream().map(r -> EventJson.fromBytes(r.value(), Methodology.class)).toList();
    }

    @Test
    @Order(1)
    void version1IsPublishedAtTheStartAndOnKafka() throws Exception {
        JsonNode list = ok(server.get("/api/v1/methodology/versions", federal), 200);
        assertEquals(1, list.path("versions").size(), list.toString());
        assertEquals("system", list.path("versions").get(0).path("publishedBy").asText());
        Methodology v1 = published(1).get(0);
        assertEquals(1, v1.version());
        Methodology expected = DefaultMethodology.version1(LocalDate.of(2022, 1, 1));
        assertEquals(expected.variants(), v1.variants());
        assertEquals(expected.minimumSample(), v1.minimumSample());
        assertEquals(LocalDate.of(2022, 1, 1), v1.validFrom());
        JsonNode one = ok(server.get("/api/v1/methodology/versions/1", federal), 200);
        assertEquals(1, one.path("version").asInt());
    }

    @Test
    @Order(2)
    void aDraftTheContractRefusesAnswers422NamingTheField() throws Exception {
        ObjectNode draft = (ObjectNode) ok(server.get("/api/v1/methodology/draft", federal), 200);
        assertTrue(draft.path("version").isMissingNode() && draft.path("publishedAt").isMissingNode(), draft.toString());
        ObjectNode bad = draft.deepCopy();
        ((ObjectNode) bad.path("variants").path("CENTRALISED").path("groups").get(0)).put("weight", -1);
        JsonNode refused = ok(send("PUT", "/api/v1/methodology/draft", federal, csrf, bad.toString()), 422);
        assertEquals("invalid_methodology", refused.path("error").asText());
        assertTrue(refused.path("field").asText().contains("variants") && refused.path("field").asText().contains("groups"),
                refused.toString());
        assertTrue(refused.path("message").asText().contains("weight must be 0 or more"), refused.toString());
        ObjectNode badSample = draft.deepCopy();
        badSample.put("minimumSample", 0);
        JsonNode sample = ok(send("PUT", "/api/v1/methodology/draft", federal, csrf, badSample.toString()), 422);
        assertTrue(sample.path("message").asText().contains("minimumSample"), sample.toString());
    }

    @Test
    @Order(3)
    void publishingTheDraftMakesVersion2OnKafka() throws Exception {
        ObjectNode draft = (ObjectNode) ok(server.get("/api/v1/methodology/draft", federal), 200);
        for (String variant : List.of("CENTRALISED", "DECENTRALISED")) {
            ArrayNode groups = (ArrayNode) draft.path("variants").path(variant).path("groups");
            ((ObjectNode) groups.get(0)).put("weight", 2.0); // friendliness
            for (JsonNode i : draft.path("variants").path(variant).path("indicators")) {
                if ("o.vacancy_dynamics".equals(i.path("code").asText())) {
                    ((ObjectNode) i).put("suspended", true);
                }
            }
        }
        draft.put("minimumSample", 40);
        ok(send("PUT", "/api/v1/methodology/draft", federal, csrf, draft.toString()), 200);
        JsonNode saved = ok(server.get("/api/v1/methodology/draft", federal), 200);
        assertEquals(40, saved.path("minimumSample").asInt());
        JsonNode v2 = ok(server.postJson("/api/v1/methodology/draft/publish", federal, csrf,
                "{\"changeNote\":\"Вес дружелюбности 2, динамика вакансий приостановлена\"}"), 201);
        assertEquals(2, v2.path("version").asInt());
        List<Methodology> onKafka = published(2);
        Methodology second = onKafka.stream().filter(m -> m.version() == 2).findFirst().orElseThrow();
        assertEquals(40, second.minimumSample());
        assertEquals(2.0, second.variant(RegionNetwork.CENTRALISED).groups().get(0).weight());
        assertTrue(second.variant(RegionNetwork.DECENTRALISED).indicators().stream()
                .anyMatch(i -> i.code().equals("o.vacancy_dynamics") && i.suspended()));
        assertEquals(2, ok(server.get("/api/v1/methodology/versions", federal), 200).path("versions").size());
    }

    @Test
    @Order(4)
    void aPublishedVersionCannotChange() throws Exception {
        String body = server.get("/api/v1/methodology/versions/2", federal).body();
        JsonNode put = ok(send("PUT", "/api/v1/methodology/versions/2", federal, csrf, body), 409);
        assertEquals("published", put.path("error").asText());
        ok(send("DELETE", "/api/v1/methodology/versions/1", federal, csrf, null), 409);
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate(
                    "UPDATE methodology_versions SET body = jsonb_set(body, '{minimumSample}', '5') WHERE version = 2"));
            assertTrue(e.getMessage().contains("cannot change"), e.getMessage());
        }
        assertEquals(40, ok(server.get("/api/v1/methodology/versions/2", federal), 200).path("minimumSample").asInt());
    }

    @Test
    @Order(5)
    void theDiffListsTheWeightChangeAndTheSuspendedIndicator() throws Exception {
        JsonNode diff = ok(server.get("/api/v1/methodology/diff?from=1&to=2", federal), 200);
        String text = diff.toString();
        boolean weight = false;
        boolean suspended = false;
        boolean sample = false;
        for (JsonNode c : diff.path("changes")) {
            weight |= "group_weight".equals(c.path("kind").asText()) && "friendliness".equals(c.path("subject").asText())
                    && "1".equals(c.path("from").asText()) && "2".equals(c.path("to").asText());
            suspended |= "indicator_suspended".equals(c.path("kind").asText())
                    && "o.vacancy_dynamics".equals(c.path("subject").asText());
            sample |= "minimum_sample".equals(c.path("kind").asText()) && "40".equals(c.path("to").asText());
        }
        assertTrue(weight && suspended && sample, text);
        ok(server.get("/api/v1/methodology/diff?from=1&to=9", federal), 404);
    }

    @Test
    @Order(6)
    void onlyMethodologistsEditAndEveryChangeNeedsTheToken() throws Exception {
        String office = server.login("office-BRY-01");
        String officeCsrf = server.csrfOf(office, "/methodology");
        ok(server.get("/api/v1/methodology/draft", office), 403);
        ok(send("PUT", "/api/v1/methodology/draft", office, officeCsrf, "{}"), 403);
        ok(server.postJson("/api/v1/methodology/draft/publish", office, officeCsrf, "{\"changeNote\":\"x\"}"), 403);
        ok(server.get("/api/v1/methodology/versions", office), 200); // reading is for everybody signed in
        JsonNode noToken = ok(server.postJson("/api/v1/methodology/draft/publish", federal, null, "{\"changeNote\":\"x\"}"), 403);
        assertEquals("csrf_token", noToken.path("error").asText());
        ok(send("PUT", "/api/v1/methodology/draft", federal, null, "{}"), 403);
        ok(server.get("/api/v1/methodology/versions", null), 401);
        assertTrue(!server.get("/methodology", office).body().contains("id=\"draft-form\""));
    }

    @Test
    @Order(7)
    void thePageShowsTheDiffAndTheEditor() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("federal");
            b.open("/methodology?lang=ru");
            b.waitFor("versions", () -> !b.driver.findElements(By.id("version-2")).isEmpty());
            String diff = b.driver.findElement(By.id("version-2")).getText();
            assertTrue(diff.contains("Вес группы") && diff.contains("Показатель приостановлен"), diff);
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("methodology-phone", 390, 844);
            b.open("/methodology?lang=en");
            b.waitFor("english", () -> b.driver.findElement(By.id("version-2")).getText().contains("Group weight"));
            // the editor saves through the API with the page's token
            b.driver.findElement(By.name("minimumSample")).clear();
            b.driver.findElement(By.name("minimumSample")).sendKeys("35");
            b.driver.findElement(By.id("save-draft")).click();
            b.waitFor("saved", () -> b.driver.findElement(By.id("draft-result")).getText().contains("saved"));
            b.fullPageScreenshot("methodology-en-phone", 390, 844);
        }
        assertEquals(35, ok(server.get("/api/v1/methodology/draft", federal), 200).path("minimumSample").asInt());
    }
}
