package ru.otklik.dashboards.access;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The users file: {@code {"users": [{"username", "role", "scope", "salt", "hash", "iterations"}]}}.
 * Passwords are only ever stored as PBKDF2 hashes.
 */
public final class UsersFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The file's top-level object. */
    public record Content(List<UserEntry> users) {
        public Content {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    private UsersFile() {
    }

    public static List<UserEntry> read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Content.class).users();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read users file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Writes atomically (temp file + move) so a running server never reads half a file. */
    public static void write(Path file, List<UserEntry> users) {
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Path tmp = Files.createTempFile(absolute.getParent(), ".users", ".json");
            JSON.writeValue(tmp.toFile(), new Content(users));
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write users file " + file, e);
        }
    }
}
