package ru.otklik.ingest.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.SurveyLink;
import ru.otklik.ingest.testing.TopicReader;

/**
 * Request metadata on accepted responses, read back from Kafka: the client address and user agent
 * only as salted hashes, and the fill time from the form's start, for the API and the web questionnaire.
 */
class RequestMetaIT {

    private static final TestStack STACK = TestStack.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SALT = "salt-" + UUID.randomUUID();
    private static final String KEYS = "k1:" + LinkKeys.newSecret();
    private static final String AGENT = "OtklikMetaTest/1.0 (" + UUID.randomUUID() + ")";
    private static final String TOPIC = "responses-meta-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Pattern HIDDEN = Pattern.compile("name=\"(responseId|startedTs)\" value=\"([^\"]*)\"");

    private static IngestService ingest;

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path contactsDir;

    @BeforeAll
    static void start() throws Exception {
        STACK.kafka().createTopics(3, TOPIC, TOPIC + ".dlq");
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", TOPIC);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", TOPIC + ".dlq");
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_ADDRESS_SALT", SALT);
        env.put("OTKLIK_LINK_KEYS", KEYS);
        env.put("OTKLIK_CONTACTS_DIR", contactsDir.toString());
        // BRY-01's own network is this machine's loopback; behind the (trusted) local proxy a visitor's
        // address can be told apart
        env.put("OTKLIK_OFFICE_NETWORKS", "BRY-01=127.0.0.0/8, 10.1.0.0/16");
        env.put("OTKLIK_TRUSTED_PROXIES", "127.0.0.1");
        ingest = IngestService.start(IngestConfig.load(env));
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private static String salted(String value) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(SALT.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode stored(String responseId) {
        for (ConsumerRecord<byte[], byte[]> r : new TopicReader(STACK.kafka().bootstrapServers())
                .readAll(TOPIC, 1, Duration.ofSeconds(30))) {
            JsonNode value = EventJson.fromBytes(r.value(), JsonNode.class);
            if (value.path("responseId").asText().equals(responseId)) {
                return value;
            }
        }
        throw new AssertionError(responseId + " is not in " + TOPIC);
    }

    private static void assertHashedNotRaw(JsonNode record) throws Exception {
        JsonNode meta = record.path("meta");
        String ip = meta.path("ipHash").asText();
        String agent = meta.path("userAgentHash").asText();
        assertTrue(ip.matches("[0-9a-f]{64}"), meta.toString());
        assertTrue(agent.matches("[0-9a-f]{64}"), meta.toString());
        assertEquals(salted("127.0.0.1"), ip, "the salted hash of the client address");
        assertEquals(salted(AGENT), agent, "the salted hash of the User-Agent header");
        String raw = record.toString();
        assertFalse(raw.contains("127.0.0.1") || raw.contains(AGENT) || raw.contains(SALT), raw);
    }

    @Test
    void anApiResponseCarriesHashesAndItsFillTime() throws Exception {
        String id = "meta-api-" + UUID.randomUUID();
        Instant submitted = Instant.now().minusSeconds(30);
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", id).put("surveyId", "jc-seeker").put("surveyVersion", 1).put("audience", "seeker")
                .put("channel", "link").put("regionCode", "BRY").put("officeCode", "BRY-01")
                .put("clientTs", submitted.toString()).put("startedTs", submitted.minusSeconds(95).toString());
        form.putObject("answers").put("Q1", 9);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/responses"))
                .header("Content-Type", "application/json").header("User-Agent", AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode record = stored(id);
        assertHashedNotRaw(record);
        assertEquals(95_000, record.path("meta").path("fillMillis").asLong());

        form.put("responseId", "meta-api-" + UUID.randomUUID()).putObject("meta").put("ipHash", "forged");
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/responses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("\"field\":\"meta\""), forged.body());
    }

    @Test
    void ingestTellsWhetherAFormCameFromItsOfficesOwnNetworkAndKeepsOnlyThatOutcome() throws Exception {
        assertEquals(true, officeNetworkOf("BRY-01", "10.1.20.30"), "inside BRY-01's range");
        assertEquals(false, officeNetworkOf("BRY-01", "203.0.113.5"), "a visitor's own address");
        assertEquals(null, officeNetworkOf("BRY-02", "10.1.20.30"), "BRY-02 has no range configured: unknown");
    }

    /** Posts a form for {@code office} as if sent from {@code address}; the outcome recorded on the topic. */
    private static Boolean officeNetworkOf(String office, String address) throws Exception {
        String id = "meta-net-" + UUID.randomUUID();
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", id).put("surveyId", "jc-seeker").put("surveyVersion", 1).put("audience", "seeker")
                .put("channel", "link").put("regionCode", office.substring(0, 3)).put("officeCode", office)
                .put("clientTs", Instant.now().minusSeconds(5).toString());
        form.putObject("answers").put("Q1", 10);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/responses"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode record = stored(id);
        assertEquals(salted(address), record.path("meta").path("ipHash").asText(), "the address behind the proxy");
        assertFalse(record.toString().contains(address), "never the address itself: " + record);
        JsonNode outcome = record.path("meta").path("officeNetwork");
        return outcome.isMissingNode() || outcome.isNull() ? null : outcome.asBoolean();
    }

    @Test
    void aQuestionnaireSubmitCarriesHashesAndTheTimeSinceTheFormWasFirstShown() throws Exception {
        String token = new LinkToken(LinkKeys.parse(KEYS), Clock.systemUTC()).sign(new SurveyLink(
                SurveyLink.newLinkId(), "BRY", "BRY-01", "meta-desk", null, "jc-seeker", 1, false,
                Instant.now().plus(Duration.ofDays(1))));
        Instant beforeShown = Instant.now();
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/s/" + token))
                .header("User-Agent", AGENT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        Map<String, String> hidden = new HashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            hidden.put(m.group(1), m.group(2));
        }
        Instant shown = Instant.parse(hidden.get("startedTs"));
        assertFalse(shown.isBefore(beforeShown.minusSeconds(1)), "the time of rendering: " + shown);

        // the form comes back with a problem first: the start time stays the first rendering's
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("responseId", hidden.get("responseId"));
        fields.put("startedTs", hidden.get("startedTs"));
        fields.put("Q1", "11");
        HttpResponse<String> invalid = submit(token, fields);
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("name=\"startedTs\" value=\"" + hidden.get("startedTs") + "\""));

        fields.put("Q1", "9");
        Instant beforeSubmit = Instant.now();
        HttpResponse<String> thanks = submit(token, fields);
        Instant afterSubmit = Instant.now();
        assertEquals(200, thanks.statusCode(), thanks.body());
        JsonNode record = stored(hidden.get("responseId"));
        assertHashedNotRaw(record);
        assertEquals(hidden.get("startedTs"), record.path("startedTs").asText());
        long fill = record.path("meta").path("fillMillis").asLong(-1);
        assertTrue(fill >= Duration.between(shown, beforeSubmit).toMillis() - 1000
                && fill <= Duration.between(shown, afterSubmit).toMillis() + 1000, "fill " + fill + " ms");
    }

    private static HttpResponse<String> submit(String token, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/s/" + token)).header("User-Agent", AGENT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + ingest.port();
    }
}
