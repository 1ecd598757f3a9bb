package ru.otklik.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.testing.TopicReader;

/** Ingest over real HTTP against a real Kafka broker: what is accepted, what is refused and where it goes. */
class IngestIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestStack STACK = TestStack.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = KioskSignature.newSecret();

    @TempDir
    static Path dir;
    private static IngestService ingest;
    private static String responsesTopic;
    private static String deadLetterTopic;
    private static TopicReader topics;

    @BeforeAll
    static void start() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        responsesTopic = "responses-" + run;
        deadLetterTopic = "dlq-" + run;
        STACK.kafka().createTopics(3, responsesTopic, deadLetterTopic);
        Path devices = dir.resolve("devices.json");
        Files.write(devices, EventJson.toBytes(new KioskDevices(List.of(
                new KioskDevice("kiosk-bry01-a", "BRY-01", "hall", SECRET, false),
                new KioskDevice("kiosk-bry01-gone", "BRY-01", "hall", SECRET, true)))));
        ingest = IngestService.start(config(STACK.kafka().bootstrapServers(), devices));
        topics = new TopicReader(STACK.kafka().bootstrapServers());
    }

    static IngestConfig config(String bootstrap, Path devices) {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", bootstrap);
        env.put("OTKLIK_RESPONSES_TOPIC", responsesTopic);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", deadLetterTopic);
        env.put("OTKLIK_KIOSK_DEVICES", devices == null ? "" : devices.toString());
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT4S");
        return IngestConfig.load(env);
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    static ObjectNode seekerForm(String id) {
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", id);
        form.put("surveyId", "jc-seeker");
        form.put("surveyVersion", 1);
        form.put("audience", "seeker");
        form.put("channel", "link");
        form.put("regionCode", "BRY");
        form.put("officeCode", "BRY-01");
        form.put("clientTs", Instant.now().minusSeconds(30).toString());
        form.putObject("answers").put("Q1", 9).put("Q2", 7).put("Q12_gate", "yes").put("Q12", 8);
        return form;
    }

    static HttpResponse<String> post(int port, String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postForm(int port, String body) throws Exception {
        return post(port, "/api/v1/responses", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void aValidFormIsAcceptedAfterKafkaHasItKeyedByOffice() throws Exception {
        String id = "valid-" + UUID.randomUUID();
        HttpResponse<String> answer = postForm(ingest.port(), seekerForm(id).toString());
        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals(id, EventJson.mapper().readTree(answer.body()).get("responseId").asText());

        List<SurveyResponse> written = topics.readAll(responsesTopic, 1, WAIT).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id))
                .map(r -> {
                    assertEquals("BRY-01", new String(r.key(), StandardCharsets.UTF_8));
                    return EventJson.fromBytes(r.value(), SurveyResponse.class);
                }).toList();
        assertEquals(1, written.size());
        assertEquals(9, written.get(0).answers().get("Q1").score());
        assertTrue(written.get(0).receivedTs() != null, "the server stamps the receive time");
    }

    /** A malformed input and what the refusal must name. */
    record Bad(String name, String body, int status, String field, String rule) {
    }

    private static Bad bad(String name, Consumer<ObjectNode> change, String field, String rule) {
        ObjectNode form = seekerForm("bad-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        change.accept(form);
        return new Bad(name, form.toString(), 400, field, rule);
    }

    static List<Bad> malformed() {
        List<Bad> list = new ArrayList<>();
        list.add(new Bad("not-json", "{\"responseId\": ", 400, "$", "json-syntax"));
        list.add(new Bad("array", "[1,2,3]", 400, "$", "type"));
        list.add(new Bad("huge", "{\"comment\":\"" + "x".repeat(70_000) + "\"}", 413, "$", "max-size"));
        list.add(bad("unknown-office", f -> f.put("officeCode", "ZZZ-01"), "officeCode", "unknown-office"));
        list.add(bad("score-11", f -> ((ObjectNode) f.get("answers")).put("Q1", 11), "answers.Q1", "range"));
        list.add(bad("score-0", f -> ((ObjectNode) f.get("answers")).put("Q5", 0), "answers.Q5", "range"));
        list.add(bad("missing-id", f -> f.remove("responseId"), "responseId", "required"));
        list.add(bad("short-id", f -> f.put("responseId", "abc"), "responseId", "format"));
        list.add(bad("unknown-field", f -> f.put("email", "a@b.c"), "email", "unknown-field"));
        list.add(bad("wrong-type", f -> ((ObjectNode) f.get("answers")).put("Q1", "nine"), "answers.Q1", "type"));
        list.add(bad("fraction", f -> ((ObjectNode) f.get("answers")).put("Q1", 8.5), "answers.Q1", "type"));
        list.add(bad("unknown-question", f -> ((ObjectNode) f.get("answers")).put("Q42", 5), "answers.Q42",
                "unknown-question"));
        list.add(bad("remote-skips-q2", f -> f.put("mode", "remote"), "answers.Q2", "skipped-for-remote"));
        list.add(bad("q12-without-gate", f -> ((ObjectNode) f.get("answers")).put("Q12_gate", "no"), "answers.Q12",
                "conditional"));
        list.add(bad("region-mismatch", f -> f.put("regionCode", "VLA"), "regionCode", "office-region"));
        list.add(bad("future", f -> f.put("clientTs", Instant.now().plusSeconds(3600).toString()), "clientTs",
                "future"));
        list.add(bad("received-ts", f -> f.put("receivedTs", Instant.now().toString()), "receivedTs",
                "server-assigned"));
        list.add(bad("bad-ts", f -> f.put("clientTs", "yesterday"), "clientTs", "format"));
        list.add(bad("unknown-survey", f -> f.put("surveyId", "jc-tourist"), "surveyId", "unknown-survey"));
        list.add(bad("unknown-version", f -> f.put("surveyVersion", 9), "surveyVersion", "unknown-version"));
        list.add(bad("audience", f -> f.put("audience", "employer"), "audience", "survey-audience"));
        list.add(bad("channel", f -> f.put("channel", "pigeon"), "channel", "enum"));
        list.add(bad("choice", f -> ((ObjectNode) f.get("answers")).put("Q4", "maybe"), "answers.Q4", "enum"));
        list.add(bad("profile", f -> f.putObject("profile").put("gender", "robot"), "profile.gender", "enum"));
        list.add(bad("answers-array", f -> f.putArray("answers"), "answers", "type"));
        list.add(bad("suppressed-on-form", f -> f.put("suppressedPresses", 3), "suppressedPresses", "kiosk-only"));
        return list;
    }

    @Test
    void everyMalformedBodyIsRefusedNamingItsFieldAndKeptInTheDeadLetterTopic() throws Exception {
        List<Bad> inputs = malformed();
        long before = topics.readAll(deadLetterTopic, 0, Duration.ofSeconds(2)).size();
        long responsesBefore = topics.readAll(responsesTopic, 0, Duration.ofSeconds(2)).size();
        for (Bad input : inputs) {
            HttpResponse<String> answer = postForm(ingest.port(), input.body());
            assertEquals(input.status(), answer.statusCode(), input.name() + ": " + answer.body());
            JsonNode problem = EventJson.mapper().readTree(answer.body());
            Set<String> named = new java.util.HashSet<>();
            problem.get("violations").forEach(v -> named.add(v.get("field").asText() + ":" + v.get("rule").asText()));
            assertTrue(named.contains(input.field() + ":" + input.rule()), input.name() + " named " + named);
        }
        List<ConsumerRecord<byte[], byte[]>> letters = topics.readAll(deadLetterTopic, (int) before + inputs.size(), WAIT);
        assertEquals(before + inputs.size(), letters.size(), "every refusal is kept");
        Set<String> reasons = letters.stream().map(r -> EventJson.fromBytes(r.value(), JsonNode.class))
                .map(j -> j.get("reason").asText()).collect(Collectors.toSet());
        assertTrue(reasons.containsAll(Set.of("json-syntax", "max-size", "invalid")), reasons.toString());
        JsonNode huge = letters.stream().map(r -> EventJson.fromBytes(r.value(), JsonNode.class))
                .filter(j -> j.get("reason").asText().equals("max-size")).findFirst().orElseThrow();
        assertTrue(huge.get("bodyTruncated").asBoolean());
        assertTrue(huge.get("bodyBytes").asLong() > 70_000);
        assertEquals(responsesBefore, topics.readAll(responsesTopic, 0, Duration.ofSeconds(2)).size(),
                "nothing refused reaches the responses topic");
    }

    private static Map<String, String> signed(String device, String secret, long ts, byte[] body) {
        return Map.of(KioskSignature.DEVICE_HEADER, device, KioskSignature.TIMESTAMP_HEADER, String.valueOf(ts),
                KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(secret, ts, body));
    }

    private static byte[] batch(String device, int taps, String prefix) {
        StringBuilder json = new StringBuilder("{\"taps\":[");
        for (int i = 0; i < taps; i++) {
            json.append(i == 0 ? "" : ",").append("{\"tapId\":\"").append(prefix).append(i)
                    .append("\",\"deviceId\":\"").append(device).append("\",\"button\":").append(1 + i % 4)
                    .append(",\"clientTs\":\"").append(Instant.now().minusSeconds(60)).append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSignedKioskBatchBecomesResponsesOfTheDevicesOffice() throws Exception {
        String prefix = "tap-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        byte[] body = batch("kiosk-bry01-a", 5, prefix);
        long ts = Instant.now().getEpochSecond();
        HttpResponse<String> answer = post(ingest.port(), "/api/v1/kiosk/batches", body,
                signed("kiosk-bry01-a", SECRET, ts, body));
        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals(5, EventJson.mapper().readTree(answer.body()).get("accepted").asInt());

        List<SurveyResponse> taps = topics.readAll(responsesTopic, 5, WAIT).stream()
                .map(r -> EventJson.fromBytes(r.value(), SurveyResponse.class))
                .filter(r -> r.responseId().startsWith(prefix)).toList();
        assertEquals(5, taps.size());
        assertTrue(taps.stream().allMatch(t -> t.officeCode().equals("BRY-01") && "hall".equals(t.touchpointId())
                && t.surveyId().equals("kiosk-quick")));

        // the very same request again is a replay
        HttpResponse<String> replay = post(ingest.port(), "/api/v1/kiosk/batches", body,
                signed("kiosk-bry01-a", SECRET, ts, body));
        assertEquals(401, replay.statusCode());
        assertTrue(replay.body().contains("replay"), replay.body());
    }

    @Test
    void kioskRefusals() throws Exception {
        byte[] body = batch("kiosk-bry01-a", 2, "refused-" + UUID.randomUUID().toString().substring(0, 8) + "-");
        long ts = Instant.now().getEpochSecond();
        Map<String, Map<String, String>> cases = Map.of(
                "bad-signature", signed("kiosk-bry01-a", KioskSignature.newSecret(), ts, body),
                "unknown-device", signed("kiosk-nobody", SECRET, ts, body),
                "revoked", signed("kiosk-bry01-gone", SECRET, ts, body),
                "clock-skew", signed("kiosk-bry01-a", SECRET, ts - 3600, body));
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            HttpResponse<String> answer = post(ingest.port(), "/api/v1/kiosk/batches", body, c.getValue());
            assertEquals(401, answer.statusCode(), c.getKey());
            assertEquals(c.getKey(), EventJson.mapper().readTree(answer.body()).get("reason").asText());
        }
        // tampered: signed for one body, another sent
        byte[] other = batch("kiosk-bry01-a", 3, "tampered-");
        HttpResponse<String> tampered = post(ingest.port(), "/api/v1/kiosk/batches", other,
                signed("kiosk-bry01-a", SECRET, ts, body));
        assertEquals(401, tampered.statusCode());
    }

    @Test
    void anInvalidTapIsReportedByIndexWithoutHoldingBackTheOthers() throws Exception {
        String prefix = "mixed-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String json = "{\"taps\":[{\"tapId\":\"" + prefix + "0\",\"deviceId\":\"kiosk-bry01-a\",\"button\":3,"
                + "\"clientTs\":\"" + Instant.now().minusSeconds(5) + "\"},{\"tapId\":\"" + prefix + "1\","
                + "\"deviceId\":\"kiosk-bry01-a\",\"button\":7,\"clientTs\":\"" + Instant.now().minusSeconds(5) + "\"}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = post(ingest.port(), "/api/v1/kiosk/batches", body,
                signed("kiosk-bry01-a", SECRET, Instant.now().getEpochSecond(), body));
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode result = EventJson.mapper().readTree(answer.body());
        assertEquals(1, result.get("accepted").asInt());
        assertEquals(1, result.get("rejected").get(0).get("index").asInt());
        assertEquals("taps[1].button", result.get("rejected").get(0).get("violations").get(0).get("field").asText());
    }

    @Test
    void whenKafkaIsDownClientsGet503WithRetryAfterAndHealthSaysSo(@TempDir Path own) throws Exception {
        ru.otklik.infra.local.KafkaBroker broker = ru.otklik.infra.local.KafkaBroker.start(own);
        try {
            broker.createTopics(1, responsesTopic, deadLetterTopic);
            try (IngestService service = IngestService.start(config(broker.bootstrapServers(), null))) {
                assertEquals(202, postForm(service.port(), seekerForm("up-" + UUID.randomUUID()).toString())
                        .statusCode());
                broker.stop();
                long started = System.nanoTime();
                HttpResponse<String> answer = postForm(service.port(), seekerForm("down-" + UUID.randomUUID()).toString());
                assertEquals(503, answer.statusCode(), answer.body());
                assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""));
                assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20, "answers promptly");
                Thread.sleep(3_100); // past the health cache
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, health.statusCode(), health.body());

                broker.restart();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int status;
                do {
                    status = postForm(service.port(), seekerForm("back-" + UUID.randomUUID()).toString()).statusCode();
                } while (status != 202 && System.nanoTime() < deadline);
                assertEquals(202, status, "accepts again once Kafka is back");
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        postForm(ingest.port(), "{");
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ingest.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("otklik_ingest_rejected_total{endpoint=\"responses\",reason=\"json-syntax\"}"),
                metrics.body());
    }
}
