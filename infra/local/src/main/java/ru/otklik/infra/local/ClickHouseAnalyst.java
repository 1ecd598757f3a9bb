package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The analysts' ClickHouse account ({@value #USER}): read-only, the {@code otklik} database only, its own
 * password. ClickHouse 18.16 has no SQL for users, so the account is a {@code users.xml} entry that the
 * project writes with every start; only the password's SHA-256 goes there.
 *
 * <p>The password is {@code OTKLIK_CLICKHOUSE_ANALYST_PASSWORD} when set; otherwise one generated at the
 * first start and kept next to the server's data ({@code analyst-password}, readable by its owner only), so
 * it stays the same across restarts of the same run directory and an analyst's saved connection keeps working.
 */
public record ClickHouseAnalyst(String password, Path passwordFile) {

    public static final String USER = "analyst";
    public static final String PASSWORD_ENV = "OTKLIK_CLICKHOUSE_ANALYST_PASSWORD";
    static final String FILE = "analyst-password";

    public ClickHouseAnalyst {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException(PASSWORD_ENV + " must not be blank");
        }
    }

    /** The configured password, else the one kept in {@code dir}, else a new one written there. */
    static ClickHouseAnalyst resolve(Path dir, String configured) {
        Path file = dir.resolve(FILE);
        if (configured != null && !configured.isEmpty()) {
            if (configured.isBlank()) {
                throw new IllegalArgumentException(PASSWORD_ENV + " must not be blank");
            }
            return new ClickHouseAnalyst(configured, null);
        }
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    return new ClickHouseAnalyst(kept, file);
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            return new ClickHouseAnalyst(generated, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the analysts' ClickHouse password in " + file, e);
        }
    }

    String passwordSha256Hex() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Where to read the password from, for the run command's summary (never the password itself). */
    public String source() {
        return passwordFile == null ? "$" + PASSWORD_ENV : passwordFile.toString();
    }
}
