package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A temp folder this JVM owns, with everything that runs from it: created under
 * {@code java.io.tmpdir} with a lock file that the JVM holds until it {@linkplain #release releases}
 * the folder or exits. Releasing stops every process whose command line names the folder (a
 * ClickHouse started with its config there, Chromium with its profile there), then deletes it — in
 * that order, because a server still writing makes the delete fail half way.
 *
 * <p>At JVM exit every folder not yet released is released, without grace: its data is thrown away.
 * If the JVM is killed (SIGKILL runs no hook), the kernel still drops its lock, and the next
 * {@link #create} or {@link #sweep} of the same prefix — in any JVM — sees a folder with a free lock,
 * stops what still runs from it and deletes it. Folders whose owner is alive are never touched.
 */
public final class OwnedTempDir implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(OwnedTempDir.class);
    static final String LOCK_FILE = ".otklik-owner.lock";
    /** Folders made before owner locks existed: swept only when nothing runs from them and they are this old. */
    static final Duration UNLOCKED_MIN_AGE = Duration.ofMinutes(30);
    /**
     * How long the exit hook waits for its folders to go. Deleting a few hundred MB took minutes on a
     * loaded machine (ext4 mounted with {@code discard}); the parent pom gives Surefire forks 300 s to exit.
     */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(280);
    private static final Set<OwnedTempDir> LIVE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OwnedTempDir::releaseAllAtExit, "otklik-temp-dir-release"));
    }

    private final Path path;
    private final FileChannel lock;
    private final AtomicBoolean released = new AtomicBoolean();
    private final List<Runnable> beforeRelease = new java.util.concurrent.CopyOnWriteArrayList<>();

    private OwnedTempDir(Path path, FileChannel lock) {
        this.path = path;
        this.lock = lock;
    }

    /**
     * A new folder {@code <tmpdir>/<prefix><random>}, locked by this JVM. Sweeps the stale folders of
     * the same prefix first, so killed runs do not pile up.
     */
    public static OwnedTempDir create(String prefix) {
        // create and sweep exclude each other: closing any channel on a lock file this JVM holds would
        // drop the JVM's lock on it (POSIX record locks), so a sweep must know every folder owned here
        synchronized (OwnedTempDir.class) {
            sweep(prefix);
            Path dir = null;
            try {
                dir = newFolder(prefix);
                FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                channel.lock();
                channel.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + "\ncreated=" + Instant.now()
                        + "\n").getBytes(StandardCharsets.UTF_8)));
                OwnedTempDir owned = new OwnedTempDir(dir, channel);
                LIVE.add(owned);
                return owned;
            } catch (IOException e) {
                if (dir != null) {
                    FileTrees.delete(dir);
                }
                throw new UncheckedIOException("cannot create an owned temp dir " + prefix + "* in " + tempRoot(), e);
            }
        }
    }

    /**
     * {@code <prefix><8 random letters>}: shorter than {@link Files#createTempDirectory}'s names, because
     * Unix socket paths under such a folder (Chromium's, in its TMPDIR) are limited to 107 bytes.
     */
    private static Path newFolder(String prefix) throws IOException {
        String letters = "abcdefghijklmnopqrstuvwxyz234567";
        for (int attempt = 0; ; attempt++) {
            StringBuilder name = new StringBuilder(prefix);
            for (int i = 0; i < 8; i++) {
                name.append(letters.charAt(RANDOM.nextInt(letters.length())));
            }
            try {
                return Files.createDirectory(tempRoot().resolve(name.toString()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    public Path path() {
        return path;
    }

    /**
     * Runs {@code action} when the folder is released, before its processes are signalled: for a server
     * that a SIGKILL leaves debris of outside the folder (a postmaster's System V shared memory segment
     * stays until reboot), so it can stop itself quickly first. It must be quick and must not throw.
     */
    public void beforeRelease(Runnable action) {
        beforeRelease.add(action);
    }

    /** Stops what runs from the folder (SIGTERM, SIGKILL after {@code grace}), deletes it, drops the lock. */
    public void release(Duration grace) {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Runnable action : beforeRelease) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("event=before_release_failed dir={} reason=\"{}\"", path, e.toString());
                }
            }
            FolderProcesses.stop(path, grace);
            if (!FileTrees.delete(path, path.resolve(LOCK_FILE))) {
                String left = FileTrees.describe(path);
                LOG.warn("event=temp_dir_not_deleted dir={} left={}", path, left);
                System.err.println("otklik: event=temp_dir_not_deleted dir=" + path + " left=" + left);
            }
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
            LIVE.remove(this);
        }
    }

    /** {@link #release} with a short grace: what runs from the folder has been asked to stop already. */
    @Override
    public void close() {
        release(Duration.ofSeconds(5));
    }

    /**
     * Deletes the folders {@code <tmpdir>/<prefix>*} whose owner is gone, after stopping what still
     * runs from them; returns the folders deleted.
     */
    public static List<Path> sweep(String prefix) {
        synchronized (OwnedTempDir.class) {
            List<Path> swept = new ArrayList<>();
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempRoot(), prefix + "*")) {
                for (Path dir : dirs) {
                    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !ownedHere(dir) && sweepIfStale(dir)) {
                        swept.add(dir);
                    }
                }
            } catch (IOException e) {
                LOG.warn("event=sweep_failed prefix={} reason=\"{}\"", prefix, e.toString());
            }
            return swept;
        }
    }

    private static boolean sweepIfStale(Path dir) {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return sweepUnlocked(dir);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock ownerGone = channel.tryLock();
            if (ownerGone == null) {
                return false; // its JVM is alive
            }
            String owner = Files.readString(lockFile, StandardCharsets.UTF_8).replace('\n', ' ').trim();
            List<Long> stopped = FolderProcesses.stop(dir, Duration.ofSeconds(5));
            boolean deleted = FileTrees.delete(dir, lockFile);
            LOG.warn("event=stale_temp_dir_swept dir={} owner=\"{}\" processes_stopped={} deleted={}",
                    dir, owner, stopped, deleted);
            return deleted;
        } catch (NoSuchFileException e) {
            return false; // its owner released it meanwhile
        } catch (IOException | OverlappingFileLockException e) {
            LOG.warn("event=sweep_skipped dir={} reason=\"{}\"", dir, e.toString());
            return false;
        }
    }

    /** A folder from before owner locks: stale once nothing runs from it and nothing changed it for a while. */
    private static boolean sweepUnlocked(Path dir) {
        try {
            Instant modified = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
            if (modified.isAfter(Instant.now().minus(UNLOCKED_MIN_AGE)) || !FolderProcesses.runningFrom(dir).isEmpty()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        boolean deleted = FileTrees.delete(dir);
        LOG.warn("event=stale_temp_dir_swept dir={} owner=unknown deleted={}", dir, deleted);
        return deleted;
    }

    private static boolean ownedHere(Path dir) {
        return LIVE.stream().anyMatch(owned -> owned.path.equals(dir));
    }

    private static void releaseAllAtExit() {
        // in parallel: each release waits for its processes to die, and Surefire kills a fork whose
        // exit takes longer than 30 s, leaving everything behind
        List<Thread> releases = new ArrayList<>();
        for (OwnedTempDir owned : LIVE) {
            Thread release = new Thread(() -> owned.release(Duration.ZERO), "otklik-release-" + owned.path.getFileName());
            release.start();
            releases.add(release);
        }
        // one deadline for all: the JVM halts when this hook returns, and a release cut short leaves
        // its folder half deleted
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (Thread release : releases) {
            try {
                release.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // log4j stops in its own hook: say it on stderr, which Surefire keeps in the test report
        for (Thread release : releases) {
            if (release.isAlive()) {
                System.err.println("otklik: event=temp_dir_release_unfinished thread=" + release.getName());
            }
        }
    }

    static Path tempRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
