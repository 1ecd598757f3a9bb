package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import ru.otklik.common.response.Topics;

/**
 * One ClickHouse and one Kafka per JVM for integration tests, started on first use under a temp
 * directory (migrations applied, pipeline topics created) and stopped by a shutdown hook. Tests
 * share it, so they should use their own keys/ids rather than expect empty tables or topics.
 */
public final class TestStack {

    private static final Logger LOG = LogManager.getLogger(TestStack.class);
    public static final int TOPIC_PARTITIONS = 3;

    private static TestStack shared;
    private static RuntimeException failure;

    private final Path dir;
    private final ClickHouseServer clickHouse;
    private final ClickHouseHttp clickHouseHttp;
    private final KafkaBroker kafka;

    private TestStack(Path dir, ClickHouseServer clickHouse, KafkaBroker kafka) {
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
        Path dir;
        try {
            dir = Files.createTempDirectory("otklik-test-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for the test stack", e);
        }
        // both servers start in parallel: Kafka's JVM start dominates, ClickHouse is ready meanwhile
        CompletableFuture<KafkaBroker> kafkaStart = CompletableFuture.supplyAsync(() -> {
            KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"));
            broker.createTopics(TOPIC_PARTITIONS, Topics.RESPONSES, Topics.DEAD_LETTER, Topics.KIOSK_HEARTBEATS);
            return broker;
        });
        ClickHouseServer clickHouse = null;
        try {
            clickHouse = ClickHouseServer.start(dir.resolve("clickhouse"));
            ClickHouseMigrations.apply(clickHouse.http());
            KafkaBroker kafka = kafkaStart.join();
            TestStack stack = new TestStack(dir, clickHouse, kafka);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::shutdown, "otklik-test-stack-stop"));
            LOG.info("event=test_stack_ready clickhouse={} kafka={} seconds={} dir={}", clickHouse.httpUrl(),
                    kafka.bootstrapServers(), String.format("%.1f", (System.nanoTime() - started) / 1e9), dir);
            return stack;
        } catch (RuntimeException e) {
            if (clickHouse != null) {
                clickHouse.close();
            }
            kafkaStart.thenAccept(KafkaBroker::close);
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

    public Path dir() {
        return dir;
    }

    private void shutdown() {
        kafka.close();
        clickHouse.close();
        deleteRecursively(dir);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is harmless
        }
    }
}
