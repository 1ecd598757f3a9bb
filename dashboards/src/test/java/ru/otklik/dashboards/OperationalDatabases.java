package ru.otklik.dashboards;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/** A database of its own on the test stack's PostgreSQL, so each test class starts from an empty schema. */
final class OperationalDatabases {

    private OperationalDatabases() {
    }

    /** Creates a fresh database and gives its JDBC URL (user {@link PostgresServer#USER}, no password). */
    static String fresh(String prefix) {
        PostgresServer postgres = TestStack.shared().postgres(); // no skipping: a server that cannot start fails the test
        String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
        return postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + database;
    }
}
