package ru.otklik.common.operational;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operational store: a PostgreSQL connection pool whose schema is brought up to date by Flyway
 * ({@code classpath:db/operational}, one schema and one history for every service) when it opens, so a
 * service never runs against an older schema than its code; Flyway's lock lets two services start at
 * once. Operational data — flag reviews, alert messages, used single-use links, and next cases,
 * accounts, 360 structures — lives here; what analytics needs of it is published to Kafka.
 *
 * <p>HikariCP, Flyway and the PostgreSQL driver are optional dependencies of {@code common}: a service
 * that opens the store declares them (the streaming job does not, and does not carry them).
 */
public final class OperationalStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperationalStore.class);
    static final String MIGRATIONS = "classpath:db/operational";

    private final HikariDataSource pool;
    private final List<String> applied;

    private OperationalStore(HikariDataSource pool, List<String> applied) {
        this.pool = pool;
        this.applied = applied;
    }

    /** Opens the pool and migrates; fails naming the URL (never the password) when the server cannot be reached. */
    public static OperationalStore open(OperationalStoreSettings settings) {
        if (!settings.configured()) {
            throw new IllegalStateException("no operational store configured (OTKLIK_POSTGRES_URL)");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("otklik-operational");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(30_000); // the server may still be starting: wait, then fail loudly
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("operational store " + settings.url() + " unreachable: "
                    + e.getMessage(), e);
        }
        try {
            MigrateResult result = Flyway.configure().dataSource(pool).locations(MIGRATIONS)
                    .table("operational_schema_history").load().migrate();
            List<String> versions = result.migrations.stream().map(m -> m.version).toList();
            LOG.info("operational store open url={} migrations_applied={} schema_version={}", settings.url(),
                    versions, result.targetSchemaVersion);
            return new OperationalStore(pool, versions);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The migrations this open applied (empty when the schema was already current). */
    public List<String> appliedNow() {
        return applied;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "OperationalStore[" + pool.getJdbcUrl() + "]";
    }
}
