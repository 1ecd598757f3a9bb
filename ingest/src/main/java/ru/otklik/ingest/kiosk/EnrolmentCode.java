package ru.otklik.ingest.kiosk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One-time kiosk enrolment codes: 16 characters of Crockford base32 (80 random bits) shown in
 * groups of four, {@code ABCD-EFGH-JKMN-PQRS}. Typed by a person on a kiosk, so matching forgives
 * case, hyphens, spaces and the look-alikes Crockford defines (I and L are 1, O is 0). Only the
 * SHA-256 of the normalised code is ever stored.
 */
public final class EnrolmentCode {

    /** Crockford's alphabet: no I, L, O, U. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnrolmentCode() {
    }

    /** A fresh code as shown to staff, grouped by four. */
    public static String newCode() {
        String chars = randomChars(LENGTH);
        return chars.substring(0, 4) + "-" + chars.substring(4, 8) + "-" + chars.substring(8, 12) + "-"
                + chars.substring(12);
    }

    /** {@code n} random Crockford characters (5 bits each). */
    public static String randomChars(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** The canonical 16 characters of what a person typed; empty when it cannot be a code. */
    public static Optional<String> normalised(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char mapped = switch (c) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0) {
                return Optional.empty();
            }
            s.append(mapped);
        }
        return s.length() == LENGTH ? Optional.of(s.toString()) : Optional.empty();
    }

    /** What the store keeps instead of the code: hex SHA-256 of its canonical form. */
    public static String hash(String normalisedCode) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalisedCode.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
