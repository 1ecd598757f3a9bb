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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.kiosk.KioskEnrolment;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.ingest.kiosk.EnrolmentState.IssuedCode;
import ru.otklik.ingest.testing.Http;
import ru.otklik.ingest.testing.TopicReader;

/**
 * Kiosk enrolment against the running service and a real Kafka: staff issue a code, a kiosk trades
 * it for its credentials, its batches count for the code's office, across restarts, until revoked.
 */
class KioskEnrolmentIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestStack STACK = TestStack.shared();
    private static final String STAFF = "staff-" + UUID.randomUUID();
    private static final String STATIC_SECRET = KioskSignature.newSecret();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RESPONSES = "responses-enrol-" + RUN;
    private static final String DEAD_LETTERS = "dlq-enrol-" + RUN;
    private static final String HEARTBEATS = "heartbeats-enrol-" + RUN;
    /** Seeded straight into the file, already expired: the service must refuse it. */
    private static final String EXPIRED_CODE = EnrolmentCode.newCode();

    @TempDir
    static Path dir;
    private static IngestConfig config;
    private static TopicReader topics;
    private IngestService ingest;

    @BeforeAll
    static void prepare() throws Exception {
        STACK.kafka().createTopics(3, RESPONSES, DEAD_LETTERS, HEARTBEATS);
        Path devices = dir.resolve("devices.json");
        Files.write(devices, EventJson.toBytes(new KioskDevices(List.of(
                new KioskDevice("kiosk-bry01-static", "BRY-01", "hall", STATIC_SECRET, false)))));
        Path enrolled = dir.resolve("state").resolve("kiosk-enrolled.json");
        Instant past = Instant.now().minus(Duration.ofHours(2));
        new EnrolmentFile(enrolled).write(new EnrolmentState(List.of(new IssuedCode(
                EnrolmentCode.hash(EnrolmentCode.normalised(EXPIRED_CODE).orElseThrow()), "BRY", "BRY-01", "hall",
                past.minus(Duration.ofHours(1)), past, null, null)), List.of(), List.of()));
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", RESPONSES);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", DEAD_LETTERS);
        env.put("OTKLIK_HEARTBEATS_TOPIC", HEARTBEATS);
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_KIOSK_DEVICES", devices.toString());
        env.put("OTKLIK_KIOSK_ENROLLED", enrolled.toString());
        env.put("OTKLIK_STAFF_TOKENS", "anna:" + STAFF);
        config = IngestConfig.load(env);
        topics = new TopicReader(STACK.kafka().bootstrapServers());
    }

    @AfterEach
    void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private Http http() {
        return new Http(ingest.port());
    }

    private HttpResponse<String> issue(String body, Map<String, String> headers) throws Exception {
        return http().post(KioskEnrolmentEndpoint.CODES_PATH, body, headers);
    }

    private HttpResponse<String> enrol(String code) throws Exception {
        return http().post(KioskEnrolmentEndpoint.ENROLMENTS_PATH, "{\"code\":\"" + code + "\"}", Map.of());
    }

    private HttpResponse<String> sendBatch(KioskEnrolment device, String prefix, int taps) throws Exception {
        byte[] body = Http.batch(device.deviceId(), taps, prefix);
        return http().post("/api/v1/kiosk/batches", body, Http.signed(device.deviceId(), device.secret(), body));
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return EventJson.mapper().readTree(answer.body());
    }

    private static List<String> violations(HttpResponse<String> answer) throws Exception {
        List<String> found = new ArrayList<>();
        json(answer).path("violations").forEach(v -> found.add(v.path("field").asText() + ":" + v.path("rule").asText()));
        return found;
    }

    private static List<JsonNode> responsesWith(String prefix, int expected) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : topics.readAll(RESPONSES, expected, WAIT)) {
            JsonNode value = EventJson.fromBytes(r.value(), JsonNode.class);
            if (value.path("responseId").asText().startsWith(prefix)) {
                assertEquals(value.path("officeCode").asText(), new String(r.key(), StandardCharsets.UTF_8));
                found.add(value);
            }
        }
        return found;
    }

    @Test
    void aCodeEnrolsAKioskWhoseTapsCountForTheCodesOfficeUntilItIsRevoked() throws Exception {
        ingest = IngestService.start(config);
        // staff only
        assertEquals(401, issue("{\"officeCode\":\"BRY-02\",\"touchpointId\":\"hall-2\"}", Map.of()).statusCode());
        assertEquals(401, issue("{\"officeCode\":\"BRY-02\",\"touchpointId\":\"hall-2\"}",
                Http.bearer("staff-not-a-real-token")).statusCode());
        HttpResponse<String> bad = issue("{\"officeCode\":\"XXX-99\",\"touchpointId\":\"hall 2\",\"ttlHours\":0,"
                + "\"x\":1}", Http.bearer(STAFF));
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(List.of("x:unknown-field", "officeCode:unknown-office", "touchpointId:format", "ttlHours:range"),
                violations(bad));

        Instant before = Instant.now();
        HttpResponse<String> issued = issue("{\"officeCode\":\"BRY-02\",\"touchpointId\":\"hall-2\"}",
                Http.bearer(STAFF));
        assertEquals(201, issued.statusCode(), issued.body());
        String code = json(issued).get("code").asText();
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
        assertEquals("BRY-02", json(issued).get("officeCode").asText());
        assertEquals("hall-2", json(issued).get("touchpointId").asText());
        Instant expires = Instant.parse(json(issued).get("expiresAt").asText());
        assertFalse(expires.isBefore(before.plus(Duration.ofHours(72))), "72 hours by default: " + expires);
        assertFalse(Files.readString(config.enrolledFile()).contains(code.replace("-", "")), "the file has no code");

        // typed by a person: lower case, no hyphens
        HttpResponse<String> enrolled = enrol(code.replace("-", "").toLowerCase());
        assertEquals(201, enrolled.statusCode(), enrolled.body());
        KioskEnrolment device = EventJson.mapper().readValue(enrolled.body(), KioskEnrolment.class);
        assertTrue(device.deviceId().matches("k-bry-02-[0-9a-z]{8}"), device.deviceId());
        assertEquals(32, Base64.getDecoder().decode(device.secret()).length);
        assertEquals(OfficeDirectory.pilot().office("BRY-02").orElseThrow().regionCode(), device.regionCode());
        assertEquals("BRY-02", device.officeCode());
        assertEquals("hall-2", device.touchpointId());

        HttpResponse<String> again = enrol(code);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals(List.of("code:code-used"), violations(again));

        String prefix = "enrolled-" + RUN + "-a-";
        HttpResponse<String> accepted = sendBatch(device, prefix, 3);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(3, json(accepted).get("accepted").asInt());
        List<JsonNode> taps = responsesWith(prefix, 3);
        assertEquals(3, taps.size(), "every tap is counted once");
        for (JsonNode tap : taps) {
            assertEquals("BRY-02", tap.path("officeCode").asText());
            assertEquals(device.regionCode(), tap.path("regionCode").asText());
            assertEquals("hall-2", tap.path("touchpointId").asText());
            assertEquals("kiosk", tap.path("channel").asText());
            assertTrue(tap.path("meta").path("ipHash").asText().matches("[0-9a-f]{64}"), tap.toString());
            assertTrue(tap.path("meta").path("fillMillis").isMissingNode(), "a tap has no fill time");
        }

        JsonNode listed = deviceRow(device.deviceId());
        assertTrue(listed.path("enrolled").asBoolean());
        assertFalse(listed.path("revoked").asBoolean());
        assertEquals("BRY-02", listed.path("officeCode").asText());
        assertFalse(listed.path("lastContact").isNull(), "the batch is a contact: " + listed);
        assertTrue(listed.has("lastQueueLength") && listed.path("lastQueueLength").isNull(), "no heartbeat yet");
        JsonNode fromFile = deviceRow("kiosk-bry01-static");
        assertFalse(fromFile.path("enrolled").asBoolean());
        assertTrue(fromFile.path("lastContact").isNull());
        assertEquals(401, http().get(KioskDevicesEndpoint.PATH, Map.of()).statusCode());

        // a restart with the same file: the device is still known, the code still spent
        ingest.close();
        ingest = IngestService.start(config);
        String afterRestart = "enrolled-" + RUN + "-b-";
        HttpResponse<String> stillAccepted = sendBatch(device, afterRestart, 1);
        assertEquals(202, stillAccepted.statusCode(), stillAccepted.body());
        assertEquals(1, responsesWith(afterRestart, 1).size());
        assertEquals(409, enrol(code).statusCode());

        // revoked: batches and heartbeats are 403, also after the next restart
        assertEquals(401, http().post("/api/v1/kiosk/devices/" + device.deviceId() + "/revoke", "", Map.of())
                .statusCode());
        assertEquals(404, http().post("/api/v1/kiosk/devices/k-nobody/revoke", "", Http.bearer(STAFF)).statusCode());
        assertEquals(204, http().post("/api/v1/kiosk/devices/" + device.deviceId() + "/revoke", "",
                Http.bearer(STAFF)).statusCode());
        HttpResponse<String> refused = sendBatch(device, "enrolled-" + RUN + "-c-", 1);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("revoked", json(refused).get("reason").asText());
        byte[] heartbeat = ("{\"deviceId\":\"" + device.deviceId() + "\",\"sentTs\":\"" + Instant.now()
                + "\",\"queueLength\":0}").getBytes(StandardCharsets.UTF_8);
        assertEquals(403, http().post(HeartbeatEndpoint.PATH, heartbeat,
                Http.signed(device.deviceId(), device.secret(), heartbeat)).statusCode());
        assertTrue(deviceRow(device.deviceId()).path("revoked").asBoolean());

        ingest.close();
        ingest = IngestService.start(config);
        assertEquals(403, sendBatch(device, "enrolled-" + RUN + "-d-", 1).statusCode());
        assertTrue(responsesWith("enrolled-" + RUN + "-c-", 0).isEmpty()
                && responsesWith("enrolled-" + RUN + "-d-", 0).isEmpty(), "no tap of a revoked kiosk is counted");
    }

    @Test
    void unknownExpiredAndMalformedCodesAreRefusedAndKeptWithoutTheCode() throws Exception {
        ingest = IngestService.start(config);
        HttpResponse<String> expired = enrol(EXPIRED_CODE);
        assertEquals(403, expired.statusCode(), expired.body());
        assertEquals(List.of("code:unknown-or-expired"), violations(expired));
        String unknown = EnrolmentCode.newCode();
        HttpResponse<String> never = enrol(unknown);
        assertEquals(403, never.statusCode());
        assertEquals(List.of("code:unknown-or-expired"), violations(never));
        HttpResponse<String> malformed = enrol("ABCD-EFGH");
        assertEquals(400, malformed.statusCode());
        assertEquals(List.of("code:format"), violations(malformed));
        HttpResponse<String> wrongType = http().post(KioskEnrolmentEndpoint.ENROLMENTS_PATH, "{\"code\":5,\"y\":1}",
                Map.of());
        assertEquals(400, wrongType.statusCode());
        assertEquals(List.of("y:unknown-field", "code:type"), violations(wrongType));

        List<JsonNode> letters = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (letters.size() < 4 && System.nanoTime() < deadline) {
            letters.clear();
            for (ConsumerRecord<byte[], byte[]> r : topics.readAll(DEAD_LETTERS, 4, Duration.ofSeconds(5))) {
                JsonNode letter = EventJson.fromBytes(r.value(), JsonNode.class);
                if (letter.path("endpoint").asText().equals("kiosk-enrolments")) {
                    letters.add(letter);
                }
            }
        }
        assertTrue(letters.size() >= 4, "every refusal is a dead letter: " + letters);
        for (JsonNode letter : letters) {
            String body = letter.path("body").asText();
            assertFalse(body.contains(unknown) || body.contains(EXPIRED_CODE), "no code in a dead letter: " + body);
        }
        assertTrue(letters.stream().anyMatch(l -> l.path("status").asInt() == 403
                && l.path("reason").asText().equals("unknown-or-expired")));
    }

    private JsonNode deviceRow(String deviceId) throws Exception {
        HttpResponse<String> list = http().get(KioskDevicesEndpoint.PATH, Http.bearer(STAFF));
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode row : json(list)) {
            if (row.path("deviceId").asText().equals(deviceId)) {
                return row;
            }
        }
        throw new AssertionError(deviceId + " is not listed: " + list.body());
    }
}
