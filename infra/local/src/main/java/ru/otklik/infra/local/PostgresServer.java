package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A private PostgreSQL server (the operational store) with its cluster in {@code workDir/data},
 * started with {@code pg_ctl} on a loopback port, user {@code otklik} trusted, database
 * {@code otklik}. The cluster survives a restart on the same directory (the run command keeps it).
 *
 * <p>{@code pg_ctl start} daemonizes the postmaster, so it is not a {@link ChildProcess} and no
 * {@link ParentWatchdog} sits in front of it. Two things make it die with this JVM anyway:
 * <ul>
 *   <li>a <em>guard</em>, a small bash {@link ChildProcess} (so under a watchdog) that sleeps until
 *   it gets SIGTERM — from its watchdog when the JVM is gone (even SIGKILLed), from the JVM's exit
 *   hook, from a folder sweep — and then fast-stops the postmaster (SIGINT: sessions rolled back,
 *   a checkpoint, its shared memory removed), SIGKILL after 10 s;</li>
 *   <li>the postmaster's command line names the data dir ({@code postgres -D <workDir>/data ...}),
 *   so when {@code workDir} is inside an {@link OwnedTempDir}, {@link FolderProcesses} finds it and
 *   releasing or sweeping the folder kills it like ClickHouse.</li>
 * </ul>
 *
 * <p>As root (the test machines), PostgreSQL refuses to run: {@code workDir} is then given to the
 * {@code postgres} user and initdb/pg_ctl run through {@code runuser -u postgres --}; folders above
 * it that {@code postgres} cannot enter (an owned temp dir is {@code rwx------}) get {@code o+x}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(PostgresServer.class);
    public static final String USER = "otklik";
    public static final String DATABASE = "otklik";
    /** initdb took 0.9 s on a quiet machine and 8.5 s under a stress run (it fsyncs the new cluster). */
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** sun_path is 108 bytes with its NUL; the server's socket is {@code <workDir>/.s.PGSQL.<port>}. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final Path RUNUSER = Path.of("/usr/sbin/runuser");
    static final String GUARD_NAME = "otklik-postgres-guard";

    /**
     * The guard: {@code $1} the postmaster's pid, {@code $2} its data dir, {@code $3} a path for a
     * fifo. It blocks in {@code read} on the fifo (opened read-write, so it never sees end-of-file
     * and needs no child process to sleep in), and a trapped signal interrupts the read. It signals
     * the pid only while that process's command line still names the data dir: after a normal
     * stop the pid may belong to someone else.
     */
    static final String GUARD_SCRIPT = String.join("\n",
            "pm=$1; data=$2; fifo=$3",
            "ours() { [ -r /proc/$pm/cmdline ] && tr '\\0' ' ' < /proc/$pm/cmdline 2>/dev/null | grep -qF -- \"-D $data \"; }",
            "stop() {",
            "  trap '' TERM INT HUP",
            "  ours || exit 0",
            "  kill -INT \"$pm\" 2>/dev/null",
            "  for _ in $(seq 100); do ours || exit 0; sleep 0.1; done",
            "  kill -KILL \"$pm\" 2>/dev/null",
            "  exit 0",
            "}",
            "trap stop TERM INT HUP",
            "rm -f \"$fifo\"; mkfifo -m 600 \"$fifo\" && exec 4<>\"$fifo\"; rm -f \"$fifo\"",
            "while :; do read -r -u 4 _ || exit 1; done");

    private final Path dir;
    private final int port;
    private final PostgresBinaries binaries;
    private final boolean asPostgresUser;
    private final long postmasterPid;
    private final ChildProcess guard;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(Path dir, int port, PostgresBinaries binaries, boolean asPostgresUser, long postmasterPid,
                           ChildProcess guard) {
        this.dir = dir;
        this.port = port;
        this.binaries = binaries;
        this.asPostgresUser = asPostgresUser;
        this.postmasterPid = postmasterPid;
        this.guard = guard;
    }

    /** Starts on a free loopback port (tests); retries with a new port if it was snatched meanwhile. */
    public static PostgresServer start(Path workDir) {
        return Ports.startOnFree("postgres", 1, ports -> start(workDir, ports[0]));
    }

    /** Starts on a fixed port (the run command); fails fast if it is taken. */
    public static PostgresServer start(Path workDir, int port) {
        PostgresBinaries binaries = PostgresBinaries.locate();
        Path dir = ClickHouseServer.absolute(workDir);
        Path data = dir.resolve("data");
        String socket = dir.resolve(".s.PGSQL." + port).toString();
        if (socket.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new PostgresException("the server's socket path " + socket + " is longer than " + MAX_SOCKET_PATH
                    + " bytes, the limit for a Unix socket: choose a shorter work dir");
        }
        boolean asPostgresUser = ClickHouseBinary.isRoot();
        if (asPostgresUser) {
            handToPostgresUser(dir);
        }
        // a postmaster of a killed run still holds the cluster (and maybe our port): stop it first
        stopOrphan(binaries, dir, asPostgresUser);
        Ports.requireFree("PostgreSQL", port);

        long started = System.nanoTime();
        LOG.info("event=postgres_starting port={} dir={} as_postgres_user={}", port, dir, asPostgresUser);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb(binaries, dir, asPostgresUser);
        }
        int exit = tool("pg_ctl-start", asPostgresUser, dir, START_TIMEOUT.plusSeconds(10),
                binaries.pgCtl().toString(), "-D", data.toString(),
                // pg_ctl hands -o to a shell: the quotes keep a path with spaces whole
                "-o", "-p " + port + " -k \"" + dir + "\" -c listen_addresses=127.0.0.1",
                "-l", log(dir).toString(), "-t", Long.toString(START_TIMEOUT.toSeconds()), "-w", "start");
        if (exit != 0) {
            // pg_ctl leaves a postmaster that did not get ready within -t running: do not leak it
            postmasterPid(data).ifPresent(pid -> kill(pid, data));
            throw new PostgresException("pg_ctl start failed (exit " + exit + ") on port " + port + "\n"
                    + LogTail.of(log(dir), 30) + "\n" + LogTail.of(dir.resolve("pg_ctl-start.log"), 20));
        }
        long pid = postmasterPid(data).orElseThrow(() -> new PostgresException(
                "pg_ctl started the server but " + data.resolve("postmaster.pid") + " names no pid\n" + LogTail.of(log(dir), 30)));
        ChildProcess guard = ChildProcess.start(GUARD_NAME,
                List.of("/bin/bash", "-c", GUARD_SCRIPT, GUARD_NAME, Long.toString(pid), data.toString(),
                        dir.resolve("guard.fifo").toString()),
                dir, dir.resolve("guard.log"), dir.resolve("guard.log"), Map.of());
        PostgresServer server = new PostgresServer(dir, port, binaries, asPostgresUser, pid, guard);
        try {
            server.createDatabase(started);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("event=postgres_started port={} pid={} seconds={} dir={}", port, pid, seconds(started), dir);
        return server;
    }

    private static void initdb(PostgresBinaries binaries, Path dir, boolean asPostgresUser) {
        long started = System.nanoTime();
        Path data = dir.resolve("data");
        int exit = tool("initdb", asPostgresUser, dir, INITDB_TIMEOUT, binaries.initdb().toString(),
                "-D", data.toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C.UTF-8");
        if (exit != 0) {
            throw new PostgresException("initdb failed (exit " + exit + ") for " + data + "\n" + LogTail.of(dir.resolve("initdb.log"), 30));
        }
        LOG.info("event=postgres_cluster_created seconds={} dir={}", seconds(started), data);
    }

    /** Waits until JDBC works, then creates the database {@code otklik} if absent (the cluster only has {@code postgres}). */
    private void createDatabase(long startedNanos) {
        long deadline = startedNanos + START_TIMEOUT.toNanos();
        try (Connection connection = awaitConnection("postgres", deadline); Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
                LOG.info("event=postgres_database_created database={} port={}", DATABASE, port);
            }
        } catch (SQLException e) {
            throw new PostgresException("cannot create database " + DATABASE + " on port " + port + ": " + e.getMessage(), e);
        }
        try (Connection ignored = awaitConnection(DATABASE, deadline)) {
            // the database answers
        } catch (SQLException e) {
            throw new PostgresException("cannot connect to " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private Connection awaitConnection(String database, long deadlineNanos) {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "5");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        SQLException last = null;
        while (System.nanoTime() < deadlineNanos) {
            if (!isRunning()) {
                throw new PostgresException("the postmaster (pid " + postmasterPid + ") exited during startup\n" + LogTail.of(log(dir), 30));
            }
            try {
                return DriverManager.getConnection(url, properties);
            } catch (SQLException e) {
                last = e;
            }
            ClickHouseServer.sleep(100);
        }
        throw new PostgresException("no JDBC connection to " + url + " within " + START_TIMEOUT.toSeconds() + " s: "
                + (last == null ? "" : last.getMessage()) + "\n" + LogTail.of(log(dir), 30), last);
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/otklik}; user {@link #user()}, no password (trust). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** A new connection to {@link #jdbcUrl()} as {@link #user()}. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    public Path workDir() {
        return dir;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public long postmasterPid() {
        return postmasterPid;
    }

    /** The guard's pid (tests kill it to see that a folder sweep alone stops the postmaster). */
    long guardPid() {
        return guard.pid();
    }

    /** The postmaster runs (a zombie does not count: here PID 1 may never reap it). */
    public boolean isRunning() {
        return isPostmaster(postmasterPid, dataDir());
    }

    /**
     * {@code pg_ctl -m fast stop} (sessions rolled back, a checkpoint), SIGKILL of the postmaster if it
     * is still there after {@link #STOP_GRACE}; returns once it is gone. The cluster stays on disk.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        // the guard first, by SIGKILL so its trap does not run: from here on this method stops the server
        guard.process().destroyForcibly();
        if (isRunning()) {
            int exit = tool("pg_ctl-stop", asPostgresUser, dir, STOP_GRACE.plusSeconds(5), binaries.pgCtl().toString(),
                    "-D", dataDir().toString(), "-m", "fast", "-t", Long.toString(STOP_GRACE.toSeconds()), "-w", "stop");
            if (!awaitGone(postmasterPid, dataDir(), Duration.ofSeconds(5))) {
                LOG.warn("event=postgres_kill pid={} reason=no_exit_after_fast_stop pg_ctl_exit={} grace_s={}",
                        postmasterPid, exit, STOP_GRACE.toSeconds());
                kill(postmasterPid, dataDir());
            } else if (exit != 0) {
                // gone all the same: another stop got there first (the JVM's exit hook that stops every
                // child, as on Ctrl-C of the run command), so pg_ctl found no server — not a failure
                LOG.info("event=postgres_stopped_meanwhile pid={} pg_ctl_exit={}", postmasterPid, exit);
            }
        }
        guard.stop(Duration.ofSeconds(1));
        awaitNothingRunsFromFolder(Duration.ofSeconds(10));
        LOG.info("event=postgres_stopped port={} seconds={} dir={}", port, seconds(started), dir);
    }

    /**
     * Returns once no process runs from the server's folder: the guard's watchdog notices its child's
     * end on its own poll, and the postmaster's last children leave after it — on a loaded machine
     * that takes a moment after the stop returned. Whatever is still there at the deadline is killed.
     */
    private void awaitNothingRunsFromFolder(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!FolderProcesses.runningFrom(dir).isEmpty()) {
            if (System.nanoTime() > deadline) {
                for (ProcessHandle p : FolderProcesses.runningFrom(dir)) {
                    LOG.warn("event=postgres_folder_process_killed pid={} dir={}", p.pid(), dir);
                    p.destroyForcibly();
                }
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Immediate shutdown (SIGQUIT: no checkpoint, crash recovery on the next start) within a few
     * seconds, SIGKILL after: for a test stack thrown away at JVM exit. Not a SIGKILL at once, which
     * would leave the cluster's System V shared memory segment behind for good (nothing removes it
     * once its data dir is deleted).
     */
    public void stopImmediately() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        guard.process().destroyForcibly();
        if (isRunning()) {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(postmasterPid)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                LOG.warn("event=postgres_quit_failed pid={} reason=\"{}\"", postmasterPid, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!awaitGone(postmasterPid, dataDir(), Duration.ofSeconds(5))) {
                kill(postmasterPid, dataDir());
            }
        }
        LOG.info("event=postgres_stopped_immediately port={} dir={}", port, dir);
    }

    /** Runs initdb or pg_ctl (as {@code postgres} when we are root) with its output in {@code <dir>/<name>.log}. */
    private static int tool(String name, boolean asPostgresUser, Path dir, Duration timeout, String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of(RUNUSER.toString(), "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Path log = dir.resolve(name + ".log");
        ChildProcess child = ChildProcess.start(name, full, dir, log, log, Map.of());
        return child.waitFor(timeout);
    }

    /**
     * Gives {@code dir} to {@code postgres} and lets that user reach it: folders above it that it cannot
     * enter get {@code o+x} (enter, not list). Without it initdb fails with "Permission denied".
     */
    private static void handToPostgresUser(Path dir) {
        if (!Files.isExecutable(RUNUSER)) {
            throw new PostgresException("running as root, PostgreSQL must run as user postgres, but " + RUNUSER
                    + " is missing (Debian package util-linux)");
        }
        try {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            GroupPrincipal group;
            try {
                view.setOwner(users.lookupPrincipalByName("postgres"));
                group = users.lookupPrincipalByGroupName("postgres");
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
                throw new PostgresException("running as root, PostgreSQL must run as user postgres, which does not exist."
                        + " Install PostgreSQL: infra/install-packages.sh (Debian package postgresql creates the user)");
            }
            view.setGroup(group);
            Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            for (Path parent = dir.getParent(); parent != null; parent = parent.getParent()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(parent);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(parent, permissions);
                    LOG.info("event=postgres_dir_made_enterable dir={} reason=postgres_user_must_reach_its_cluster", parent);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + dir + " to user postgres", e);
        }
    }

    /**
     * Stops a postmaster a killed run left on this cluster (its guard died with a SIGKILL too): found
     * by the lock file, checked by its command line, stopped like {@link #close}.
     */
    private static void stopOrphan(PostgresBinaries binaries, Path dir, boolean asPostgresUser) {
        Path data = dir.resolve("data");
        postmasterPid(data).filter(pid -> isPostmaster(pid, data)).ifPresent(pid -> {
            LOG.warn("event=postgres_orphan_stopping pid={} dir={}", pid, data);
            int exit = tool("pg_ctl-stop", asPostgresUser, dir, STOP_GRACE.plusSeconds(5), binaries.pgCtl().toString(),
                    "-D", data.toString(), "-m", "fast", "-t", Long.toString(STOP_GRACE.toSeconds()), "-w", "stop");
            if (exit != 0 || !awaitGone(pid, data, Duration.ofSeconds(5))) {
                kill(pid, data);
            }
        });
    }

    /** The first line of {@code postmaster.pid}, which the postmaster writes and removes itself. */
    private static Optional<Long> postmasterPid(Path data) {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code pid} runs, is not a zombie, and its command line names this cluster ({@code -D <data>}). */
    static boolean isPostmaster(long pid, Path data) {
        return FolderProcesses.names(pid, data) && ProcessHandle.of(pid).map(FolderProcesses::running).orElse(false);
    }

    private static void kill(long pid, Path data) {
        if (isPostmaster(pid, data)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            if (!awaitGone(pid, data, Duration.ofSeconds(10))) {
                LOG.warn("event=postgres_kill_failed pid={} dir={}", pid, data);
            }
        }
    }

    private static boolean awaitGone(long pid, Path data, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (isPostmaster(pid, data)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            ClickHouseServer.sleep(20);
        }
        return true;
    }

    private static Path log(Path dir) {
        return dir.resolve("postgres.log");
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }
}
