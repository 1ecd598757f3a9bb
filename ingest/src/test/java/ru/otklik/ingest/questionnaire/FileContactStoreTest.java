package ru.otklik.ingest.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContactStoreTest {

    @TempDir
    Path dir;

    @Test
    void appendsOneJsonLinePerContact() throws Exception {
        FileContactStore store = new FileContactStore(dir.resolve("nested/contacts"));
        store.save(new ContactStore.Contact("r-1", "BRY-02", "anna@example.ru", Instant.parse("2025-03-03T10:00:00Z")));
        store.save(new ContactStore.Contact("r-2", "BRY-01", "boris@example.ru", Instant.parse("2025-03-03T11:00:00Z")));
        List<String> lines = Files.readAllLines(store.file());
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("r-1", first.get("responseId").asText());
        assertEquals("BRY-02", first.get("officeCode").asText());
        assertEquals("anna@example.ru", first.get("email").asText());
        assertEquals("2025-03-03T10:00:00Z", first.get("at").asText());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void theAddressStaysOutOfLogs() {
        assertFalse(new ContactStore.Contact("r", "o", "anna@example.ru", Instant.EPOCH).toString().contains("anna"));
    }

    @Test
    void nothingIsCreatedUntilAContactArrives() {
        new FileContactStore(dir.resolve("unused"));
        assertFalse(Files.exists(dir.resolve("unused")));
    }
}
