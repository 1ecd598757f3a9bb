package ru.otklik.ingest.response;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.SurveyLink;
import ru.otklik.ingest.testing.Http;
import ru.otklik.ingest.testing.TopicReader;

/**
 * Every door of ingest stamps its {@code meta.entry}, and only the staff door takes paper (finding 2 of
 * issue 9: the unsigned public endpoint took kiosk taps of any touchpoint).
 */
class EntryDoorsIT {

    private static final TestStack STACK = TestStack.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RESPONSES = "responses-doors-" + RUN;
    private static final String STAFF = "staff-token-" + UUID.randomUUID();
    private static final String SECRET = KioskSignature.newSecret();
    private static final String LINK_KEYS = "k1:" + LinkKeys.newSecret();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static IngestService ingest;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        STACK.kafka().createTopics(3, RESPONSES, "dlq-doors-" + RUN);
        Path devices = dir.resolve("devices.json");
        Files.write(devices, EventJson.toBytes(new KioskDevices(List.of(
                new KioskDevice("kiosk-doors", "BRY-01", "hall", SECRET, false)))));
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", RESPONSES);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", "dlq-doors-" + RUN);
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_STAFF_TOKENS", "anna:" + STAFF);
        env.put("OTKLIK_KIOSK_DEVICES", devices.toString());
        env.put("OTKLIK_LINK_KEYS", LINK_KEYS);
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve("contacts").toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve("enrolled.json").toString());
        ingest = IngestService.start(IngestConfig.load(env));
        http = new Http(ingest.port());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static ObjectNode form(String id, String channel) {
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", id);
        form.put("surveyId", "jc-seeker");
        form.put("surveyVersion", 1);
        form.put("audience", "seeker");
        form.put("channel", channel);
        form.put("regionCode", "BRY");
        form.put("officeCode", "BRY-01");
        form.put("clientTs", Instant.now().minusSeconds(30).toString());
        form.putObject("answers").put("Q1", 9);
        return form;
    }

    private static JsonNode body(HttpResponse<String> answer) throws Exception {
        return EventJson.mapper().readTree(answer.body());
    }

    @Test
    void paperNeedsAStaffTokenWithANamedReason() throws Exception {
        HttpResponse<String> none = http.post("/api/v1/responses", form("paper-none-" + RUN, "paper").toString(),
                Map.of());
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("missing-staff-token", body(none).path("reason").asText());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> wrong = http.post("/api/v1/responses", form("paper-wrong-" + RUN, "paper").toString(),
                Http.bearer("not-" + STAFF));
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("bad-staff-token", body(wrong).path("reason").asText());
        ObjectNode kioskOnPaper = form("paper-kiosk-" + RUN, "paper");
        kioskOnPaper.put("surveyId", "kiosk-quick");
        kioskOnPaper.put("audience", "visitor");
        kioskOnPaper.putObject("answers").put("K1", 4);
        HttpResponse<String> kiosk = http.post("/api/v1/responses", kioskOnPaper.toString(), Http.bearer(STAFF));
        assertEquals(400, kiosk.statusCode(), kiosk.body());
        assertTrue(kiosk.body().contains("\"field\":\"surveyId\",\"rule\":\"entry-survey\""), kiosk.body());
    }

    @Test
    void eachDoorMarksWhatItAccepted() throws Exception {
        String api = "door-api-" + RUN;
        String paper = "door-paper-" + RUN;
        String tap = "door-kiosk-" + RUN;
        String web = "door-web-" + RUN;
        assertEquals(202, http.post("/api/v1/responses", form(api, "link").toString(), Map.of()).statusCode());
        ObjectNode paperForm = form(paper, "paper");
        paperForm.put("touchpointId", "desk-3"); // staff typing in a paper form may say where it was filled in
        HttpResponse<String> typed = http.post("/api/v1/responses", paperForm.toString(), Http.bearer(STAFF));
        assertEquals(202, typed.statusCode(), typed.body());
        byte[] batch = ("{\"taps\":[{\"tapId\":\"" + tap + "\",\"deviceId\":\"kiosk-doors\",\"button\":4,\"clientTs\":\""
                + Instant.now().minusSeconds(5) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(202, http.post("/api/v1/kiosk/batches", batch, Http.signed("kiosk-doors", SECRET, batch))
                .statusCode());
        String token = new LinkToken(LinkKeys.parse(LINK_KEYS), Clock.systemUTC()).sign(new SurveyLink(
                SurveyLink.newLinkId(), "BRY", "BRY-01", "desk-7", "e-17", "jc-seeker", 1, false,
                Instant.now().plus(Duration.ofDays(1))));
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port()
                        + "/s/" + token)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("responseId=" + web + "&Q1=8")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());

        Map<String, SurveyResponse> seen = new HashMap<>();
        TopicReader reader = new TopicReader(STACK.kafka().bootstrapServers());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < 4 && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : reader.readAll(RESPONSES, 0, Duration.ofSeconds(2))) {
                SurveyResponse response = EventJson.fromBytes(r.value(), SurveyResponse.class);
                if (List.of(api, paper, tap, web).contains(response.responseId())) {
                    seen.put(response.responseId(), response);
                }
            }
        }
        assertEquals("api", seen.get(api).meta().entry());
        assertEquals("paper", seen.get(paper).meta().entry());
        assertEquals(Channel.PAPER, seen.get(paper).channel());
        assertEquals("desk-3", seen.get(paper).touchpointId());
        assertEquals("kiosk", seen.get(tap).meta().entry());
        assertEquals(Channel.KIOSK, seen.get(tap).channel());
        assertEquals("questionnaire", seen.get(web).meta().entry());
        assertEquals("e-17", seen.get(web).employeeId(), "the binding of a signed link");
    }
}
