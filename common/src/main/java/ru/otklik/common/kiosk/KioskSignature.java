package ru.otklik.common.kiosk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a kiosk signs a request: hex HMAC-SHA256 over {@code timestamp + "\n" + body} with the
 * device's base64 secret. The timestamp (epoch seconds) bounds replays to the allowed skew.
 */
public final class KioskSignature {

    public static final String DEVICE_HEADER = "X-Otklik-Device";
    public static final String TIMESTAMP_HEADER = "X-Otklik-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Otklik-Signature";

    private KioskSignature() {
    }

    public static String sign(String base64Secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Secret), "HmacSHA256"));
            mac.update((epochSeconds + "\n").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison, so the check leaks nothing about how much of a forgery matched. */
    public static boolean verify(String base64Secret, long epochSeconds, byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(base64Secret, epochSeconds, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** A fresh random 256-bit secret, base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
