package ru.otklik.ingest.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import ru.otklik.common.operational.OperationalStore;
import ru.otklik.common.operational.OperationalStoreSettings;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/** Respondents' contacts in the real operational store: one row per response, the first kept. */
class StoredContactsIT {

    @Test
    void aContactIsOneRowPerResponseAndARetryKeepsTheFirst() throws Exception {
        PostgresServer postgres = TestStack.shared().postgres(); // no skipping: a server that cannot start fails
        String database = "contacts_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + database;
        Instant at = Instant.parse("2026-12-02T09:00:00Z");
        try (OperationalStore store = OperationalStore.open(OperationalStoreSettings.none().at(url, PostgresServer.USER))) {
            ContactStore contacts = new StoredContacts(store.dataSource());
            contacts.save(new ContactStore.Contact("r-1", "BRY-02", "anna@example.ru", at));
            contacts.save(new ContactStore.Contact("r-1", "BRY-02", "other@example.ru", at.plusSeconds(5)));
            contacts.save(new ContactStore.Contact("r-2", "VLA-01", "ivan@example.ru", at));
        }
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT response_id, office_code, email, saved_at FROM respondent_contacts"
                     + " ORDER BY response_id")) {
            assertTrue(rs.next());
            assertEquals("r-1", rs.getString(1));
            assertEquals("BRY-02", rs.getString(2));
            assertEquals("anna@example.ru", rs.getString(3), "a retry of the same response keeps the first");
            assertEquals(at, rs.getTimestamp(4).toInstant());
            assertTrue(rs.next());
            assertEquals("r-2", rs.getString(1));
            assertFalse(rs.next());
        }
    }
}
