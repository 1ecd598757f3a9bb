package ru.otklik.infra.local;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import ru.otklik.common.response.Topics;

/**
 * One ClickHouse and one Kafka per JVM for integration tests, started on first use under a temp
 * directory (migrations applied, pipeline topics created). Tests share it, so they should use their
 * own keys/ids rather than expect empty tables or topics.
 *
 * <p>PostgreSQL (the operational store) is not started with the rest: {@link #postgres()} starts it
 * on its first call, in the same folder, so the many tests that never use it pay nothing for it.
 *
 * <p>The folder is an {@link OwnedTempDir}: when the JVM exits, every server is killed (their data
 * is thrown away, a graceful stop would only spend the 30 s Surefire allows a fork to exit) and
 * then the folder is deleted. A stack whose JVM was killed is swept by the next stack that starts.
 */
public final class TestStack {

    private static final Logger LOG = LogManager.getLogger(TestStack.class);
    public static final int TOPIC_PARTITIONS = 3;
    /** {@code <java.io.tmpdir>/otklik-test-stack-<random>}: what a sweep looks for. */
    public static final String DIR_PREFIX = "otklik-test-stack-";

    private static TestStack shared;
    private static RuntimeException failure;

    private final OwnedTempDir dir;
    private final ClickHouseServer clickHouse;
    private final ClickHouseHttp clickHouseHttp;
    private final KafkaBroker kafka;
    private PostgresServer postgres; // guarded by this
    private RuntimeException postgresFailure; // guarded by this

    private TestStack(OwnedTempDir dir, ClickHouseServer clickHouse, KafkaBroker kafka) {
        this.dir = dir;
        this.clickHouse = clickHouse;
        this.clickHouseHttp = clickHouse.http();
        this.kafka = kafka;
    }

    /** The JVM's stack, started on the first call; a failed start fails every later call the same way. */
    public static synchronized TestStack shared() {
        if (shared != null) {
            return shared;
        }
        if (failure != null) {
            throw new IllegalStateException("the shared test stack failed to start earlier: " + failure.getMessage(), failure);
        }
        try {
            shared = startNew();
            return shared;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private static TestStack startNew() {
        long started = System.nanoTime();
        OwnedTempDir owned = OwnedTempDir.create(DIR_PREFIX); // sweeps the stacks of killed JVMs first
        Path dir = owned.path();
        // both servers start in parallel: Kafka's JVM start dominates, ClickHouse is ready meanwhile
        CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture.supplyAsync(() -> {
            KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"));
            broker.createTopics(TOPIC_PARTITIONS, Topics.RESPONSES, Topics.DEAD_LETTER, Topics.KIOSK_HEARTBEATS,
                    Topics.ALERTS, Topics.NEGATIVE_FEEDBACK, Topics.LINKS_REUSED);
            broker.createTopics(TOPIC_PARTITIONS, Topics.KEPT_FOREVER, Topics.ALERT_REVIEWS,
                    Topics.ASSESSMENT_ASSIGNMENTS, Topics.ASSESSMENT_ANSWERS, Topics.CHECKLIST_REPORTS, Topics.METHODOLOGY_VERSIONS);
            return broker;
        });
        ClickHouseServer clickHouse = null;
        try {
            clickHouse = ClickHouseServer.start(dir.resolve("clickhouse"));
            ClickHouseMigrations.apply(clickHouse.http());
            KafkaBroker kafka = kafkaStart.join();
            TestStack stack = new TestStack(owned, clickHouse, kafka);
            LOG.info("event=test_stack_ready clickhouse={} kafka={} seconds={} dir={}", clickHouse.httpUrl(),
                    kafka.bootstrapServers(), String.format("%.1f", (System.nanoTime() - started) / 1e9), dir);
            return stack;
        } catch (RuntimeException e) {
            if (clickHouse != null) {
                clickHouse.close();
            }
            kafkaStart.handle((broker, error) -> {
                if (broker != null) {
                    broker.close();
                }
                owned.close();
                return null;
            });
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public ClickHouseServer clickHouse() {
        return clickHouse;
    }

    public ClickHouseHttp clickHouseHttp() {
        return clickHouseHttp;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /**
     * The stack's PostgreSQL, started on the first call (in {@code <dir>/postgres}, database
     * {@code otklik}); a failed start fails every later call the same way, as {@link #shared()} does.
     * Shared like the rest: use your own tables or keys.
     */
    public synchronized PostgresServer postgres() {
        if (postgres != null) {
            return postgres;
        }
        if (postgresFailure != null) {
            throw new IllegalStateException("the test stack's PostgreSQL failed to start earlier: "
                    + postgresFailure.getMessage(), postgresFailure);
        }
        try {
            postgres = PostgresServer.start(dir.path().resolve("postgres"));
            // at exit the folder's processes are SIGKILLed: the postmaster quits on its own first,
            // or its shared memory segment would outlive the folder
            dir.beforeRelease(postgres::stopImmediately);
            return postgres;
        } catch (RuntimeException e) {
            postgresFailure = e;
            throw e;
        }
    }

    public Path dir() {
        return dir.path();
    }
}
