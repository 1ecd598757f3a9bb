package ru.otklik.common.link;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HMAC keys of link tokens. The current key signs; older keys only verify, so a key can be
 * rotated without invalidating printed QR codes until the old key is removed from the config.
 * Spec: {@code k2:base64secret,k1:base64secret}, the first entry is current.
 */
public final class LinkKeys {

    /** HMAC-SHA256 keys shorter than the hash add no safety and are easy to brute-force. */
    static final int MIN_SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, byte[]> secrets;
    private final boolean ephemeral;

    private LinkKeys(String currentId, Map<String, byte[]> secrets, boolean ephemeral) {
        this.currentId = currentId;
        this.secrets = Collections.unmodifiableMap(secrets);
        this.ephemeral = ephemeral;
    }

    /** Parses the config value; blank means a random key for this run only ({@link #isEphemeral()}). */
    public static LinkKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return random();
        }
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        String current = null;
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("link key must be id:base64secret");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("link key id must be 1-16 of [A-Za-z0-9_-], got '" + id + "'");
            }
            byte[] secret;
            try {
                secret = decode(trimmed.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("link key " + id + ": secret is not base64");
            }
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("link key " + id + ": secret must be at least " + MIN_SECRET_BYTES
                        + " bytes, got " + secret.length);
            }
            if (secrets.putIfAbsent(id, secret) != null) {
                throw new IllegalArgumentException("link key id " + id + " appears twice");
            }
            current = current == null ? id : current;
        }
        return new LinkKeys(current, secrets, false);
    }

    /** One random key, valid until the process stops: links die with a restart (fine for local runs only). */
    public static LinkKeys random() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("tmp", secret);
        return new LinkKeys("tmp", secrets, true);
    }

    /** A new secret in the config format's base64, for operators generating keys. */
    public static String newSecret() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    public String currentId() {
        return currentId;
    }

    public byte[] currentSecret() {
        return secrets.get(currentId);
    }

    public Optional<byte[]> secret(String keyId) {
        return Optional.ofNullable(secrets.get(keyId));
    }

    public boolean isEphemeral() {
        return ephemeral;
    }

    public int size() {
        return secrets.size();
    }

    // standard or url-safe alphabet, padded or not: operators paste what their tool printed
    private static byte[] decode(String text) {
        // the JDK decoder does not require padding
        return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/').replace("=", ""));
    }

    @Override
    public String toString() { // never the secrets
        return "LinkKeys[current=" + currentId + ", ids=" + secrets.keySet() + ", ephemeral=" + ephemeral + "]";
    }
}
