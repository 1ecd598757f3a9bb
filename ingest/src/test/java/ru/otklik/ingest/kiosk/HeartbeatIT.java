package ru.otklik.ingest.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.ingest.testing.Http;
import ru.otklik.ingest.testing.TopicReader;

/** Kiosk heartbeats over real HTTP into a real Kafka topic: signed like batches, strict, stamped with the office. */
class HeartbeatIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestStack STACK = TestStack.shared();
    private static final String SECRET = KioskSignature.newSecret();
    private static final String STAFF = "staff-" + UUID.randomUUID();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String HEARTBEATS = "heartbeats-" + RUN;
    private static final String DEAD_LETTERS = "dlq-hb-" + RUN;

    @TempDir
    static Path dir;
    private static IngestService ingest;
    private static Http http;
    private static TopicReader topics;

    @BeforeAll
    static void start() throws Exception {
        STACK.kafka().createTopics(3, "responses-hb-" + RUN, DEAD_LETTERS, HEARTBEATS);
        Path devices = dir.resolve("devices.json");
        Files.write(devices, EventJson.toBytes(new KioskDevices(List.of(
                new KioskDevice("kiosk-hb-a", "BRY-01", "entrance", SECRET, false),
                new KioskDevice("kiosk-hb-b", "BRY-01", "hall", SECRET, false),
                new KioskDevice("kiosk-hb-gone", "BRY-01", "hall", SECRET, true)))));
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", "responses-hb-" + RUN);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", DEAD_LETTERS);
        env.put("OTKLIK_HEARTBEATS_TOPIC", HEARTBEATS);
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_KIOSK_DEVICES", devices.toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve("enrolled.json").toString());
        env.put("OTKLIK_STAFF_TOKENS", "anna:" + STAFF);
        ingest = IngestService.start(IngestConfig.load(env));
        http = new Http(ingest.port());
        topics = new TopicReader(STACK.kafka().bootstrapServers());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static byte[] heartbeat(String device, int queue) {
        return ("{\"deviceId\":\"" + device + "\",\"sentTs\":\"" + Instant.now() + "\",\"queueLength\":" + queue
                + ",\"oldestUnsentTs\":\"" + Instant.now().minusSeconds(90) + "\",\"lastSuccessfulSendTs\":null,"
                + "\"agentVersion\":\"it-" + RUN + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHeartbeatStampedNowMinus2To63IsRefusedAsClockSkew() throws Exception {
        // finding 4: Math.abs(now - signedAt) overflowed for signedAt = now - 2^63 and let the request in
        byte[] body = heartbeat("kiosk-hb-a", 3);
        long forged = Instant.now().getEpochSecond() + Long.MIN_VALUE;
        HttpResponse<String> answer = http.post(HeartbeatEndpoint.PATH, body, Map.of(
                KioskSignature.DEVICE_HEADER, "kiosk-hb-a", KioskSignature.TIMESTAMP_HEADER, Long.toString(forged),
                KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(SECRET, forged, body)));
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("clock-skew", EventJson.mapper().readTree(answer.body()).path("reason").asText());
    }

    @Test
    void aHeartbeatFromTheYearMinus999999999IsNamedByField() throws Exception {
        byte[] body = ("{\"deviceId\":\"kiosk-hb-a\",\"sentTs\":\"-999999999-01-01T00:00:00Z\",\"queueLength\":0}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.post(HeartbeatEndpoint.PATH, body, Http.signed("kiosk-hb-a", SECRET, body));
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"field\":\"sentTs\",\"rule\":\"too-old\""), answer.body());
    }

    @Test
    void aSignedHeartbeatIsStoredWithTheDevicesOfficeAndShownAsLastContact() throws Exception {
        byte[] body = heartbeat("kiosk-hb-a", 17);
        Instant before = Instant.now();
        HttpResponse<String> answer = http.post(HeartbeatEndpoint.PATH, body, Http.signed("kiosk-hb-a", SECRET, body));
        assertEquals(204, answer.statusCode(), answer.body());

        List<ConsumerRecord<byte[], byte[]>> stored = topics.readAll(HEARTBEATS, 1, WAIT).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"queueLength\":17")).toList();
        assertEquals(1, stored.size());
        assertEquals("kiosk-hb-a", new String(stored.get(0).key(), StandardCharsets.UTF_8), "keyed by device");
        KioskHeartbeat hb = EventJson.fromBytes(stored.get(0).value(), KioskHeartbeat.class);
        assertEquals("kiosk-hb-a", hb.deviceId());
        assertEquals("BRY-01", hb.officeCode());
        assertEquals("entrance", hb.touchpointId());
        assertEquals(17, hb.queueLength());
        assertEquals("it-" + RUN, hb.agentVersion());
        assertTrue(hb.receivedTs() != null && !hb.receivedTs().isBefore(before.minusSeconds(1)), "stamped by us");

        HttpResponse<String> list = http.get(KioskDevicesEndpoint.PATH, Http.bearer(STAFF));
        assertEquals(200, list.statusCode());
        JsonNode row = null;
        for (JsonNode r : EventJson.mapper().readTree(list.body())) {
            if (r.path("deviceId").asText().equals("kiosk-hb-a")) {
                row = r;
            }
        }
        assertTrue(row != null, list.body());
        assertEquals(17, row.path("lastQueueLength").asInt());
        assertEquals(hb.receivedTs(), Instant.parse(row.path("lastContact").asText()));

    }

    @Test
    void refusalsAreThoseOfBatches() throws Exception {
        byte[] body = heartbeat("kiosk-hb-b", 1);
        long ts = Instant.now().getEpochSecond();
        Map<String, String> forged = Http.signed("kiosk-hb-b", KioskSignature.newSecret(), body);
        Map<String, String> unknown = Http.signed("kiosk-nobody", SECRET, body);
        Map<String, String> old = new HashMap<>(Map.of(KioskSignature.DEVICE_HEADER, "kiosk-hb-b",
                KioskSignature.TIMESTAMP_HEADER, String.valueOf(ts - 3600),
                KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(SECRET, ts - 3600, body)));
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("bad-signature", forged);
        cases.put("unknown-device", unknown);
        cases.put("clock-skew", old);
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            HttpResponse<String> answer = http.post(HeartbeatEndpoint.PATH, body, c.getValue());
            assertEquals(401, answer.statusCode(), c.getKey());
            assertEquals(c.getKey(), EventJson.mapper().readTree(answer.body()).get("reason").asText());
        }
        Map<String, String> once = Http.signed("kiosk-hb-b", SECRET, body);
        assertEquals(204, http.post(HeartbeatEndpoint.PATH, body, once).statusCode());
        HttpResponse<String> replay = http.post(HeartbeatEndpoint.PATH, body, once);
        assertEquals(401, replay.statusCode());
        assertEquals("replay", EventJson.mapper().readTree(replay.body()).get("reason").asText());
        byte[] gone = heartbeat("kiosk-hb-gone", 0);
        HttpResponse<String> revoked = http.post(HeartbeatEndpoint.PATH, gone, Http.signed("kiosk-hb-gone", SECRET, gone));
        assertEquals(403, revoked.statusCode());
        assertEquals("revoked", EventJson.mapper().readTree(revoked.body()).get("reason").asText());
    }

    @Test
    void aMalformedHeartbeatIs400NamingTheFieldAndADeadLetter() throws Exception {
        String marker = "malformed-" + RUN;
        Map<String, List<String>> cases = new LinkedHashMap<>(); // body -> expected field:rule
        cases.put("{\"deviceId\":\"kiosk-hb-b\",\"sentTs\":\"" + Instant.now() + "\",\"queueLength\":-3,"
                + "\"agentVersion\":\"" + marker + "-1\"}", List.of("queueLength:range"));
        cases.put("{\"deviceId\":\"kiosk-hb-a\",\"sentTs\":\"" + Instant.now() + "\",\"queueLength\":0,"
                + "\"agentVersion\":\"" + marker + "-2\"}", List.of("deviceId:device-mismatch"));
        cases.put("{\"deviceId\":\"kiosk-hb-b\",\"sentTs\":\"" + Instant.now() + "\",\"queueLength\":\"many\","
                + "\"officeCode\":\"BRY-02\",\"agentVersion\":\"" + marker + "-3\"}",
                List.of("officeCode:unknown-field", "queueLength:type"));
        cases.put("{\"deviceId\":\"kiosk-hb-b\",\"agentVersion\":\"" + marker + "-4\",", List.of("$:json-syntax"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            byte[] body = c.getKey().getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = http.post(HeartbeatEndpoint.PATH, body, Http.signed("kiosk-hb-b", SECRET, body));
            assertEquals(400, answer.statusCode(), c.getKey());
            List<String> found = new ArrayList<>();
            EventJson.mapper().readTree(answer.body()).path("violations")
                    .forEach(v -> found.add(v.path("field").asText() + ":" + v.path("rule").asText()));
            assertEquals(c.getValue(), found, c.getKey());
        }
        Map<String, JsonNode> letters = new HashMap<>();
        // the writer's whole budget: two attempts, each up to max.block (10 s) plus delivery (20 s)
        long deadline = System.nanoTime() + Duration.ofSeconds(65).toNanos();
        while (letters.size() < cases.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : topics.readAll(DEAD_LETTERS, cases.size(), Duration.ofSeconds(5))) {
                JsonNode letter = EventJson.fromBytes(r.value(), JsonNode.class);
                String letterBody = letter.path("body").asText();
                if (letterBody.contains(marker)) {
                    letters.put(letterBody, letter);
                }
            }
        }
        assertEquals(cases.keySet(), letters.keySet(), "each malformed heartbeat is kept as sent");
        for (JsonNode letter : letters.values()) {
            assertEquals("kiosk-heartbeats", letter.path("endpoint").asText());
            assertEquals(400, letter.path("status").asInt());
            assertEquals("kiosk-hb-b", letter.path("deviceId").asText());
        }
        List<String> stored = topics.readAll(HEARTBEATS, 0, Duration.ofSeconds(2)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertFalse(stored.stream().anyMatch(v -> v.contains(marker)), "nothing malformed reaches the topic");
    }
}
