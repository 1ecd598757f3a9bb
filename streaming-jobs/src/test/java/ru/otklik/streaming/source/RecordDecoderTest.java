package ru.otklik.streaming.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.streaming.testing.Responses;

/** Whatever bytes a record holds, the decoder answers with a response or a dead letter, and never throws. */
class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder(SurveyCatalog.builtIn(), OfficeDirectory.pilot(),
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    private static final String VALID = new String(EventJson.toBytes(Responses.seeker("r-0000001", "BRY-01",
            Instant.parse("2026-12-01T09:59:00Z"), "Q1", 9)), StandardCharsets.UTF_8);

    private SourceRecord decode(String json) {
        return decoder.decode("responses", 2, 41, 1_764_583_200_000L, json == null ? null
                : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidRecordIsAResponse() {
        assertTrue(decode(VALID).isValid());
    }

    @Test
    void theRecordThatOnceStoppedThePipelineIsADeadLetter() {
        SourceRecord r = decode(VALID.replaceFirst("\"clientTs\":\"[^\"]+\"", "\"clientTs\":\"-999999999-01-01T00:00:00Z\""));
        assertFalse(r.isValid());
        assertEquals("invalid", r.deadLetter().reason());
        assertTrue(r.deadLetter().detail().contains("clientTs too-old"), r.deadLetter().detail());
        assertEquals("responses", r.deadLetter().topic());
        assertEquals(2, r.deadLetter().partition());
        assertEquals(41, r.deadLetter().offset());
    }

    @Test
    void garbageOfEveryKindIsADeadLetterWithItsBytes() {
        String[] garbage = {null, "", "{", "null", "[]", "42", "\"x\"", "{\"responseId\":null}",
                VALID.replace("\"link\"", "\"KIOSK\""), VALID.replace("\"Q1\":9", "\"Q1\":9.5"),
                VALID.replace("\"Q1\":9", "\"Q1\":{\"a\":1}"), VALID.replace("\"BRY-01\"", "\"XXX-99\""),
                VALID.replace("}", ",\"extra\":1}"), "[".repeat(100_000), "\u0000\u0001binary"};
        for (String g : garbage) {
            SourceRecord r = decode(g);
            assertFalse(r.isValid(), String.valueOf(g).substring(0, Math.min(60, String.valueOf(g).length())));
            assertTrue(r.deadLetter().reason().matches("empty|undecodable|invalid"), r.deadLetter().reason());
        }
        byte[] huge = new byte[200_000];
        Arrays.fill(huge, (byte) 'x');
        SourceRecord r = decoder.decode("responses", 0, 0, 0, huge);
        assertEquals(64 * 1024, r.deadLetter().raw().length, "raw bytes are kept, cut at 64 KiB");
        assertEquals(200_000, r.deadLetter().rawSize());
    }
}
