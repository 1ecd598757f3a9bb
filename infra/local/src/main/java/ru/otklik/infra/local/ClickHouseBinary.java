package ru.otklik.infra.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Finds clickhouse-server; installs the Debian package when it is missing and we may (root + apt-get). */
final class ClickHouseBinary {

    private static final Logger LOG = LogManager.getLogger(ClickHouseBinary.class);
    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse-server"));
    private static final Path APT_GET = Path.of("/usr/bin/apt-get");

    private ClickHouseBinary() {
    }

    static Path locate() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (!isRoot() || !Files.isExecutable(APT_GET)) {
            throw new ClickHouseException("clickhouse-server is not installed (looked for " + CANDIDATES + ")."
                    + " Install it: sudo apt-get install -y clickhouse-server clickhouse-client"
                    + " (or run infra/install-packages.sh)");
        }
        return install();
    }

    private static Optional<Path> find() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Serialized across JVMs by a file lock: parallel builds must not fight over dpkg's lock. */
    private static synchronized Path install() {
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "otklik-clickhouse-install.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.lock(); // released when the channel closes
            Optional<Path> found = find();
            if (found.isPresent()) {
                return found.get();
            }
            String notice = "event=clickhouse_installing reason=binary_missing command=\"apt-get install -y clickhouse-server clickhouse-client\"";
            System.err.println("otklik: " + notice);
            LOG.warn(notice);
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "otklik-clickhouse-install.log");
            Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
            run(List.of(APT_GET.toString(), "update", "-qq"), log, env);
            int code = run(List.of(APT_GET.toString(), "install", "-y", "clickhouse-server", "clickhouse-client"), log, env);
            if (code != 0) {
                throw new ClickHouseException("apt-get install clickhouse-server failed (exit " + code + ")\n" + LogTail.of(log, 30));
            }
            return find().orElseThrow(() -> new ClickHouseException(
                    "apt-get installed clickhouse-server but no binary at " + CANDIDATES));
        } catch (IOException e) {
            throw new ClickHouseException("cannot install clickhouse-server: " + e.getMessage(), e);
        }
    }

    private static int run(List<String> command, Path log, Map<String, String> env) {
        ChildProcess child = ChildProcess.start("apt-get", command, Path.of("/"), log, log, env);
        return child.waitFor(Duration.ofMinutes(10));
    }

    /** Root by the process's real uid (/proc/self), else by user.name. */
    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
