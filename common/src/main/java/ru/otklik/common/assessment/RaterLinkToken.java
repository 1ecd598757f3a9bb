package ru.otklik.common.assessment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ru.otklik.common.link.LinkKeys;

/**
 * A 360 rater's personal link: {@code <raterKey>.<keyId>.<HMAC-SHA256>} with the survey links' keys
 * ({@code OTKLIK_LINK_KEYS}), so the dashboards that launch a session and ingest that serves the form agree
 * without calling each other. The rater key is 192 random bits (unguessable on its own); the signature lets
 * ingest refuse a forged or mistyped link before it touches the operational store, and a key rotation
 * retires old links like it retires old survey links.
 */
public final class RaterLinkToken {

    private static final Pattern SHAPE = Pattern.compile("([A-Za-z0-9_-]{32})\\.([A-Za-z0-9_-]{1,16})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RaterLinkToken() {
    }

    /** A new rater key: 24 random bytes, base64url (32 characters). */
    public static String newRaterKey() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return ENCODER.encodeToString(key);
    }

    public static String sign(LinkKeys keys, String raterKey) {
        if (!raterKey.matches("[A-Za-z0-9_-]{32}")) {
            throw new IllegalArgumentException("not a rater key");
        }
        return raterKey + "." + keys.currentId() + "." + ENCODER.encodeToString(mac(keys.currentSecret(), raterKey));
    }

    /** The rater key of a genuine token, or empty for anything else (forged, altered, unknown key, malformed). */
    public static Optional<String> verify(LinkKeys keys, String token) {
        if (token == null) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<byte[]> secret = keys.secret(m.group(2));
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = mac(secret.get(), m.group(1));
        byte[] given = Base64.getUrlDecoder().decode(m.group(3));
        return MessageDigest.isEqual(expected, given) ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static byte[] mac(byte[] secret, String raterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            // a domain prefix, so a rater token can never pass for a survey link's signature or the reverse
            return mac.doFinal(("otklik-rater\n" + raterKey).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
