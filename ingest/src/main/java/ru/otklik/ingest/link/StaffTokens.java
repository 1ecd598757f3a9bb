package ru.otklik.ingest.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bearer tokens of staff who may issue links. Spec: {@code name:token,name:token}. With none
 * configured nobody is let in: the safe default. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither the content nor the length leaks through timing.
 */
public final class StaffTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Short tokens are guessable; 16 characters is the floor, a random 32+ is the norm. */
    static final int MIN_TOKEN_LENGTH = 16;

    private record Staff(String name, byte[] digest) {
    }

    private final List<Staff> staff;

    private StaffTokens(List<Staff> staff) {
        this.staff = List.copyOf(staff);
    }

    public static StaffTokens parse(String spec) {
        List<Staff> staff = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return new StaffTokens(staff);
        }
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("staff token must be name:token");
            }
            String name = trimmed.substring(0, colon);
            String token = trimmed.substring(colon + 1).trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("staff name must be 1-64 of [A-Za-z0-9_.-], got '" + name + "'");
            }
            if (token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("staff token of " + name + " must be at least " + MIN_TOKEN_LENGTH
                        + " characters");
            }
            staff.add(new Staff(name, sha256(token)));
        }
        return new StaffTokens(staff);
    }

    /** The staff member an {@code Authorization} header belongs to; empty when missing, malformed or unknown. */
    public Optional<String> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = sha256(authorizationHeader.substring(7).trim());
        String found = null;
        for (Staff s : staff) { // no early exit: every request costs the same
            if (MessageDigest.isEqual(s.digest(), given) && found == null) {
                found = s.name();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return staff.isEmpty();
    }

    public int size() {
        return staff.size();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() { // never the tokens
        return "StaffTokens[" + staff.stream().map(Staff::name).toList() + "]";
    }
}
