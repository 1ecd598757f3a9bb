package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** On a server of its own: the shared one is already migrated. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClickHouseMigrationsTest {

    @TempDir
    static Path dir;
    static ClickHouseServer server;
    static ClickHouseHttp ch;

    @BeforeAll
    static void start() {
        server = ClickHouseServer.start(dir);
        ch = server.http();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void appliesAllMigrationsInOrder() {
        List<String> applied = ClickHouseMigrations.apply(ch);
        assertEquals(List.of("V001__responses_and_answers.sql", "V002__minute_aggregates.sql", "V003__late_events.sql"),
                applied.subList(0, 3));
        List<String> tables = ch.select("SELECT name FROM system.tables WHERE database = 'otklik' ORDER BY name")
                .stream().map(row -> (String) row.get("name")).toList();
        assertTrue(tables.containsAll(List.of("responses", "answers", "answer_minute", "response_minute",
                "late_events", "schema_migrations")), tables::toString);
        assertEquals(applied.size(), ch.selectLong("SELECT count() FROM otklik.schema_migrations"));
    }

    @Test
    @Order(2)
    void reapplyIsANoOp() {
        long recorded = ch.selectLong("SELECT count() FROM otklik.schema_migrations");
        assertEquals(List.of(), ClickHouseMigrations.apply(ch));
        assertEquals(recorded, ch.selectLong("SELECT count() FROM otklik.schema_migrations"));
    }

    @Test
    @Order(3)
    void changedAppliedMigrationFailsLoudly() {
        List<Migration> migrations = new ArrayList<>(ClickHouseMigrations.classpathMigrations());
        Migration first = migrations.get(0);
        migrations.set(0, new Migration(first.version(), first.name(), first.fileName(), first.sql() + "\n-- edited\n"));
        ClickHouseException e = assertThrows(ClickHouseException.class, () -> ClickHouseMigrations.apply(ch, migrations));
        assertTrue(e.getMessage().contains(first.fileName()) && e.getMessage().contains("changed"), e.getMessage());
    }

    @Test
    @Order(4)
    void newMigrationIsAppliedAfterTheOthers() {
        List<Migration> migrations = new ArrayList<>(ClickHouseMigrations.classpathMigrations());
        migrations.add(Migration.of("V900__probe.sql",
                "-- a later migration\nCREATE TABLE IF NOT EXISTS otklik.probe (x UInt8) ENGINE = Memory;\n"
                        + "INSERT INTO otklik.probe VALUES (7);"));
        assertEquals(List.of("V900__probe.sql"), ClickHouseMigrations.apply(ch, migrations));
        assertEquals(7, ch.selectLong("SELECT x FROM otklik.probe"));
        assertEquals(List.of(), ClickHouseMigrations.apply(ch, migrations));
    }
}
