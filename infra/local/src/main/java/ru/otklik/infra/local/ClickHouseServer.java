package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A real clickhouse-server child process with its own config and data under {@code workDir}.
 * Data survives a restart on the same directory (the run command reuses it).
 */
public final class ClickHouseServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ClickHouseServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final ClickHouseConfig config;
    private final ChildProcess process;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClickHouseServer(ClickHouseConfig config, ChildProcess process) {
        this.config = config;
        this.process = process;
    }

    /** Starts on free loopback ports (tests); retries with new ports if one was snatched meanwhile. */
    public static ClickHouseServer start(Path workDir) {
        return Ports.startOnFree("clickhouse", 2, ports -> start(workDir, ports[0], ports[1]));
    }

    /** Starts on fixed ports (the run command); fails fast if one is taken. */
    public static ClickHouseServer start(Path workDir, int httpPort, int tcpPort) {
        if (httpPort == tcpPort) {
            throw new IllegalArgumentException("http and tcp ports must differ: " + httpPort);
        }
        Path binary = ClickHouseBinary.locate();
        Path dir = absolute(workDir);
        ClickHouseConfig config = new ClickHouseConfig(dir, httpPort, tcpPort,
                ClickHouseAnalyst.resolve(dir, System.getenv(ClickHouseAnalyst.PASSWORD_ENV)));
        ChildProcess.stopOrphan(config.pidFile(), config.configFile().toString());
        config.write();
        Ports.requireFree("ClickHouse HTTP", httpPort);
        Ports.requireFree("ClickHouse TCP", tcpPort);

        long started = System.nanoTime();
        LOG.info("event=clickhouse_starting http={} tcp={} dir={}", httpPort, tcpPort, dir);
        ChildProcess process = ChildProcess.start("clickhouse-server",
                List.of(binary.toString(), "--config-file=" + config.configFile()),
                dir, config.stdoutLog(), config.stderrLog(), Map.of());
        process.writePidFile(config.pidFile());
        ClickHouseServer server = new ClickHouseServer(config, process);
        server.awaitPing(started);
        LOG.info("event=clickhouse_started http={} tcp={} pid={} seconds={} dir={}", httpPort, tcpPort,
                process.pid(), String.format("%.1f", (System.nanoTime() - started) / 1e9), dir);
        return server;
    }

    private void awaitPing(long startedNanos) {
        ClickHouseHttp http = new ClickHouseHttp(httpUrl());
        long deadline = startedNanos + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ClickHouseException("clickhouse-server exited during startup (exit "
                        + process.process().exitValue() + ")\n" + failureLogs());
            }
            if (http.ping()) {
                return;
            }
            sleep(100);
        }
        process.stop(Duration.ofSeconds(5));
        throw new ClickHouseException("clickhouse-server did not answer GET /ping on " + httpUrl()
                + " within " + START_TIMEOUT.toSeconds() + " s\n" + failureLogs());
    }

    private String failureLogs() {
        return LogTail.of(config.errorLog(), 30) + "\n" + LogTail.of(config.stderrLog(), 20);
    }

    public int httpPort() {
        return config.httpPort();
    }

    public int tcpPort() {
        return config.tcpPort();
    }

    /** {@code http://127.0.0.1:<httpPort>}, for {@link ClickHouseHttp}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + config.httpPort();
    }

    /** For clickhouse-jdbc 0.11 over HTTP, database {@code otklik}. */
    public String jdbcUrl() {
        return "jdbc:clickhouse:http://127.0.0.1:" + config.httpPort() + "/otklik";
    }

    public ClickHouseHttp http() {
        return new ClickHouseHttp(httpUrl());
    }

    /** The analysts' read-only account (see {@link ClickHouseAnalyst}). */
    public ClickHouseAnalyst analyst() {
        return config.analyst();
    }

    /** A client that logs in as the analysts' account. */
    public ClickHouseHttp analystHttp() {
        return new ClickHouseHttp(httpUrl(), ClickHouseAnalyst.USER, config.analyst().password());
    }

    public Path workDir() {
        return config.dir();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit; data stays on disk. */
    @Override
    public void close() {
        // the JVM-exit reaper may have stopped the process already; stop is idempotent
        process.stop(STOP_GRACE);
        if (closed.compareAndSet(false, true)) {
            LOG.info("event=clickhouse_stopped http={} dir={}", config.httpPort(), config.dir());
        }
    }

    static Path absolute(Path dir) {
        try {
            return Files.createDirectories(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
