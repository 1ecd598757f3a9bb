package ru.otklik.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.testing.Http;
import ru.otklik.ingest.testing.LogCapture;

/**
 * Drives every endpoint of ingest, the happy paths and the refusals, with real secrets (staff token,
 * link keys and tokens, enrolment code, device secret, request signatures, the address salt, a
 * respondent's e-mail) and scans everything the service logged meanwhile, DEBUG included: none of
 * them may appear, not even in part.
 */
class LogSecretsIT {

    private static final TestStack STACK = TestStack.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void noSecretTokenOrContactReachesALogLine() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String staff = "staff-" + UUID.randomUUID();
        String linkSecret = LinkKeys.newSecret();
        String salt = "salt-" + UUID.randomUUID();
        String email = "respondent-" + run + "@example.org";
        STACK.kafka().createTopics(3, "responses-logs-" + run, "dlq-logs-" + run);
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", "responses-logs-" + run);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", "dlq-logs-" + run);
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_STAFF_TOKENS", "anna:" + staff);
        env.put("OTKLIK_LINK_KEYS", "k1:" + linkSecret);
        env.put("OTKLIK_ADDRESS_SALT", salt);
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve("contacts").toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve("enrolled.json").toString());
        List<String> secrets = new ArrayList<>(List.of(staff, linkSecret, salt, email));

        try (LogCapture logs = LogCapture.start(); IngestService ingest = IngestService.start(IngestConfig.load(env))) {
            Http http = new Http(ingest.port());
            // links: issue one, view its QR codes and poster, answer it with an e-mail, and the refusals
            HttpResponse<String> issued = http.post("/api/v1/links", "{\"officeCode\":\"BRY-01\",\"surveyId\":\"jc-seeker\","
                    + "\"surveyVersion\":1,\"singleUse\":true,\"validDays\":3,\"employeeId\":\"e-9\"}", Http.bearer(staff));
            assertEquals(201, issued.statusCode(), issued.body());
            String token = EventJson.mapper().readTree(issued.body()).get("token").asText();
            secrets.add(token);
            for (String view : List.of("/qr.svg", "/qr.png", "/poster")) {
                assertEquals(200, http.get("/api/v1/links/" + token + view, Map.of()).statusCode(), view);
            }
            assertEquals(200, http.get("/s/" + token, Map.of()).statusCode());
            assertEquals(400, form(ingest, token, Map.of("Q1", "11", "email", email)).statusCode(), "invalid form");
            assertEquals(400, form(ingest, token, Map.of("Q1", "8", "email", "broken@" + run)).statusCode());
            assertEquals(200, form(ingest, token, Map.of("Q1", "8", "email", email)).statusCode(), "answered");
            assertEquals(409, form(ingest, token, Map.of("Q1", "9")).statusCode(), "single use");
            assertEquals(404, http.get("/s/" + token.substring(0, token.length() - 3) + "xyz", Map.of()).statusCode());
            assertEquals(404, http.get("/api/v1/links/" + token + "x/poster", Map.of()).statusCode());
            assertEquals(415, send(ingest, "/s/" + token, "multipart/form-data; boundary=b",
                    "--b\r\nContent-Disposition: form-data; name=\"Q1\"\r\n\r\n8\r\n--b--\r\n", Map.of()).statusCode());
            assertEquals(401, http.post("/api/v1/links", "{}", Http.bearer(staff + "x")).statusCode());

            // kiosks: a code, an enrolment, a signed batch and heartbeat, the list, a revoke, the refusals
            HttpResponse<String> code = http.post("/api/v1/kiosk/enrolment-codes",
                    "{\"officeCode\":\"BRY-01\",\"touchpointId\":\"hall\",\"ttlHours\":1}", Http.bearer(staff));
            assertEquals(201, code.statusCode(), code.body());
            String enrolmentCode = EventJson.mapper().readTree(code.body()).get("code").asText();
            secrets.add(enrolmentCode);
            HttpResponse<String> enrolled = http.post("/api/v1/kiosk/enrolments", "{\"code\":\"" + enrolmentCode + "\"}",
                    Map.of());
            assertEquals(201, enrolled.statusCode(), enrolled.body());
            JsonNode device = EventJson.mapper().readTree(enrolled.body());
            String deviceId = device.get("deviceId").asText();
            String deviceSecret = device.get("secret").asText();
            secrets.add(deviceSecret);
            assertEquals(409, http.post("/api/v1/kiosk/enrolments", "{\"code\":\"" + enrolmentCode + "\"}", Map.of())
                    .statusCode(), "a spent code");
            byte[] batch = ("{\"taps\":[{\"tapId\":\"logs-" + run + "\",\"deviceId\":\"" + deviceId + "\",\"button\":3,"
                    + "\"clientTs\":\"" + Instant.now() + "\"},{\"tapId\":\"x\",\"deviceId\":\"" + deviceId
                    + "\",\"button\":9}]}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> signed = Http.signed(deviceId, deviceSecret, batch);
            secrets.add(signed.get(KioskSignature.SIGNATURE_HEADER));
            assertEquals(202, http.post("/api/v1/kiosk/batches", batch, signed).statusCode());
            assertEquals(401, http.post("/api/v1/kiosk/batches", batch, signed).statusCode(), "replay");
            byte[] heartbeat = ("{\"deviceId\":\"" + deviceId + "\",\"sentTs\":\"" + Instant.now()
                    + "\",\"queueLength\":0}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> signedHeartbeat = Http.signed(deviceId, deviceSecret, heartbeat);
            secrets.add(signedHeartbeat.get(KioskSignature.SIGNATURE_HEADER));
            assertEquals(204, http.post("/api/v1/kiosk/heartbeats", heartbeat, signedHeartbeat).statusCode());
            Map<String, String> forged = new LinkedHashMap<>(signed);
            forged.put(KioskSignature.SIGNATURE_HEADER, "ab".repeat(32));
            assertEquals(401, http.post("/api/v1/kiosk/batches", heartbeat, forged).statusCode());
            assertEquals(200, http.get("/api/v1/kiosk/devices", Http.bearer(staff)).statusCode());
            assertEquals(401, http.get("/api/v1/kiosk/devices", Http.bearer(staff + "y")).statusCode());
            assertEquals(204, http.post("/api/v1/kiosk/devices/" + deviceId + "/revoke", "", Http.bearer(staff))
                    .statusCode());

            // the public API: a paper form with and without the staff token, a refusal, a 415
            String paper = "{\"responseId\":\"logs-paper-" + run + "\",\"surveyId\":\"jc-seeker\",\"surveyVersion\":1,"
                    + "\"audience\":\"seeker\",\"channel\":\"paper\",\"regionCode\":\"BRY\",\"officeCode\":\"BRY-01\","
                    + "\"clientTs\":\"" + Instant.now() + "\",\"answers\":{\"Q1\":7}}";
            assertEquals(202, http.post("/api/v1/responses", paper, Http.bearer(staff)).statusCode());
            assertEquals(401, http.post("/api/v1/responses", paper, Http.bearer("wrong-" + staff)).statusCode());
            assertEquals(400, http.post("/api/v1/responses", "{\"comment\":\"" + email + "\"}", Map.of()).statusCode());
            assertEquals(415, send(ingest, "/api/v1/responses", "text/plain", paper, Map.of()).statusCode());
            assertEquals(200, http.get("/metrics", Map.of()).statusCode());

            String logged = logs.text();
            assertTrue(logged.contains("event=link_issued") && logged.contains("event=kiosk_enrolled"),
                    "the capture saw the service's lines");
            for (String secret : secrets) {
                // a secret in full, or its first 12 characters (a log line that cut it would still leak it)
                assertTrue(!logged.contains(secret), "logged in full: " + secret);
                assertTrue(!logged.contains(secret.substring(0, 12)), "logged in part: " + secret);
            }
        }
    }

    private static HttpResponse<String> form(IngestService ingest, String token, Map<String, String> fields)
            throws Exception {
        StringBuilder body = new StringBuilder("responseId=" + UUID.randomUUID());
        fields.forEach((k, v) -> body.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(ingest, "/s/" + token, "application/x-www-form-urlencoded", body.toString(), Map.of());
    }

    private static HttpResponse<String> send(IngestService ingest, String path, String type, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
