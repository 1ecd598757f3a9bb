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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.Mode;
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
        ObjectNode form = seekerForm(id);
        Instant before = Instant.now();
        HttpResponse<String> answer = postForm(ingest.port(), form.toString());
        Instant after = Instant.now();
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode accepted = EventJson.mapper().readTree(answer.body());
        assertEquals("accepted", accepted.get("status").asText());
        assertEquals(id, accepted.get("responseId").asText());

        List<ConsumerRecord<byte[], byte[]>> written = topics.readAll(responsesTopic, 1, WAIT).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).toList();
        assertEquals(1, written.size(), "exactly one record");
        assertEquals("BRY-01", new String(written.get(0).key(), StandardCharsets.UTF_8), "keyed by office");
        SurveyResponse response = EventJson.fromBytes(written.get(0).value(), SurveyResponse.class);
        assertTrue(!response.receivedTs().isBefore(before.minusSeconds(1)) && !response.receivedTs().isAfter(after),
                "the server stamps the receive time");
        SurveyResponse expected = new SurveyResponse(id, "jc-seeker", 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON,
                "BRY", "BRY-01", null, null, Instant.parse(form.get("clientTs").asText()), response.receivedTs(),
                Map.of("Q1", Answer.score(9), "Q2", Answer.score(7), "Q12_gate", Answer.choice("yes"),
                        "Q12", Answer.score(8)), null, null, 0)
                .withMeta(response.meta().ipHash(), response.meta().userAgentHash(), Entry.PUBLIC_API);
        assertEquals(expected, response);
        assertEquals(EventJson.toJson(expected), new String(written.get(0).value(), StandardCharsets.UTF_8),
                "the value is EventJson of the response");
    }

    /** A malformed input, the unique marker it carries, and what the refusal must name. */
    record Bad(String name, String marker, String body, int status, String field, String rule) {
    }

    private static String marker(String name) {
        return "mark-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid seeker form (marked in its comment) broken in one way. */
    private static Bad bad(String name, Consumer<ObjectNode> change, String field, String rule) {
        String marker = marker(name);
        ObjectNode form = seekerForm("bad-" + marker.substring(5));
        form.put("comment", marker);
        change.accept(form);
        return new Bad(name, marker, form.toString(), 400, field, rule);
    }

    private static Bad raw(String name, java.util.function.Function<String, String> body, int status, String field,
                           String rule) {
        String marker = marker(name);
        return new Bad(name, marker, body.apply(marker), status, field, rule);
    }

    static List<Bad> malformed() {
        List<Bad> list = new ArrayList<>();
        list.add(raw("not-json", m -> "{\"comment\":\"" + m + "\", \"responseId\": ", 400, "$", "json-syntax"));
        list.add(raw("array", m -> "[\"" + m + "\"]", 400, "$", "type"));
        list.add(raw("huge", m -> "{\"comment\":\"" + m + "x".repeat(70_000) + "\"}", 413, "$", "max-size"));
        list.add(raw("duplicate-key", m -> {
            ObjectNode form = seekerForm("dup-" + m.substring(5));
            form.put("comment", m);
            return form.toString().replace("\"Q1\":9", "\"Q1\":9,\"Q1\":2");
        }, 400, "$", "json-syntax"));
        list.add(raw("trailing", m -> {
            ObjectNode form = seekerForm("trail-" + m.substring(5));
            form.put("comment", m);
            return form + " {\"responseId\":\"other\"}";
        }, 400, "$", "json-syntax"));
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
        list.add(bad("missing-ts", f -> f.remove("clientTs"), "clientTs", "required"));
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
        for (Bad input : inputs) {
            HttpResponse<String> answer = postForm(ingest.port(), input.body());
            assertEquals(input.status(), answer.statusCode(), input.name() + ": " + answer.body());
            JsonNode problem = EventJson.mapper().readTree(answer.body());
            assertEquals("invalid", problem.get("error").asText(), input.name());
            assertTrue(named(problem.get("violations")).contains(input.field() + ":" + input.rule()),
                    input.name() + " named " + named(problem.get("violations")));
        }
        // dead letters are written without waiting; give them the same bounded wait as any topic read
        Map<String, JsonNode> letters = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (letters.size() < inputs.size() && System.nanoTime() < deadline) {
            List<JsonNode> all = topics.readAll(deadLetterTopic, 1, Duration.ofSeconds(5)).stream()
                    .map(r -> EventJson.fromBytes(r.value(), JsonNode.class)).toList();
            for (Bad input : inputs) {
                all.stream().filter(j -> j.get("body").asText().contains(input.marker())).findFirst()
                        .ifPresent(j -> letters.put(input.name(), j));
            }
        }
        for (Bad input : inputs) {
            JsonNode letter = letters.get(input.name());
            assertTrue(letter != null, input.name() + " is in the dead-letter topic");
            assertEquals("responses", letter.get("endpoint").asText());
            assertEquals(input.status(), letter.get("status").asInt(), input.name());
            String reason = input.status() == 413 ? "max-size" : input.rule().equals("json-syntax") ? "json-syntax"
                    : "invalid";
            assertEquals(reason, letter.get("reason").asText(), input.name());
            assertTrue(named(letter.get("violations")).contains(input.field() + ":" + input.rule()), input.name());
            assertEquals(64, letter.get("remoteAddressHash").asText().length());
            assertTrue(letter.get("receivedTs").asText().endsWith("Z"));
            if (!input.name().equals("huge")) {
                assertEquals(input.body(), letter.get("body").asText(), "the body exactly as sent: " + input.name());
            }
        }
        JsonNode huge = letters.get("huge");
        assertTrue(huge.get("bodyTruncated").asBoolean());
        assertTrue(huge.get("bodyBytes").asLong() > 70_000);
        assertEquals(65_536, huge.get("body").asText().getBytes(StandardCharsets.UTF_8).length, "cut at the limit");

        List<String> values = topics.readAll(responsesTopic, 0, Duration.ofSeconds(2)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        for (Bad input : inputs) {
            assertTrue(values.stream().noneMatch(v -> v.contains(input.marker())),
                    input.name() + " must not reach the responses topic");
        }
    }

    @Test
    void aBodyFarAboveTheLimitIsRefusedWithoutReadingIt() throws Exception {
        // 8 MiB streamed without Content-Length: the service stops reading at the limit
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/api/v1/responses"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        java.util.Collections.enumeration(java.util.Collections.nCopies(128,
                                (java.io.InputStream) null).stream()
                                .map(x -> (java.io.InputStream) new java.io.ByteArrayInputStream(chunk)).toList()))))
                .build();
        int lettersBefore = topics.readAll(deadLetterTopic, 0, Duration.ofSeconds(2)).size();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, answer.statusCode(), answer.body());
            assertTrue(named(EventJson.mapper().readTree(answer.body()).get("violations")).contains("$:max-size"));
        } catch (java.io.IOException closedWhileSending) {
            // the server answered and closed while the client was still writing megabytes: TCP may then
            // reset the connection before the client reads the answer. The refusal itself is checked below.
        }
        List<ConsumerRecord<byte[], byte[]>> letters = topics.readAll(deadLetterTopic, lettersBefore + 1, WAIT);
        assertTrue(letters.stream().map(r -> EventJson.fromBytes(r.value(), JsonNode.class))
                .anyMatch(j -> j.get("reason").asText().equals("max-size") && j.get("body").asText().startsWith("xxxx")
                        && j.get("bodyTruncated").asBoolean()),
                "the refusal is kept in the dead-letter topic");
    }

    private static Set<String> named(JsonNode violations) {
        Set<String> named = new java.util.HashSet<>();
        violations.forEach(v -> named.add(v.get("field").asText() + ":" + v.get("rule").asText()));
        return named;
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
        String json = "{\"taps\":[{\"tapId\":\"" + prefix + "r\",\"deviceId\":\"kiosk-bry01-a\",\"button\":1,"
                + "\"reason\":\"waiting_time\",\"clientTs\":\"" + Instant.now().minusSeconds(90)
                + "\",\"suppressedPresses\":2}]}";
        byte[] body = batch("kiosk-bry01-a", 5, prefix);
        long ts = Instant.now().getEpochSecond();
        HttpResponse<String> answer = post(ingest.port(), "/api/v1/kiosk/batches", body,
                signed("kiosk-bry01-a", SECRET, ts, body));
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode result = EventJson.mapper().readTree(answer.body());
        assertEquals(5, result.get("accepted").asInt());
        assertEquals(0, result.get("rejected").size());

        byte[] withReason = json.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> second = post(ingest.port(), "/api/v1/kiosk/batches", withReason,
                signed("kiosk-bry01-a", SECRET, ts, withReason));
        assertEquals(202, second.statusCode(), second.body());

        List<ConsumerRecord<byte[], byte[]>> records = topics.readAll(responsesTopic, 6, WAIT).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(prefix)).toList();
        assertEquals(6, records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            SurveyResponse tap = EventJson.fromBytes(r.value(), SurveyResponse.class);
            assertEquals("BRY-01", new String(r.key(), StandardCharsets.UTF_8));
            assertEquals("BRY", tap.regionCode(), "region from the office directory");
            assertEquals("BRY-01", tap.officeCode(), "office from the device registry");
            assertEquals("hall", tap.touchpointId(), "touchpoint from the device registry");
            assertEquals("kiosk-quick", tap.surveyId());
            assertEquals(Channel.KIOSK, tap.channel());
            assertEquals(Audience.VISITOR, tap.audience());
            assertTrue(tap.receivedTs() != null);
        }
        SurveyResponse reasoned = records.stream().map(r -> EventJson.fromBytes(r.value(), SurveyResponse.class))
                .filter(r -> r.responseId().equals(prefix + "r")).findFirst().orElseThrow();
        assertEquals(Answer.score(1), reasoned.answers().get("K1"));
        assertEquals(Answer.choice("waiting_time"), reasoned.answers().get("K2"));
        assertEquals(2, reasoned.suppressedPresses());

        // the very same request again is a replay
        HttpResponse<String> replay = post(ingest.port(), "/api/v1/kiosk/batches", body,
                signed("kiosk-bry01-a", SECRET, ts, body));
        assertEquals(401, replay.statusCode());
        assertEquals("replay", EventJson.mapper().readTree(replay.body()).get("reason").asText());
    }

    @Test
    void kioskRefusalsAre401Or403WithTheirReasonAndKeptInTheDeadLetterTopic() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long ts = Instant.now().getEpochSecond();
        Map<String, String> refusals = new java.util.LinkedHashMap<>(); // marker -> expected reason
        Map<String, byte[]> bodies = new HashMap<>();
        Map<String, Map<String, String>> headers = new HashMap<>();
        java.util.function.BiConsumer<String, String> add = (name, reason) -> {
            String prefix = "refused-" + name + "-" + run + "-";
            bodies.put(prefix, batch("kiosk-bry01-a", 2, prefix));
            refusals.put(prefix, reason);
        };
        add.accept("forged", "bad-signature");
        add.accept("unknown", "unknown-device");
        add.accept("revoked", "revoked");
        add.accept("old", "clock-skew");
        add.accept("ahead", "clock-skew");
        add.accept("tampered", "bad-signature");
        add.accept("unsigned", "missing-signature-header");
        List<String> prefixes = new ArrayList<>(refusals.keySet());
        headers.put(prefixes.get(0), signed("kiosk-bry01-a", KioskSignature.newSecret(), ts, bodies.get(prefixes.get(0))));
        headers.put(prefixes.get(1), signed("kiosk-nobody", SECRET, ts, bodies.get(prefixes.get(1))));
        headers.put(prefixes.get(2), signed("kiosk-bry01-gone", SECRET, ts, bodies.get(prefixes.get(2))));
        headers.put(prefixes.get(3), signed("kiosk-bry01-a", SECRET, ts - 3600, bodies.get(prefixes.get(3))));
        headers.put(prefixes.get(4), signed("kiosk-bry01-a", SECRET, ts + 400, bodies.get(prefixes.get(4))));
        // tampered: signed for another body (one tap less), this one sent
        headers.put(prefixes.get(5), signed("kiosk-bry01-a", SECRET, ts, batch("kiosk-bry01-a", 1, prefixes.get(5))));
        headers.put(prefixes.get(6), Map.of(KioskSignature.DEVICE_HEADER, "kiosk-bry01-a",
                KioskSignature.TIMESTAMP_HEADER, String.valueOf(ts)));

        for (String prefix : prefixes) {
            HttpResponse<String> answer = post(ingest.port(), "/api/v1/kiosk/batches", bodies.get(prefix),
                    headers.get(prefix));
            boolean revoked = refusals.get(prefix).equals("revoked"); // authentic but refused: 403, not 401
            assertEquals(revoked ? 403 : 401, answer.statusCode(), prefix);
            JsonNode problem = EventJson.mapper().readTree(answer.body());
            assertEquals(revoked ? "forbidden" : "unauthorized", problem.get("error").asText());
            assertEquals(refusals.get(prefix), problem.get("reason").asText(), prefix);
        }
        Map<String, JsonNode> letters = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (letters.size() < prefixes.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : topics.readAll(deadLetterTopic, 1, Duration.ofSeconds(5))) {
                JsonNode letter = EventJson.fromBytes(r.value(), JsonNode.class);
                prefixes.stream().filter(p -> letter.get("body").asText().contains(p)).forEach(p -> letters.put(p, letter));
            }
        }
        for (String prefix : prefixes) {
            JsonNode letter = letters.get(prefix);
            assertTrue(letter != null, prefix + " is in the dead-letter topic");
            assertEquals("kiosk-batches", letter.get("endpoint").asText());
            assertEquals(refusals.get(prefix).equals("revoked") ? 403 : 401, letter.get("status").asInt());
            assertEquals(refusals.get(prefix), letter.get("reason").asText());
        }
        List<String> values = topics.readAll(responsesTopic, 0, Duration.ofSeconds(2)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertTrue(values.stream().noneMatch(v -> v.contains("refused-") && v.contains(run)), "no refused tap is counted");
    }

    @Test
    void anInvalidTapIsReportedByIndexWithoutHoldingBackTheOthers() throws Exception {
        String prefix = "mixed-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String json = "{\"taps\":[{\"tapId\":\"" + prefix + "0\",\"deviceId\":\"kiosk-bry01-a\",\"button\":3,"
                + "\"clientTs\":\"" + Instant.now().minusSeconds(5) + "\"},{\"tapId\":\"" + prefix + "1\","
                + "\"deviceId\":\"kiosk-bry01-a\",\"button\":7,\"clientTs\":\"" + Instant.now().minusSeconds(5) + "\"},"
                + "{\"tapId\":\"" + prefix + "2\",\"deviceId\":\"kiosk-other\",\"button\":2,\"reason\":\"weather\","
                + "\"clientTs\":\"" + Instant.now().plusSeconds(3600) + "\",\"suppressedPresses\":-1}]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = post(ingest.port(), "/api/v1/kiosk/batches", body,
                signed("kiosk-bry01-a", SECRET, Instant.now().getEpochSecond(), body));
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode result = EventJson.mapper().readTree(answer.body());
        assertEquals(1, result.get("accepted").asInt());
        assertEquals(2, result.get("rejected").size());
        assertEquals(1, result.get("rejected").get(0).get("index").asInt());
        assertEquals(Set.of("taps[1].button:range"), named(result.get("rejected").get(0).get("violations")));
        assertEquals(2, result.get("rejected").get(1).get("index").asInt());
        assertEquals(Set.of("taps[2].deviceId:device-mismatch", "taps[2].reason:enum", "taps[2].clientTs:future",
                "taps[2].suppressedPresses:range"), named(result.get("rejected").get(1).get("violations")));

        List<String> responses = topics.readAll(responsesTopic, 1, WAIT).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).filter(v -> v.contains(prefix)).toList();
        assertEquals(1, responses.size());
        assertTrue(responses.get(0).contains(prefix + "0"));

        List<JsonNode> letters = List.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (letters.size() < 2 && System.nanoTime() < deadline) {
            letters = topics.readAll(deadLetterTopic, 1, Duration.ofSeconds(5)).stream()
                    .map(r -> EventJson.fromBytes(r.value(), JsonNode.class))
                    .filter(j -> j.get("body").asText().contains(prefix)).toList();
        }
        assertEquals(2, letters.size(), "each invalid tap is a dead letter of its own");
        for (JsonNode letter : letters) {
            assertEquals("invalid-tap", letter.get("reason").asText());
            assertEquals("kiosk-bry01-a", letter.get("deviceId").asText());
            assertEquals(letter.get("body").asText().getBytes(StandardCharsets.UTF_8).length,
                    letter.get("bodyBytes").asLong());
        }
    }

    @Test
    void aBatchOfMoreThan500TapsIsRefusedWhole() throws Exception {
        String prefix = "big-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        byte[] body = batch("kiosk-bry01-a", KioskBatch.MAX_TAPS + 1, prefix);
        HttpResponse<String> answer = post(ingest.port(), "/api/v1/kiosk/batches", body,
                signed("kiosk-bry01-a", SECRET, Instant.now().getEpochSecond(), body));
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(Set.of("taps:max-items"), named(EventJson.mapper().readTree(answer.body()).get("violations")));

        byte[] fits = batch("kiosk-bry01-a", KioskBatch.MAX_TAPS, prefix + "ok-");
        HttpResponse<String> full = post(ingest.port(), "/api/v1/kiosk/batches", fits,
                signed("kiosk-bry01-a", SECRET, Instant.now().getEpochSecond(), fits));
        assertEquals(202, full.statusCode(), full.body());
        assertEquals(KioskBatch.MAX_TAPS, EventJson.mapper().readTree(full.body()).get("accepted").asInt());
        assertTrue(topics.readAll(responsesTopic, 0, Duration.ofSeconds(2)).stream()
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(prefix + "0\"")),
                "nothing of the refused batch is counted");
    }

    @Test
    void whenKafkaIsDownClientsGet503WithRetryAfterAndHealthSaysSo(@TempDir Path own) throws Exception {
        ru.otklik.infra.local.KafkaBroker broker = ru.otklik.infra.local.KafkaBroker.start(own);
        try {
            broker.createTopics(1, responsesTopic, deadLetterTopic);
            Path devices = dir.resolve("devices.json");
            try (IngestService service = IngestService.start(config(broker.bootstrapServers(), devices))) {
                assertEquals(202, postForm(service.port(), seekerForm("up-" + UUID.randomUUID()).toString())
                        .statusCode());
                HttpResponse<String> healthy = get(service.port(), "/health");
                assertEquals(200, healthy.statusCode(), healthy.body());
                assertEquals("up", EventJson.mapper().readTree(healthy.body()).get("status").asText());

                broker.stop();
                long started = System.nanoTime();
                HttpResponse<String> answer = postForm(service.port(), seekerForm("down-" + UUID.randomUUID()).toString());
                assertEquals(503, answer.statusCode(), answer.body());
                assertEquals("unavailable", EventJson.mapper().readTree(answer.body()).get("error").asText());
                assertTrue(Integer.parseInt(answer.headers().firstValue("Retry-After").orElse("0")) > 0,
                        "Retry-After in seconds");
                assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 15, "answers promptly");

                byte[] taps = batch("kiosk-bry01-a", 50, "down-" + UUID.randomUUID().toString().substring(0, 8) + "-");
                long batchStarted = System.nanoTime();
                HttpResponse<String> kiosk = post(service.port(), "/api/v1/kiosk/batches", taps,
                        signed("kiosk-bry01-a", SECRET, Instant.now().getEpochSecond(), taps));
                assertEquals(503, kiosk.statusCode(), kiosk.body());
                assertTrue(kiosk.headers().firstValue("Retry-After").isPresent());
                assertTrue(Duration.ofNanos(System.nanoTime() - batchStarted).toSeconds() < 15,
                        "a batch is answered as promptly as one response, not once per tap");

                // a refusal does not wait for its dead letter: 400 at once although Kafka cannot take it
                long refusing = System.nanoTime();
                assertEquals(400, postForm(service.port(), "{").statusCode());
                assertTrue(Duration.ofNanos(System.nanoTime() - refusing).toMillis() < 4_000,
                        "the 400 does not wait for Kafka");

                Thread.sleep(3_100); // past the health cache
                HttpResponse<String> health = get(service.port(), "/health");
                assertEquals(503, health.statusCode(), health.body());

                broker.restart();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int status;
                do {
                    status = postForm(service.port(), seekerForm("back-" + UUID.randomUUID()).toString()).statusCode();
                } while (status != 202 && System.nanoTime() < deadline);
                assertEquals(202, status, "accepts again once Kafka is back");
                byte[] again = batch("kiosk-bry01-a", 3, "back-" + UUID.randomUUID().toString().substring(0, 8) + "-");
                assertEquals(202, post(service.port(), "/api/v1/kiosk/batches", again,
                        signed("kiosk-bry01-a", SECRET, Instant.now().getEpochSecond(), again)).statusCode());
                Thread.sleep(3_100);
                assertEquals(200, get(service.port(), "/health").statusCode());
            }
        } finally {
            broker.close();
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        postForm(ingest.port(), "{");
        assertEquals(202, postForm(ingest.port(), seekerForm("metric-" + UUID.randomUUID()).toString()).statusCode());
        HttpResponse<String> metrics = get(ingest.port(), "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        assertTrue(text.contains("otklik_ingest_rejected_total{endpoint=\"responses\",reason=\"json-syntax\"}"), text);
        assertTrue(text.contains("otklik_ingest_accepted_total{endpoint=\"responses\"}"), text);
        assertTrue(text.contains("otklik_ingest_request_seconds_count{endpoint=\"responses\",status=\"202\"}"), text);
        assertTrue(text.contains("# TYPE otklik_ingest_accepted_total counter"), text);
    }
}
