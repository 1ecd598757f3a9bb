package ru.otklik.dashboards.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session as a signed cookie value {@code base64url(v1|username|expiresEpochSeconds).base64url(hmac)}.
 * Stateless, so the server keeps nothing per session; the role is not in the cookie but looked up
 * on every request, so changing or removing a user takes effect at once.
 */
public final class SessionCookie {

    public static final String NAME = "otklik_session";
    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public SessionCookie(byte[] secret, Duration lifetime, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("session secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), MAC);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(String username) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String payload = ENCODER.encodeToString(("v1|" + username + "|" + expires).getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The username, when the value is well-formed, correctly signed and not expired. */
    public Optional<String> verify(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot <= 0 || dot != value.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = value.substring(0, dot);
        try {
            byte[] signature = DECODER.decode(value.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3 || !"v1".equals(parts[0])) {
                return Optional.empty();
            }
            if (Long.parseLong(parts[2]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(parts[1]);
        } catch (IllegalArgumentException e) {
            // bad base64 or bad number: a tampered cookie, not a server error
            return Optional.empty();
        }
    }

    /**
     * The anti-CSRF token of a session: bound to the cookie value (so it is worth nothing with another
     * session) and signed with the same key under another label (so it can never pass for a cookie).
     * Pages carry it; every state-changing request must send it back ({@code X-CSRF-Token} or a
     * {@code csrf} form field), which a cross-site form or script cannot read.
     */
    public String csrfToken(String cookieValue) {
        return ENCODER.encodeToString(sign("csrf|" + cookieValue));
    }

    /** Whether {@code presented} is the anti-CSRF token of the session {@code cookieValue} (constant time). */
    public boolean csrfValid(String cookieValue, String presented) {
        if (cookieValue == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(cookieValue).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " unavailable", e);
        }
    }
}
