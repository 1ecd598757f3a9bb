package ru.otklik.infra.local;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A real Kafka broker (KRaft, broker + controller in one node) in a child JVM started from this
 * JVM's classpath. Data lives under {@code workDir}: {@link #restart()} and a later start on the
 * same directory keep it.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(KafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final KafkaConfig config;
    private ChildProcess process;

    private KafkaBroker(KafkaConfig config) {
        this.config = config;
    }

    /** Starts on free loopback ports (tests); retries with new ports if one was snatched meanwhile. */
    public static KafkaBroker start(Path workDir) {
        return Ports.startOnFree("kafka", 2, ports -> start(workDir, ports[0], ports[1]));
    }

    /** Starts on a fixed broker port (the run command); the controller port is kept from an earlier run in the same directory. */
    public static KafkaBroker start(Path workDir, int port) {
        Path dir = ClickHouseServer.absolute(workDir);
        // an orphan from a killed run still holds the ports: stop it before choosing them
        ChildProcess.stopOrphan(dir.resolve(KafkaConfig.PID_FILE), dir.resolve(KafkaConfig.PROPERTIES_FILE).toString());
        int controllerPort = KafkaConfig.previousControllerPort(dir)
                .filter(p -> p != port && Ports.isFree(p))
                .orElseGet(Ports::free);
        return start(dir, port, controllerPort);
    }

    public static KafkaBroker start(Path workDir, int port, int controllerPort) {
        if (port == controllerPort) {
            throw new IllegalArgumentException("broker and controller ports must differ: " + port);
        }
        KafkaBroker broker = new KafkaBroker(new KafkaConfig(ClickHouseServer.absolute(workDir), port, controllerPort));
        broker.launch();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + config.port();
    }

    public int port() {
        return config.port();
    }

    public int controllerPort() {
        return config.controllerPort();
    }

    public Path workDir() {
        return config.dir();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Client properties with {@code bootstrap.servers} set, to add producer/consumer settings to. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /**
     * Creates the topics (replication 1) if they do not exist yet and waits until every partition
     * has a leader, so producers and consumers can use them right away.
     */
    public void createTopics(int partitions, String... names) {
        createTopics(partitions, Map.of(), names);
    }

    /**
     * The same with topic settings: {@link ru.otklik.common.response.Topics#ALERT_REVIEWS} is kept forever
     * ({@code retention.ms=-1}), because a rebuild of the streaming job reads every review again.
     */
    public void createTopics(int partitions, Map<String, String> config, String... names) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)
                    .configs(config)).toList();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> result
                    : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("event=kafka_topic_created topic={} partitions={}", result.getKey(), partitions);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, List.of(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + Arrays.toString(names) + " on " + bootstrapServers(), e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean ready = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // metadata not propagated yet: retry until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leaders after 15 s");
            }
            Thread.sleep(50);
        }
    }

    /** Stops the broker process; clients then fail to connect. Data stays for {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            long started = System.nanoTime();
            // the JVM-exit reaper may have stopped the process already; stop is idempotent
            process.stop(STOP_GRACE);
            process = null;
            LOG.info("event=kafka_stopped port={} seconds={}", config.port(), seconds(started));
        }
    }

    /** Starts the broker again on the same ports and log dirs (stops it first if running). */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        ChildProcess.stopOrphan(config.pidFile(), config.propertiesFile().toString());
        Ports.requireFree("Kafka broker", config.port());
        Ports.requireFree("Kafka controller", config.controllerPort());
        config.write();
        long started = System.nanoTime();
        LOG.info("event=kafka_starting port={} controller_port={} dir={}", config.port(), config.controllerPort(), config.dir());
        if (!Files.exists(config.metaProperties())) {
            format();
        }
        process = ChildProcess.start("kafka", javaCommand(List.of("-Xmx512m"), "kafka.Kafka", config.propertiesFile().toString()),
                config.dir(), config.logDir().resolve("broker.out"), config.logDir().resolve("broker.err"), Map.of());
        process.writePidFile(config.pidFile());
        awaitReady(started);
        LOG.info("event=kafka_started port={} pid={} seconds={} dir={}", config.port(), process.pid(), seconds(started), config.dir());
    }

    private void format() {
        String clusterId = Uuid.randomUuid().toString();
        ChildProcess tool = ChildProcess.start("kafka-storage-format",
                javaCommand(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.propertiesFile().toString()),
                config.dir(), config.logDir().resolve("format.out"), config.logDir().resolve("format.err"), Map.of());
        int exit = tool.waitFor(FORMAT_TIMEOUT);
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed (exit " + exit + ")\n" + tool.output());
        }
        LOG.info("event=kafka_storage_formatted cluster_id={} dir={}", clusterId, config.dataDir());
    }

    private void awaitReady(long startedNanos) {
        long deadline = startedNanos + START_TIMEOUT.toNanos();
        // the AdminClient only once the port accepts: it logs a warning per refused connection
        while (!accepts(config.port())) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                failStartup();
            }
            ClickHouseServer.sleep(100);
        }
        Properties properties = clientProperties();
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(properties)) {
            while (System.nanoTime() < deadline) {
                checkAlive();
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for kafka", e);
                }
                ClickHouseServer.sleep(100);
            }
        }
        failStartup();
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("kafka broker exited during startup (exit "
                    + process.process().exitValue() + ")\n" + process.output());
        }
    }

    private void failStartup() {
        process.stop(Duration.ofSeconds(5));
        throw new IllegalStateException("kafka broker on " + bootstrapServers() + " not ready within "
                + START_TIMEOUT.toSeconds() + " s\n" + process.output());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(clientProperties());
    }

    private List<String> javaCommand(List<String> jvmFlags, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-Xms64m");
        command.add("-Djava.awt.headless=true");
        // the broker's own temp files (native compression libraries) stay in its folder, which is deleted with it
        command.add("-Djava.io.tmpdir=" + ClickHouseServer.absolute(config.dir().resolve("tmp")));
        command.add("-Dlog4j2.configurationFile=" + config.log4jFile().toAbsolutePath());
        command.add("-cp");
        command.add(childClassPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** This JVM's classpath with absolute entries: the child runs in another working directory. */
    static String childClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }
}
