package ru.otklik.ingest.deadletter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.metrics.IngestMetrics;

class DeadLetterWriterTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final IngestMetrics metrics = new IngestMetrics();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final DeadLetterWriter writer = new DeadLetterWriter((key, envelope) -> {
        keys.add(key);
        sent.add(envelope);
        return CompletableFuture.completedFuture(null);
    }, metrics, clock, "salt-1");

    @Test
    void theEnvelopeKeepsWhyWhenWhereAndTheBody() throws Exception {
        byte[] body = "{\"responseId\":\"не-так\"}".getBytes(StandardCharsets.UTF_8);
        writer.write("responses", 400, "invalid", List.of(new Violation("responseId", "format", "must match")),
                new RequestBody(body, body.length, false), "10.1.2.3", null).join();

        assertEquals(1, sent.size());
        assertNull(keys.get(0));
        JsonNode letter = EventJson.mapper().readTree(sent.get(0));
        assertEquals(Set.of("receivedTs", "endpoint", "status", "reason", "violations", "bodyBytes", "bodyTruncated",
                "body", "remoteAddressHash"), fieldNames(letter), "no deviceId field when there is none");
        assertEquals("2026-05-04T10:00:00Z", letter.get("receivedTs").asText());
        assertEquals("responses", letter.get("endpoint").asText());
        assertEquals(400, letter.get("status").asInt());
        assertEquals("invalid", letter.get("reason").asText());
        assertEquals("responseId", letter.get("violations").get(0).get("field").asText());
        assertEquals("format", letter.get("violations").get(0).get("rule").asText());
        assertEquals(body.length, letter.get("bodyBytes").asLong());
        assertEquals("{\"responseId\":\"не-так\"}", letter.get("body").asText(), "the body as UTF-8 text");
        assertFalse(letter.get("bodyTruncated").asBoolean());
        assertEquals(sha256("salt-1" + "10.1.2.3"), letter.get("remoteAddressHash").asText());
        assertFalse(new String(sent.get(0), StandardCharsets.UTF_8).contains("10.1.2.3"), "never the address itself");
        assertTrue(writerMetrics().contains("otklik_ingest_rejected_total{endpoint=\"responses\",reason=\"invalid\"} 1.0"),
                writerMetrics());
    }

    @Test
    void aCutBodyKeepsItsAnnouncedSizeAndAKioskItsDeviceAsKey() throws Exception {
        byte[] cut = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        writer.write("kiosk-batches", 413, "max-size", List.of(new Violation("$", "max-size", "too big")),
                new RequestBody(cut, 5_000_000, true), "10.1.2.3", "kiosk-7").join();
        JsonNode letter = EventJson.mapper().readTree(sent.get(0));
        assertEquals("kiosk-7", keys.get(0));
        assertEquals("kiosk-7", letter.get("deviceId").asText());
        assertEquals(5_000_000, letter.get("bodyBytes").asLong());
        assertTrue(letter.get("bodyTruncated").asBoolean());
        assertEquals(100, letter.get("body").asText().length());
    }

    @Test
    void addressHashesAreStablePerSaltAndDifferBetweenSalts() {
        DeadLetterWriter other = new DeadLetterWriter((k, e) -> CompletableFuture.completedFuture(null), metrics, clock,
                "salt-2");
        assertEquals(writer.hash("10.0.0.1"), writer.hash("10.0.0.1"));
        assertNotEquals(writer.hash("10.0.0.1"), writer.hash("10.0.0.2"));
        assertNotEquals(writer.hash("10.0.0.1"), other.hash("10.0.0.1"));
        assertEquals(64, writer.hash("10.0.0.1").length());
        assertEquals("", writer.hash(null));
    }

    @Test
    void aFailedDeadLetterNeverFailsTheRefusal() {
        DeadLetterWriter failingLater = new DeadLetterWriter(
                (k, e) -> CompletableFuture.failedFuture(new IllegalStateException("kafka down")), metrics, clock, "s");
        DeadLetterWriter failingNow = new DeadLetterWriter((k, e) -> {
            throw new IllegalStateException("producer closed");
        }, metrics, clock, "s");
        RequestBody body = RequestBody.of("{");
        assertDoesNotThrow(() -> failingLater.write("responses", 400, "json-syntax", List.of(), body, "1.1.1.1", null));
        assertDoesNotThrow(() -> failingNow.write("responses", 400, "json-syntax", List.of(), body, "1.1.1.1", null));
        assertTrue(writerMetrics().contains("otklik_ingest_kafka_errors_total{what=\"dead-letter\"} 2.0"),
                writerMetrics());
    }

    @Test
    void aLetterWhoseFirstSendFailsIsSentOnceMoreAndOnlyOnce() {
        List<byte[]> attempts = new ArrayList<>();
        DeadLetterWriter flaky = new DeadLetterWriter((k, e) -> {
            attempts.add(e);
            return attempts.size() == 1 ? CompletableFuture.failedFuture(new IllegalStateException("first send timed out"))
                    : CompletableFuture.completedFuture(null);
        }, metrics, clock, "s");
        assertDoesNotThrow(() -> flaky.write("kiosk-heartbeats", 400, "invalid", List.of(), RequestBody.of("{"),
                "1.1.1.1", "kiosk-1").join());
        assertEquals(2, attempts.size(), "one retry after the failure");
        assertEquals(new String(attempts.get(0), StandardCharsets.UTF_8), new String(attempts.get(1), StandardCharsets.UTF_8),
                "the same envelope both times");
        assertFalse(writerMetrics().contains("what=\"dead-letter\""), "a letter kept on the retry is no Kafka error");

        List<byte[]> down = new ArrayList<>();
        DeadLetterWriter unreachable = new DeadLetterWriter((k, e) -> {
            down.add(e);
            return CompletableFuture.failedFuture(new IllegalStateException("kafka down"));
        }, metrics, clock, "s");
        unreachable.write("responses", 400, "json-syntax", List.of(), RequestBody.of("{"), "1.1.1.1", null)
                .handle((ok, error) -> null).join();
        assertEquals(2, down.size(), "two attempts, then the log line");
    }

    private String writerMetrics() {
        return metrics.scrape();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
