package ru.otklik.dashboards.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final SessionCookie cookies = new SessionCookie(SECRET, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signedValueVerifiesToItsUser() {
        assertEquals("office-BRY-01", cookies.verify(cookies.issue("office-BRY-01")).orElseThrow());
    }

    @Test
    void tamperedPayloadIsRejected() {
        String value = cookies.issue("office-BRY-01");
        String payload = new String(Base64.getUrlDecoder().decode(value.substring(0, value.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("office-BRY-01", "federal").getBytes(StandardCharsets.UTF_8));
        assertTrue(cookies.verify(forged + value.substring(value.indexOf('.'))).isEmpty());
    }

    @Test
    void tamperedOrMissingSignatureIsRejected() {
        String value = cookies.issue("federal");
        char last = value.charAt(value.length() - 1);
        assertTrue(cookies.verify(value.substring(0, value.length() - 1) + (last == 'A' ? 'B' : 'A')).isEmpty());
        assertTrue(cookies.verify(value.substring(0, value.indexOf('.'))).isEmpty());
        assertTrue(cookies.verify(value + ".x").isEmpty());
        assertTrue(cookies.verify("").isEmpty());
        assertTrue(cookies.verify("%%%.###").isEmpty());
        assertTrue(cookies.verify(null).isEmpty());
    }

    @Test
    void otherSecretOrExpiredSessionIsRejected() {
        String value = cookies.issue("federal");
        SessionCookie otherKey = new SessionCookie("another-secret-of-32-bytes-here!".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        assertTrue(otherKey.verify(value).isEmpty());
        SessionCookie later = new SessionCookie(SECRET, Duration.ofHours(1), Clock.fixed(NOW.plusSeconds(3601), ZoneOffset.UTC));
        assertTrue(later.verify(value).isEmpty());
        SessionCookie justBefore = new SessionCookie(SECRET, Duration.ofHours(1), Clock.fixed(NOW.plusSeconds(3599), ZoneOffset.UTC));
        assertEquals("federal", justBefore.verify(value).orElseThrow());
    }
}
