package ru.otklik.infra.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code initdb} and {@code pg_ctl} of one PostgreSQL version: Debian keeps them off the PATH in
 * {@code /usr/lib/postgresql/<major>/bin} (the highest major wins when several are installed),
 * other systems put them on the PATH. Unlike {@link ClickHouseBinary} this never installs anything:
 * {@code infra/install-packages.sh} does.
 */
record PostgresBinaries(Path initdb, Path pgCtl) {

    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    static PostgresBinaries locate() {
        List<Path> looked = new ArrayList<>();
        for (Path bin : debianBinDirs()) {
            looked.add(bin);
            if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                return new PostgresBinaries(bin.resolve("initdb"), bin.resolve("pg_ctl"));
            }
        }
        Optional<Path> initdb = onPath("initdb");
        Optional<Path> pgCtl = onPath("pg_ctl");
        if (initdb.isPresent() && pgCtl.isPresent()) {
            return new PostgresBinaries(initdb.get(), pgCtl.get());
        }
        String missing = initdb.isEmpty() && pgCtl.isEmpty() ? "initdb and pg_ctl" : initdb.isEmpty() ? "initdb" : "pg_ctl";
        throw new PostgresException("PostgreSQL is not installed: no " + missing + " in "
                + (looked.isEmpty() ? DEBIAN_ROOT + "/*/bin" : looked) + " nor on the PATH."
                + " Install it: infra/install-packages.sh (Debian package postgresql)");
    }

    /** {@code /usr/lib/postgresql/<n>/bin}, highest major first (15 before 9.6, numerically). */
    private static List<Path> debianBinDirs() {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return dirs;
        }
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN_ROOT, "[0-9]*")) {
            versions.forEach(version -> dirs.add(version.resolve("bin")));
        } catch (IOException e) {
            return dirs;
        }
        dirs.sort(Comparator.comparing((Path bin) -> versionOf(bin.getParent().getFileName().toString())).reversed());
        return dirs;
    }

    private static Double versionOf(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return -1.0;
        }
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
