package ru.otklik.dashboards.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256 password hashes with a per-user random salt; the iteration count is stored with each hash. */
public record PasswordHash(String salt, String hash, int iterations) {

    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP suggests 600k for SHA-256; 210k keeps a login well under a second on the 2-core hosts. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static PasswordHash create(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PasswordHash(b64.encodeToString(salt), b64.encodeToString(derive(password, salt, iterations)),
                iterations);
    }

    public boolean matches(String password) {
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(hash);
        byte[] actual = derive(password, b64.decode(salt), iterations);
        // constant-time comparison: no timing hint about how much of the hash matched
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
