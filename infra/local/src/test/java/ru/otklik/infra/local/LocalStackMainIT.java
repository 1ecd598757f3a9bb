package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Topics;

/**
 * The run command's infrastructure end to end: {@link LocalStackMain} in a JVM of its own (under a
 * {@link ParentWatchdog}, so a failing test cannot leak it) on free ports, in an owned temp folder.
 * Waits for states (the READY line, the process's exit, a pid gone), never for a fixed time.
 */
class LocalStackMainIT {

    private static final Pattern READY = Pattern.compile(
            "^READY clickhouse=(http://127\\.0\\.0\\.1:\\d+) kafka=(127\\.0\\.0\\.1:\\d+) postgres=(jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/otklik)"
                    + " clickhouse_analyst=analyst clickhouse_analyst_password=(\\S+)$");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240); // three servers, a first initdb, under load

    /** A prefix no other test uses, so no other test's sweep touches this folder. */
    private final String prefix = "otklik-lsm-test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private OwnedTempDir owned;
    private int[] ports;
    private Process process;
    private Path log;

    @BeforeEach
    void folder() {
        owned = OwnedTempDir.create(prefix);
    }

    @AfterEach
    void release() throws InterruptedException {
        try {
            if (process != null && process.isAlive()) {
                process.destroy(); // SIGTERM: its hook stops the servers (a postmaster must not be SIGKILLed)
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly(); // the servers' watchdogs then stop them
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            owned.release(Duration.ofSeconds(5));
        }
    }

    @Test
    void readyLineNamesPostgresWhichAnswersAndIsGoneAfterShutdown() throws Exception {
        Path dir = owned.path().resolve("run");
        Matcher ready = start(dir);
        String jdbcUrl = ready.group(3);
        int pgPort = Integer.parseInt(ready.group(4));
        assertEquals(ports[3], pgPort, "--postgres is the port it listens on");
        // the line names where the analysts' password is, never the password
        Path analystPassword = Path.of(ready.group(5));
        assertEquals(dir.resolve("clickhouse").resolve("analyst-password").toAbsolutePath(), analystPassword.toAbsolutePath());
        assertTrue(!ready.group(0).contains(Files.readString(analystPassword).strip()));
        long postmaster = postmasterPid(dir);
        assertTrue(PostgresServer.isPostmaster(postmaster, dir.resolve("postgres").resolve("data")));

        Properties user = new Properties();
        user.setProperty("user", PostgresServer.USER);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select 1, current_database()")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("otklik", rs.getString(2));
        }

        Properties kafka = new Properties();
        kafka.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ready.group(2));
        try (Admin admin = Admin.create(kafka)) {
            Set<String> topics = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            assertTrue(topics.containsAll(List.of(Topics.RESPONSES, Topics.DEAD_LETTER, Topics.KIOSK_HEARTBEATS,
                    Topics.ALERTS, Topics.ALERT_REVIEWS, Topics.NEGATIVE_FEEDBACK, Topics.LINKS_REUSED)), "topics: " + topics);
        }

        process.destroy(); // SIGTERM, as run-local.sh's cleanup sends
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "LocalStackMain did not stop on SIGTERM:\n" + output());
        String out = output();
        assertTrue(out.contains("event=postgres_stopped "), "exit " + process.exitValue() + ":\n" + out);
        assertTrue(out.contains("event=local_stack_stopped"), out);
        // a clean (fast) shutdown, not a SIGKILL, which would leave the shared memory segment for good
        assertTrue(Files.readString(dir.resolve("postgres").resolve("postgres.log")).contains("database system is shut down"));
        assertTrue(ScenarioJvm.awaitGone(postmaster, 30), "the postmaster outlived the run command's shutdown");
        assertFalse(accepts(pgPort), "the PostgreSQL port still accepts connections after shutdown");
        assertEquals(List.of(), awaitNothingRunsFrom(dir), "processes still run from the run's folder");
        assertFalse(Files.exists(dir.resolve("postgres").resolve("data").resolve("postmaster.pid")),
                "a clean stop removes postmaster.pid");
    }

    @Test
    void postgresDyingUnderTheRunEndsItWithExitCode1() throws Exception {
        Path dir = owned.path().resolve("run");
        start(dir);
        long postmaster = postmasterPid(dir);
        // immediate shutdown (SIGQUIT), not SIGKILL: that would leave its shared memory segment for good
        Process quit = new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster)).redirectErrorStream(true).start();
        assertTrue(quit.waitFor(10, TimeUnit.SECONDS) && quit.exitValue() == 0, "kill -QUIT " + postmaster);
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "LocalStackMain kept running without its PostgreSQL:\n" + output());
        assertEquals(1, process.exitValue(), output());
        assertTrue(output().contains("event=local_stack_child_died clickhouse_running=true kafka_running=true"
                + " postgres_running=false"), output());
        assertEquals(List.of(), awaitNothingRunsFrom(dir), "its hook stopped ClickHouse and Kafka too");
    }

    /**
     * Starts LocalStackMain on four free ports and returns its READY line, matched. Its output goes to a
     * file, not a pipe: the wrapper's watchdog inherits stdout, and with a pipe the JDK's reaper would
     * wait for that pipe's end before closing the watchdog's stdin, which is what ends the watchdog.
     */
    private Matcher start(Path dir) throws Exception {
        ports = Ports.free(4);
        log = owned.path().resolve("local-stack.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", KafkaBroker.childClassPath(), "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                LocalStackMain.class.getName(), "--dir", dir.toString(),
                "--clickhouse-http", Integer.toString(ports[0]), "--clickhouse-tcp", Integer.toString(ports[1]),
                "--kafka", Integer.toString(ports[2]), "--postgres", Integer.toString(ports[3])));
        process = new ProcessBuilder(ParentWatchdog.wrap(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            // the exit is read before the file, so a READY line written just before an exit is still seen
            boolean exited = !process.isAlive();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("READY")) {
                    Matcher m = READY.matcher(line);
                    assertTrue(m.matches(), "unexpected READY line: " + line);
                    return m;
                }
            }
            if (exited) {
                throw new AssertionError("LocalStackMain exited (" + process.exitValue() + ") before READY:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no READY line within " + READY_TIMEOUT.toSeconds() + " s:\n" + output());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // returns at once when it exits
        }
    }

    private String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * What still runs from {@code dir} once it is empty or after 30 s: the wrapper's watchdog (its command
     * line names the dir) leaves on its own a moment after the JVM it guarded.
     */
    private static List<String> awaitNothingRunsFrom(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> running = FolderProcesses.runningFrom(dir).stream()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
            if (running.isEmpty() || System.nanoTime() > deadline) {
                return running;
            }
            Thread.sleep(20);
        }
    }

    private static long postmasterPid(Path runDir) throws IOException {
        return Long.parseLong(Files.readAllLines(runDir.resolve("postgres").resolve("data").resolve("postmaster.pid"))
                .get(0).trim());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
