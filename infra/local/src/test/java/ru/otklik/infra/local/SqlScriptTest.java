package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsAndDropsComments() {
        String script = """
                -- header; with a semicolon
                CREATE TABLE a (x String) ENGINE = Memory; -- trailing
                /* block; comment */
                INSERT INTO a VALUES ('semi;colon'), ('it\\'s'), ('dash -- not a comment');
                ;
                """;
        assertEquals(List.of(
                "CREATE TABLE a (x String) ENGINE = Memory",
                "INSERT INTO a VALUES ('semi;colon'), ('it\\'s'), ('dash -- not a comment')"),
                SqlScript.statements(script));
    }

    @Test
    void lastStatementNeedsNoSemicolon() {
        assertEquals(List.of("SELECT 1", "SELECT `a;b`"), SqlScript.statements("SELECT 1;\nSELECT `a;b`\n-- end"));
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 'oops"));
    }

    @Test
    void migrationFileNames() {
        Migration m = Migration.of("V012__late_events.sql", "SELECT 1");
        assertEquals(12, m.version());
        assertEquals("late_events", m.name());
        assertEquals(64, m.checksum().length());
        assertEquals(m.checksum(), Migration.of("V012__late_events.sql", "SELECT 1").checksum());
        assertThrows(IllegalArgumentException.class, () -> Migration.of("012_late.sql", ""));
    }
}
