package ru.otklik.ingest.link;

import ru.otklik.common.link.LinkKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.ingest.testing.TopicReader;

/**
 * A spent single-use link stays spent across an ingest restart — in the operational store (PostgreSQL,
 * the run command's case, shared by every ingest instance) and, without one, in the used-links log in
 * the contacts directory — so the same link shows "already answered" and Kafka gets nothing new.
 */
class UsedLinksRestartIT {

    private static final TestStack STACK = TestStack.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEYS = "k1:" + LinkKeys.newSecret();
    private static final Office OFFICE = OfficeDirectory.pilot().office("VLA-01").orElseThrow();
    private static final String TOPIC = "responses-ul-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ALREADY_ANSWERED = "Анкета уже заполнена";

    @TempDir
    static Path contactsDir;

    @BeforeAll
    static void topics() {
        STACK.kafka().createTopics(3, TOPIC, TOPIC + ".dlq");
    }

    private static IngestConfig config() {
        return config(Map.of());
    }

    private static IngestConfig config(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", TOPIC);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", TOPIC + ".dlq");
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_LINK_KEYS", KEYS);
        env.put("OTKLIK_CONTACTS_DIR", contactsDir.toString());
        return IngestConfig.load(env);
    }

    @Test
    void aSpentSingleUseLinkStaysSpentAfterARestart() throws Exception {
        String touchpoint = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String token = new LinkToken(LinkKeys.parse(KEYS), Clock.systemUTC()).sign(new SurveyLink(
                SurveyLink.newLinkId(), OFFICE.regionCode(), OFFICE.code(), touchpoint, null, "jc-seeker", 1, true,
                Instant.now().plus(Duration.ofDays(7))));
        String responseId = "restart-" + UUID.randomUUID();

        try (IngestService first = IngestService.start(config())) {
            assertEquals(200, get(first, token).statusCode(), "a fresh link shows the form");
            HttpResponse<String> answered = post(first, token, Map.of("responseId", responseId, "Q1", "9"));
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(answered.body().contains("Спасибо!"));
            assertEquals(409, get(first, token).statusCode(), "spent within the same process");
        }
        assertEquals(1, records(touchpoint, 1).size(), "the answer reached Kafka once");
        assertTrue(Files.readString(contactsDir.resolve(FileUsedLinks.FILE_NAME)).contains(responseId),
                "the spending is in the log beside the contacts");

        try (IngestService second = IngestService.start(config())) {
            HttpResponse<String> shown = get(second, token);
            assertEquals(409, shown.statusCode());
            assertTrue(shown.body().contains(ALREADY_ANSWERED), "the restarted service remembers the link");

            HttpResponse<String> other = post(second, token, Map.of("responseId", "other-" + UUID.randomUUID(),
                    "Q1", "2"));
            assertEquals(409, other.statusCode());
            assertTrue(other.body().contains(ALREADY_ANSWERED));

            HttpResponse<String> retry = post(second, token, Map.of("responseId", responseId, "Q1", "9"));
            assertEquals(200, retry.statusCode(), "the original respondent's retry is thanked, not refused");
            assertTrue(retry.body().contains("Спасибо!"));
        }
        List<JsonNode> after = records(touchpoint, 2);
        assertEquals(1, after.size(), "nothing new reached Kafka after the restart: " + after);
        assertEquals(responseId, after.get(0).get("responseId").asText());
        assertEquals(9, after.get(0).at("/answers/Q1").asInt());
    }

    @Test
    void aSpentLinkStaysSpentInTheOperationalStoreAcrossRestartsAndInstances() throws Exception {
        String database = "used_links_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (java.sql.Connection c = STACK.postgres().connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        String url = STACK.postgres().jdbcUrl().substring(0, STACK.postgres().jdbcUrl().lastIndexOf('/') + 1) + database;
        Map<String, String> store = Map.of("OTKLIK_POSTGRES_URL", url, "OTKLIK_POSTGRES_USER", STACK.postgres().user());
        String touchpoint = "store-" + UUID.randomUUID().toString().substring(0, 8);
        String token = new LinkToken(LinkKeys.parse(KEYS), Clock.systemUTC()).sign(new SurveyLink(
                SurveyLink.newLinkId(), OFFICE.regionCode(), OFFICE.code(), touchpoint, null, "jc-seeker", 1, true,
                Instant.now().plus(Duration.ofDays(7))));
        String responseId = "store-" + UUID.randomUUID();
        Files.deleteIfExists(contactsDir.resolve(FileUsedLinks.FILE_NAME));

        try (IngestService first = IngestService.start(config(store))) {
            HttpResponse<String> answered = post(first, token, Map.of("responseId", responseId, "Q1", "9"));
            assertEquals(200, answered.statusCode(), answered.body());
            // a second instance beside it, on the same store: the link is spent there too
            try (IngestService beside = IngestService.start(config(store))) {
                HttpResponse<String> other = post(beside, token, Map.of("responseId", "other-" + UUID.randomUUID(),
                        "Q1", "2"));
                assertEquals(409, other.statusCode(), "spent for every instance of the store");
                assertTrue(other.body().contains(ALREADY_ANSWERED));
            }
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, STACK.postgres().user(), "");
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT response_id FROM used_links")) {
            assertTrue(rs.next(), "the spending is a row of used_links");
            assertEquals(responseId, rs.getString(1));
            assertTrue(!rs.next(), "one row for one link");
        }
        assertTrue(!Files.exists(contactsDir.resolve(FileUsedLinks.FILE_NAME)), "and no file");
        try (IngestService restarted = IngestService.start(config(store))) {
            assertEquals(409, get(restarted, token).statusCode(), "the restarted service remembers the link");
            HttpResponse<String> retry = post(restarted, token, Map.of("responseId", responseId, "Q1", "9"));
            assertEquals(200, retry.statusCode(), "the original respondent's retry is thanked, not refused");
        }
        List<JsonNode> after = records(touchpoint, 2);
        assertEquals(1, after.size(), "one answer reached Kafka: " + after);
        assertEquals(responseId, after.get(0).get("responseId").asText());
    }

    /** Records of this test's touchpoint; waits for {@code atLeast} briefly, so "no more" is checked too. */
    private static List<JsonNode> records(String touchpoint, int atLeast) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> all = new TopicReader(STACK.kafka().bootstrapServers())
                .readAll(TOPIC, atLeast, Duration.ofSeconds(atLeast > 1 ? 3 : 15));
        List<JsonNode> matching = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : all) {
            JsonNode json = EventJson.mapper().readTree(r.value());
            if (touchpoint.equals(json.path("touchpointId").asText())) {
                matching.add(json);
            }
        }
        return matching;
    }

    private static HttpResponse<String> get(IngestService ingest, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/s/" + token))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(IngestService ingest, String token, Map<String, String> fields)
            throws Exception {
        String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/s/" + token))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
