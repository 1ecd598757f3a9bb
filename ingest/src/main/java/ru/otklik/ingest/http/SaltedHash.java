package ru.otklik.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way ingest keeps something that identifies a client (address, user agent) without
 * keeping it: hex SHA-256 of the server's salt and the value. The dead-letter envelope and the
 * request metadata of accepted responses use the same salt, so a sender can be followed across both.
 */
public final class SaltedHash {

    private final byte[] salt;

    public SaltedHash(String salt) {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    /** 64 hex characters; null for null (an absent header stays absent, it is not a value). */
    public String hex(String value) {
        if (value == null) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() { // never the salt
        return "SaltedHash[***]";
    }
}
