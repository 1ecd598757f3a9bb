package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL from {@code /usr/lib/postgresql/<n>/bin}. No assumption skips anything: a machine
 * without PostgreSQL fails here, naming what is missing.
 */
class PostgresServerIT {

    /** A prefix no other test uses, so a sweep here only sees this test's folders. */
    private final String prefix = "otklik-pg-test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private OwnedTempDir owned;

    @BeforeEach
    void folder() {
        owned = OwnedTempDir.create(prefix);
    }

    @AfterEach
    void release() {
        owned.release(Duration.ZERO);
    }

    @Test
    void storesAndReturnsCyrillicTextAndLeavesNothingRunningWhenClosed() throws Exception {
        Path dir = owned.path().resolve("pg");
        PostgresServer server = PostgresServer.start(dir);
        long postmaster = server.postmasterPid();
        long shmid = shmid(server.dataDir());
        try {
            assertTrue(segmentExists(shmid));
            assertTrue(server.isRunning());
            assertEquals("jdbc:postgresql://127.0.0.1:" + server.port() + "/otklik", server.jdbcUrl());
            assertEquals("otklik", server.user());
            try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE office (code text PRIMARY KEY, name text NOT NULL)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO office VALUES (?, ?)")) {
                    insert.setString(1, "BRY-01");
                    insert.setString(2, "ЦЗН Брянска — отклик «ёЁ»");
                    assertEquals(1, insert.executeUpdate());
                }
                try (ResultSet rs = statement.executeQuery("SELECT name, current_database(), current_user,"
                        + " pg_encoding_to_char(encoding) FROM office, pg_database WHERE datname = current_database()")) {
                    assertTrue(rs.next());
                    assertEquals("ЦЗН Брянска — отклик «ёЁ»", rs.getString(1));
                    assertEquals("otklik", rs.getString(2));
                    assertEquals("otklik", rs.getString(3));
                    assertEquals("UTF8", rs.getString(4));
                }
            }
            assertEquals(List.of(postmaster), FolderProcesses.runningFrom(dir.resolve("data")).stream()
                    .map(ProcessHandle::pid).filter(pid -> pid == postmaster).toList(),
                    "the postmaster's command line names its data dir, so a folder sweep finds it");
        } finally {
            server.close();
        }
        assertFalse(server.isRunning());
        assertFalse(accepts(server.port()), "the port still accepts connections after close");
        assertFalse(PostgresServer.isPostmaster(postmaster, server.dataDir()), "the postmaster outlived close()");
        assertEquals(List.of(), FolderProcesses.runningFrom(dir), "something still runs from the server's folder");
        assertFalse(segmentExists(shmid), "the shared memory segment outlived the server");
        server.close(); // idempotent
    }

    @Test
    void aRestartOnTheSameDirectoryKeepsTheData() throws Exception {
        Path dir = owned.path().resolve("pg");
        try (PostgresServer first = PostgresServer.start(dir);
             Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
            statement.execute("INSERT INTO kept VALUES (1, 'первый запуск')");
        }
        try (PostgresServer second = PostgresServer.start(dir);
             Connection connection = second.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT note FROM kept WHERE id = 1")) {
            assertTrue(rs.next(), "the row written before the restart is gone");
            assertEquals("первый запуск", rs.getString(1));
        }
        assertEquals(List.of(), FolderProcesses.runningFrom(dir));
    }

    @Test
    void releasingTheOwnedFolderKillsThePostmasterEvenWithoutItsGuard() throws Exception {
        PostgresServer server = PostgresServer.start(owned.path().resolve("pg"));
        long postmaster = server.postmasterPid();
        long shmid = shmid(server.dataDir());
        // what a sweep meets after a SIGKILL of the JVM, should the guard have died with it
        ProcessHandle.of(server.guardPid()).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(ScenarioJvm.awaitGone(server.guardPid(), 10));
        assertTrue(server.isRunning(), "the postmaster does not depend on its guard");

        owned.release(Duration.ofSeconds(5)); // the grace a sweep gives
        assertTrue(ScenarioJvm.awaitGone(postmaster, 10), "the folder's release left its postmaster running");
        assertFalse(Files.exists(owned.path()));
        assertFalse(accepts(server.port()));
        assertFalse(segmentExists(shmid), "SIGTERM is a clean (smart) shutdown: no segment left");
        server.close(); // nothing left to stop: no error
    }

    @Test
    void theSharedStackStartsOnePostgresOnFirstUse() throws Exception {
        TestStack stack = TestStack.shared();
        PostgresServer postgres = stack.postgres();
        assertSame(postgres, stack.postgres());
        assertSame(postgres, TestStack.shared().postgres());
        assertTrue(postgres.workDir().startsWith(stack.dir()), "inside the stack's owned folder: " + postgres.workDir());
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 'ок'")) {
            assertTrue(rs.next());
            assertEquals("ок", rs.getString(1));
        }
    }

    @Test
    void aStackWithPostgresLeavesNothingAfterANormalExit() throws Exception {
        Path pidFileCopy = owned.path().resolve("postmaster.pid"); // what shmid(owned.path()) reads
        try (ScenarioJvm jvm = ScenarioJvm.start("stack-postgres-exit", pidFileCopy.toString())) {
            Path dir = Path.of(jvm.dir);
            try {
                assertTrue(jvm.process.waitFor(120, TimeUnit.SECONDS), "the JVM exits");
                assertTrue(ScenarioJvm.awaitGone(jvm.childPid, 10), "the postmaster outlived its JVM");
                // the exit hook SIGKILLs what runs from the folder; the postmaster quits before that
                assertFalse(segmentExists(shmid(owned.path())), "the shared memory segment outlived the stack");
                assertEquals(List.of(), FolderProcesses.runningFrom(dir), "no server outlives the JVM");
                assertFalse(Files.exists(dir), "the stack's folder is deleted at exit");
            } finally {
                FolderProcesses.stop(dir, Duration.ZERO);
                FileTrees.delete(dir);
            }
        }
    }

    @Test
    void afterASigkillThePostmasterStopsAndTheNextStackSweepsTheFolder() throws Exception {
        try (ScenarioJvm jvm = ScenarioJvm.start("stack-postgres")) {
            Path dir = Path.of(jvm.dir);
            try {
                List<Long> running = FolderProcesses.runningFrom(dir).stream().map(ProcessHandle::pid).toList();
                assertTrue(running.contains(jvm.childPid), "the postmaster is found from the stack's folder: " + running);
                long shmid = shmid(dir.resolve("postgres").resolve("data"));
                jvm.kill();
                // its guard's watchdog sees the JVM gone and the guard fast-stops the postmaster
                assertTrue(ScenarioJvm.awaitGone(jvm.childPid, 30), "the postmaster outlived its SIGKILLed JVM");
                assertFalse(segmentExists(shmid), "a fast shutdown removes the shared memory segment");
                assertTrue(Files.isDirectory(dir), "no hook ran, so the folder is still there");
                assertTrue(OwnedTempDir.sweep(TestStack.DIR_PREFIX).contains(dir));
                assertFalse(Files.exists(dir));
            } finally {
                FolderProcesses.stop(dir, Duration.ZERO);
                FileTrees.delete(dir);
            }
        }
    }

    /**
     * The cluster's System V shared memory segment, from line 7 of {@code postmaster.pid} ("key shmid").
     * A postmaster killed by SIGKILL leaves it behind for good once the data dir is deleted.
     */
    private static long shmid(Path data) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
        String[] keyAndId = lines.get(6).trim().split("\\s+");
        return Long.parseLong(keyAndId[1]);
    }

    private static boolean segmentExists(long shmid) throws IOException {
        return Files.readAllLines(Path.of("/proc/sysvipc/shm")).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .anyMatch(columns -> columns.length > 1 && columns[1].equals(Long.toString(shmid)));
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
