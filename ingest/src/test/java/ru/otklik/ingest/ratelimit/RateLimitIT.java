package ru.otklik.ingest.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.ingest.deadletter.DeadLetter;
import ru.otklik.ingest.testing.TopicReader;

/**
 * Rate limits over real HTTP: two services, one with a tiny per-IP limit, one with a tiny
 * per-device limit (the refill is slow so a slow test machine cannot earn a token mid-test).
 */
class RateLimitIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestStack STACK = TestStack.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String deadLetterTopic;
    private static IngestService ipLimited;
    private static IngestService deviceLimited;
    private static TopicReader topics;

    @BeforeAll
    static void start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String responsesTopic = "responses-" + run;
        deadLetterTopic = "dlq-" + run;
        STACK.kafka().createTopics(1, responsesTopic, deadLetterTopic);
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", responsesTopic);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", deadLetterTopic);
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        Map<String, String> tinyIp = new HashMap<>(env);
        tinyIp.put("OTKLIK_RATE_LIMIT_IP_PER_SECOND", "0.2");
        tinyIp.put("OTKLIK_RATE_LIMIT_IP_BURST", "3");
        ipLimited = IngestService.start(IngestConfig.load(tinyIp));
        Map<String, String> tinyDevice = new HashMap<>(env);
        tinyDevice.put("OTKLIK_RATE_LIMIT_DEVICE_PER_SECOND", "0.1");
        tinyDevice.put("OTKLIK_RATE_LIMIT_DEVICE_BURST", "2");
        deviceLimited = IngestService.start(IngestConfig.load(tinyDevice));
        topics = new TopicReader(STACK.kafka().bootstrapServers());
    }

    @AfterAll
    static void stop() {
        ipLimited.close();
        deviceLimited.close();
    }

    private static HttpResponse<String> send(IngestService service, String method, String path, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRateLimited(HttpResponse<String> answer, long maxRetryAfter) throws Exception {
        assertEquals(429, answer.statusCode(), answer.body());
        long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= maxRetryAfter, "Retry-After " + retryAfter);
        assertEquals("rate-limited", EventJson.mapper().readTree(answer.body()).get("error").asText());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    private static List<DeadLetter> rateLimitedLetters(String endpoint, int atLeast) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<DeadLetter> found;
        do {
            found = topics.readAll(deadLetterTopic, 1, Duration.ofSeconds(5)).stream()
                    .map(r -> EventJson.fromBytes(r.value(), DeadLetter.class))
                    .filter(l -> l.reason().equals("rate-limited") && l.endpoint().equals(endpoint)).toList();
        } while (found.size() < atLeast && System.nanoTime() < deadline);
        return found;
    }

    @Test
    void theRequestAfterTheBurstOfOneIpIs429WithRetryAfterAndADeadLetter() throws Exception {
        for (int i = 0; i < 3; i++) { // an empty object is refused at once, no Kafka round trip needed
            assertEquals(400, send(ipLimited, "POST", "/api/v1/responses", "{}", Map.of()).statusCode(),
                    "request " + i + " is within the burst");
        }
        HttpResponse<String> fourth = send(ipLimited, "POST", "/api/v1/responses", "{\"marker\":1}", Map.of());
        assertRateLimited(fourth, 5);

        // the bucket is the client's, shared by every limited endpoint
        assertRateLimited(send(ipLimited, "POST", "/api/v1/links", "{}", Map.of()), 10);
        assertRateLimited(send(ipLimited, "POST", "/s/some-token", "", Map.of()), 15);
        assertRateLimited(send(ipLimited, "POST", "/api/v1/kiosk/batches", "{}",
                Map.of(KioskSignature.DEVICE_HEADER, "kiosk-any")), 20);
        // reading is not limited
        assertNotEquals(429, send(ipLimited, "GET", "/health", null, Map.of()).statusCode());

        List<DeadLetter> letters = rateLimitedLetters("responses", 1);
        assertEquals(1, letters.size(), "one dead letter for the one refused response");
        DeadLetter letter = letters.get(0);
        assertEquals(429, letter.status());
        assertEquals("", letter.body(), "the body of a limited request is not read");
        assertTrue(!letter.remoteAddressHash().isEmpty(), "the sender is recorded, hashed");
        assertEquals(1, rateLimitedLetters("links", 1).size());
        assertEquals(1, rateLimitedLetters("questionnaire", 1).size());
        assertEquals(1, rateLimitedLetters("kiosk-batches", 1).stream()
                .filter(l -> "kiosk-any".equals(l.deviceId())).count(), "the device id is kept");
    }

    @Test
    void kioskBatchesAreLimitedPerDevice() throws Exception {
        String device = "kiosk-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> headers = Map.of(KioskSignature.DEVICE_HEADER, device);
        for (int i = 0; i < 2; i++) { // an unknown, unsigned device: refused by authentication, after the limit
            assertEquals(401, send(deviceLimited, "POST", "/api/v1/kiosk/batches", "{\"taps\":[]}", headers)
                    .statusCode(), "batch " + i + " is within the device's burst");
        }
        assertRateLimited(send(deviceLimited, "POST", "/api/v1/kiosk/batches", "{\"taps\":[]}", headers), 10);

        // another device from the same address still has its own tokens
        assertEquals(401, send(deviceLimited, "POST", "/api/v1/kiosk/batches", "{\"taps\":[]}",
                Map.of(KioskSignature.DEVICE_HEADER, device + "-other")).statusCode());
        // and the device limit does not touch the other endpoints
        assertEquals(400, send(deviceLimited, "POST", "/api/v1/responses", "{}", Map.of()).statusCode());

        List<DeadLetter> letters = rateLimitedLetters("kiosk-batches", 1).stream()
                .filter(l -> device.equals(l.deviceId())).toList();
        assertEquals(1, letters.size());
        assertEquals(429, letters.get(0).status());
    }
}
