package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;

/** The agent's localhost HTTP face: UI files, /ui-config, /tap with its reason follow-up, /status. */
class LocalEndpointTest {

    private static final String DEVICE = "k-ep-1";

    @TempDir
    Path dir;

    private final String secret = KioskSignature.newSecret();

    @Test
    void servesTheUiAndItsConfigFromTheCatalogAndNothingElse() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             InProcessAgent agent = InProcessAgent.start(ingest, DEVICE, secret, dir, 8_000)) {
            HttpResponse<String> page = agent.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html lang=\"ru\">"));
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals(200, agent.get("/kiosk.js").statusCode());
            assertEquals(200, agent.get("/kiosk.css").statusCode());
            assertEquals(404, agent.get("/nope.js").statusCode());
            assertEquals(404, agent.get("/../kiosk-ui/index.html").statusCode());
            assertEquals(404, agent.get("/config.json").statusCode(), "only html, css and js files");

            JsonNode config = EventJson.mapper().readTree(agent.get("/ui-config").body());
            assertEquals(8_000, config.path("idleMs").asLong());
            assertEquals("Насколько вы довольны сегодняшним визитом?", config.path("question").path("ru").asText());
            assertEquals("How satisfied are you with your visit today?", config.path("question").path("en").asText());
            assertEquals("What was the main reason?", config.path("reasonQuestion").path("en").asText());
            assertEquals(7, config.path("reasons").size());
            JsonNode first = config.path("reasons").get(0);
            assertEquals("waiting_time", first.path("code").asText());
            assertEquals("Время ожидания", first.path("ru").asText());
            assertEquals("Waiting time", first.path("en").asText());
            for (JsonNode r : config.path("reasons")) {
                assertTrue(!r.path("en").asText().equals(r.path("code").asText()), "every reason has a label: " + r);
            }
        }
    }

    @Test
    void aReasonIsMergedIntoItsTapWhichReachesIngestOnceWithIt() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             InProcessAgent agent = InProcessAgent.start(ingest, DEVICE, secret, dir, 8_000)) {
            String tapId = EventJson.mapper().readTree(agent.post("/tap", "{\"button\":2}").body())
                    .path("tapId").asText();
            assertEquals(400, agent.post("/tap/" + tapId + "/reason", "{\"reason\":\"weather\"}").statusCode());
            assertEquals(400, agent.post("/tap/" + tapId + "/reason", "not json").statusCode());
            assertEquals(409, agent.post("/tap/unknown-tap/reason", "{\"reason\":\"other\"}").statusCode());
            assertEquals(204, agent.post("/tap/" + tapId + "/reason", "{\"reason\":\"waiting_time\"}").statusCode());
            HttpResponse<String> again = agent.post("/tap/" + tapId + "/reason", "{\"reason\":\"other\"}");
            assertEquals(409, again.statusCode());
            assertTrue(again.body().contains("already_has_reason"), again.body());

            TestIngest.await("the tap at ingest", 10_000, () -> !ingest.accepted.isEmpty());
            TestIngest.await("the queue drained", 10_000, () -> agent.status().path("queueLength").asInt(-1) == 0);
            List<KioskTap> received = ingest.accepted;
            assertEquals(1, received.size(), "one tap, counted once");
            assertEquals(tapId, received.get(0).tapId());
            assertEquals("waiting_time", received.get(0).reason());
            assertEquals(409, agent.post("/tap/" + tapId + "/reason", "{\"reason\":\"other\"}").statusCode(),
                    "already sent");
        }
    }

    @Test
    void aCommentIsHeldForWhileWrittenAndReachesIngestWithItsTap() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             InProcessAgent agent = InProcessAgent.start(ingest, DEVICE, secret, dir, 8_000)) {
            String tapId = EventJson.mapper().readTree(agent.post("/tap", "{\"button\":1}").body())
                    .path("tapId").asText();
            assertEquals(204, agent.post("/tap/" + tapId + "/writing", "").statusCode());
            assertEquals(409, agent.post("/tap/unknown-tap/writing", "").statusCode());
            assertEquals(400, agent.post("/tap/" + tapId + "/reason", "{\"comment\":\"" + "я".repeat(4_001) + "\"}")
                    .statusCode(), "at most 4,000 characters");
            assertEquals(400, agent.post("/tap/" + tapId + "/reason", "{\"comment\":\"   \"}").statusCode(),
                    "a blank comment and no reason is no follow-up");
            assertEquals(400, agent.post("/tap/" + tapId + "/reason", "{\"comment\":7}").statusCode());
            assertEquals(204, agent.post("/tap/" + tapId + "/reason",
                    "{\"reason\":\"staff_attitude\",\"comment\":\"" + "я".repeat(4_000) + "\"}").statusCode());
            TestIngest.await("the tap at ingest", 10_000, () -> !ingest.accepted.isEmpty());
            assertEquals(1, ingest.accepted.size());
            assertEquals("staff_attitude", ingest.accepted.get(0).reason());
            assertEquals(4_000, ingest.accepted.get(0).comment().length(), "a full comment of Cyrillic text arrives whole");
        }
    }

    @Test
    void statusReportsTheDeviceQueueAndSuppressedPresses() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             InProcessAgent agent = InProcessAgent.start(ingest, DEVICE, secret, dir, 8_000)) {
            ingest.status.set(503);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, agent.post("/tap", "{\"button\":1}").statusCode());
            }
            JsonNode status = agent.status();
            assertEquals(DEVICE, status.path("deviceId").asText());
            assertEquals(1, status.path("queueLength").asInt());
            assertEquals(2, status.path("suppressedPresses").asInt(), status.toString());
            assertTrue(status.has("oldestUnsentAgeSeconds") && status.path("oldestUnsentAgeSeconds").isNumber());
            assertTrue(status.path("lastSuccessfulSend").isNull());
            assertTrue(status.path("lastError").isNull(), "held for its reason: nothing was tried yet");
        }
    }
}
