package ru.otklik.ingest.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;

class HeartbeatReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:01:00Z");

    private static Validated<KioskHeartbeat> read(String json) throws Exception {
        return HeartbeatReader.read(EventJson.mapper().readTree(json), "k-1", NOW);
    }

    private static List<String> fieldsAndRules(String json) throws Exception {
        Validated<KioskHeartbeat> read = read(json);
        assertTrue(!read.isValid(), json);
        return read.violations().stream().map(v -> v.field() + ":" + v.rule()).toList();
    }

    @Test
    void theAgentsHeartbeatIsRead() throws Exception {
        KioskHeartbeat hb = read("{\"deviceId\":\"k-1\",\"sentTs\":\"2026-11-27T09:00:00Z\",\"queueLength\":3,"
                + "\"oldestUnsentTs\":\"2026-11-27T08:59:00Z\",\"lastSuccessfulSendTs\":null,\"agentVersion\":\"1.2.0\"}")
                .value();
        assertEquals(new KioskHeartbeat("k-1", Instant.parse("2026-11-27T09:00:00Z"), 3,
                Instant.parse("2026-11-27T08:59:00Z"), null, "1.2.0", null, null, null), hb);
        // what the agent itself writes is read back as it was
        KioskHeartbeat sent = new KioskHeartbeat("k-1", Instant.parse("2026-11-27T09:00:00Z"), 0, null, null, "dev",
                null, null, null);
        JsonNode json = EventJson.mapper().readTree(EventJson.toBytes(sent));
        assertEquals(sent, HeartbeatReader.read(json, "k-1", NOW).value());
        assertNull(HeartbeatReader.read(json, "k-1", NOW).value().receivedTs());
    }

    @Test
    void everyProblemIsNamedByField() throws Exception {
        assertEquals(List.of("receivedTs:unknown-field", "queueLength:range"), fieldsAndRules(
                "{\"deviceId\":\"k-1\",\"sentTs\":\"2026-11-27T09:00:00Z\",\"queueLength\":-1,"
                        + "\"receivedTs\":\"2026-11-27T09:00:00Z\"}"));
        assertEquals(List.of("deviceId:device-mismatch"), fieldsAndRules(
                "{\"deviceId\":\"k-2\",\"sentTs\":\"2026-11-27T09:00:00Z\",\"queueLength\":0}"));
        assertEquals(List.of("deviceId:required", "sentTs:format", "queueLength:type", "agentVersion:type"),
                fieldsAndRules("{\"sentTs\":\"yesterday\",\"queueLength\":\"3\",\"agentVersion\":7}"));
        assertEquals(List.of("sentTs:required", "queueLength:required", "oldestUnsentTs:type"),
                fieldsAndRules("{\"deviceId\":\"k-1\",\"oldestUnsentTs\":5}"));
        List<Violation> notAnObject = read("[1]").violations();
        assertEquals("$", notAnObject.get(0).field());
    }

    @Test
    void everyTimeIsAPlausibleClock() throws Exception {
        // finding 4's companion: a heartbeat's times are client clocks like a tap's
        assertEquals(List.of("sentTs:too-old", "oldestUnsentTs:future"), fieldsAndRules(
                "{\"deviceId\":\"k-1\",\"sentTs\":\"-999999999-01-01T00:00:00Z\",\"queueLength\":1,"
                        + "\"oldestUnsentTs\":\"+999999999-01-01T00:00:00Z\"}"));
        assertEquals(List.of("lastSuccessfulSendTs:too-old"), fieldsAndRules(
                "{\"deviceId\":\"k-1\",\"sentTs\":\"2026-11-27T09:00:00Z\",\"queueLength\":0,"
                        + "\"lastSuccessfulSendTs\":\"1900-01-01T00:00:00Z\"}"));
        // a last success or an oldest unsent tap months ago is news, not a broken clock
        assertTrue(read("{\"deviceId\":\"k-1\",\"sentTs\":\"2026-11-27T09:00:00Z\",\"queueLength\":9,"
                + "\"oldestUnsentTs\":\"2026-06-01T00:00:00Z\",\"lastSuccessfulSendTs\":\"2026-06-01T00:00:00Z\"}")
                .isValid());
    }
}
