package ru.otklik.infra.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Applies the schema migrations packaged under {@code clickhouse/migrations/} (copied from
 * infra/clickhouse/migrations) in version order, each statement as its own request, and records
 * them in {@code otklik.schema_migrations}. An applied migration whose file changed is an error:
 * fix forward with a new file instead. A migration that failed half-way is not recorded, so the
 * next run executes it again: statements must be idempotent ({@code IF NOT EXISTS}).
 */
public final class ClickHouseMigrations {

    static final String RESOURCE_DIR = "clickhouse/migrations";
    private static final Logger LOG = LogManager.getLogger(ClickHouseMigrations.class);

    private ClickHouseMigrations() {
    }

    /** Applies what is missing; returns the file names applied now (empty when up to date). */
    public static List<String> apply(ClickHouseHttp ch) {
        return apply(ch, classpathMigrations());
    }

    static List<String> apply(ClickHouseHttp ch, List<Migration> migrations) {
        ch.execute("CREATE DATABASE IF NOT EXISTS otklik");
        ch.execute("CREATE TABLE IF NOT EXISTS otklik.schema_migrations (version UInt32, name String,"
                + " checksum String, applied_at DateTime) ENGINE = MergeTree ORDER BY version");
        Map<Integer, Map<String, Object>> applied = new HashMap<>();
        for (Map<String, Object> row : ch.select("SELECT version, name, checksum FROM otklik.schema_migrations")) {
            applied.put((int) ClickHouseHttp.asLong(row.get("version")), row);
        }
        List<String> appliedNow = new ArrayList<>();
        for (Migration migration : migrations) {
            Map<String, Object> done = applied.get(migration.version());
            if (done != null) {
                if (!migration.checksum().equals(done.get("checksum"))) {
                    throw new ClickHouseException("migration " + migration.fileName() + " was changed after it was"
                            + " applied (checksum recorded " + done.get("checksum") + ", file now " + migration.checksum()
                            + "). Never edit an applied migration: add a new V<n>__*.sql instead.");
                }
                continue;
            }
            long started = System.nanoTime();
            List<String> statements = migration.statements();
            for (String statement : statements) {
                try {
                    ch.execute(statement);
                } catch (ClickHouseException e) {
                    throw new ClickHouseException("migration " + migration.fileName() + " failed: " + e.getMessage(), e);
                }
            }
            ch.execute("INSERT INTO otklik.schema_migrations (version, name, checksum, applied_at) VALUES ("
                    + migration.version() + ", " + ClickHouseHttp.quote(migration.name()) + ", "
                    + ClickHouseHttp.quote(migration.checksum()) + ", now())");
            LOG.info("event=migration_applied file={} statements={} ms={}", migration.fileName(), statements.size(),
                    (System.nanoTime() - started) / 1_000_000);
            appliedNow.add(migration.fileName());
        }
        LOG.info("event=migrations_done applied_now={} total={}", appliedNow.size(), migrations.size());
        return List.copyOf(appliedNow);
    }

    /** Migration files on the classpath (directories or jars), ordered by version. */
    static List<Migration> classpathMigrations() {
        ClassLoader loader = ClickHouseMigrations.class.getClassLoader();
        TreeMap<Integer, Migration> byVersion = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(RESOURCE_DIR);
            while (roots.hasMoreElements()) {
                for (Migration migration : readRoot(roots.nextElement())) {
                    Migration other = byVersion.putIfAbsent(migration.version(), migration);
                    if (other != null && !other.fileName().equals(migration.fileName())) {
                        throw new ClickHouseException("two migrations with version " + migration.version() + ": "
                                + other.fileName() + " and " + migration.fileName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath " + RESOURCE_DIR, e);
        }
        if (byVersion.isEmpty()) {
            throw new ClickHouseException("no migrations found on the classpath under " + RESOURCE_DIR + "/");
        }
        return List.copyOf(byVersion.values());
    }

    private static List<Migration> readRoot(URL root) throws IOException {
        URI uri;
        try {
            uri = root.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("bad resource URL " + root, e);
        }
        if ("jar".equals(uri.getScheme())) {
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                return readDir(jar.provider().getPath(uri));
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        }
        return readDir(Path.of(uri));
    }

    private static List<Migration> readDir(Path dir) throws IOException {
        List<Migration> migrations = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String fileName = file.getFileName().toString();
                if (Migration.isMigrationFile(fileName)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        migrations.add(Migration.of(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return migrations;
    }
}
