package ru.otklik.ingest.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.OfficeDirectory;

class KioskAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private final String secret = KioskSignature.newSecret();
    private final DeviceRegistry devices = new DeviceRegistry(List.of(
            new KioskDevice("kiosk-1", "BRY-01", "hall", secret, false),
            new KioskDevice("kiosk-old", "BRY-01", "hall", secret, true)), OfficeDirectory.pilot());
    private final KioskAuthenticator auth = new KioskAuthenticator(devices, Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMinutes(5));
    private final byte[] body = "{\"taps\":[]}".getBytes(StandardCharsets.UTF_8);

    private String reason(String device, long ts, String signature) {
        KioskAuthenticator.Outcome outcome = auth.authenticate(device, String.valueOf(ts), signature, body);
        return outcome.accepted() ? "ok" : outcome.refusal();
    }

    @Test
    void aFreshlySignedBatchIsAcceptedOnceThenItIsAReplay() {
        long ts = NOW.getEpochSecond();
        String sig = KioskSignature.sign(secret, ts, body);
        assertEquals("ok", reason("kiosk-1", ts, sig));
        assertEquals("replay", reason("kiosk-1", ts, sig));
        // the kiosk's own retry signs again with a new timestamp: accepted
        assertEquals("ok", reason("kiosk-1", ts + 1, KioskSignature.sign(secret, ts + 1, body)));
    }

    @Test
    void refusals() {
        long ts = NOW.getEpochSecond();
        assertEquals("unknown-device", reason("kiosk-x", ts, KioskSignature.sign(secret, ts, body)));
        assertEquals("revoked", reason("kiosk-old", ts, KioskSignature.sign(secret, ts, body)));
        long stale = ts - 301;
        assertEquals("clock-skew", reason("kiosk-1", stale, KioskSignature.sign(secret, stale, body)));
        long ahead = ts + 301;
        assertEquals("clock-skew", reason("kiosk-1", ahead, KioskSignature.sign(secret, ahead, body)));
        assertEquals("bad-signature", reason("kiosk-1", ts, KioskSignature.sign(KioskSignature.newSecret(), ts, body)));
        assertEquals("missing-signature-header", reason("kiosk-1", ts, null));
        assertEquals("timestamp-format", auth.authenticate("kiosk-1", "not-a-number", "x", body).refusal());
        assertEquals("missing-timestamp-header", auth.authenticate("kiosk-1", null, "x", body).refusal());
        assertTrue(auth.authenticate("kiosk-1", String.valueOf(ts), KioskSignature.sign(secret, ts, body), body)
                .accepted());
    }

    @Test
    void aTimestampFarOutsideTheWindowCannotOverflowTheSkewCheck() {
        // finding 4: Math.abs(now - (now - 2^63)) is Math.abs(Long.MIN_VALUE), which is negative
        for (long ts : new long[] {NOW.getEpochSecond() - Long.MIN_VALUE, NOW.getEpochSecond() + Long.MIN_VALUE,
                Long.MIN_VALUE, Long.MAX_VALUE, 0}) {
            assertEquals("clock-skew", reason("kiosk-1", ts, KioskSignature.sign(secret, ts, body)), "ts " + ts);
        }
    }

    @Test
    void aTamperedBodyOrTimestampBreaksTheSignature() {
        long ts = NOW.getEpochSecond();
        String sig = KioskSignature.sign(secret, ts, body);
        byte[] other = "{\"taps\":[{}]}".getBytes(StandardCharsets.UTF_8);
        assertEquals("bad-signature", auth.authenticate("kiosk-1", String.valueOf(ts), sig, other).refusal());
        assertEquals("bad-signature", auth.authenticate("kiosk-1", String.valueOf(ts - 1), sig, body).refusal());
        assertEquals("missing-device-header", auth.authenticate(null, String.valueOf(ts), sig, body).refusal());
    }

    @Test
    void aReplayIsCaughtWhateverTheCaseOfTheHexSignature() {
        long ts = NOW.getEpochSecond() - 200;
        String sig = KioskSignature.sign(secret, ts, body);
        assertEquals("ok", reason("kiosk-1", ts, sig));
        assertEquals("replay", reason("kiosk-1", ts, sig.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void aDeviceOfAnUnknownOfficeIsAConfigurationError() {
        try {
            new DeviceRegistry(List.of(new KioskDevice("k", "XXX-99", "hall", secret, false)), OfficeDirectory.pilot());
            throw new AssertionError("expected a refusal");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("XXX-99"));
        }
    }
}
