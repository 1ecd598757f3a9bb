package ru.otklik.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A server started as a child process with its output in files. Every live child is stopped by a
 * JVM shutdown hook, so a finished test JVM or a Ctrl-C'd run command leaves no orphan behind; and
 * every child runs under a {@link ParentWatchdog}, so it also stops when the JVM is SIGKILLed (no
 * hook runs then: a Surefire fork killed on timeout, {@code kill -9} of the run command).
 */
final class ChildProcess {

    private static final Logger LOG = LogManager.getLogger(ChildProcess.class);
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::stopAllAtExit, "otklik-child-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command} in {@code dir}; stdout and stderr are appended to the two files. */
    static ChildProcess start(String name, List<String> command, Path dir, Path stdout, Path stderr,
                              Map<String, String> env) {
        try {
            Files.createDirectories(stdout.getParent());
            Files.createDirectories(stderr.getParent());
            ProcessBuilder builder = new ProcessBuilder(ParentWatchdog.wrap(command))
                    .directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(env);
            ChildProcess child = new ChildProcess(name, builder.start(), stdout, stderr);
            LIVE.add(child);
            child.process.onExit().thenRun(() -> LIVE.remove(child));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /**
     * SIGTERM to every child at once, then a wait for each: one after the other, a slow server would
     * hold up the rest and Surefire kills a fork whose exit takes longer than 30 s.
     */
    private static void stopAllAtExit() {
        List<ChildProcess> children = List.copyOf(LIVE);
        children.forEach(child -> child.process.destroy());
        children.forEach(child -> child.stop(Duration.ofSeconds(10)));
    }

    /**
     * Stops a server an earlier run left behind (its parent was SIGKILLed, so no shutdown hook ran):
     * the pid file names it and its command line must mention {@code marker} (our config file), so
     * an unrelated process that reused the pid is never touched.
     */
    static void stopOrphan(Path pidFile, String marker) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle orphan = ProcessHandle.of(pid).orElse(null);
            if (orphan != null && orphan.isAlive()
                    && orphan.info().commandLine().map(line -> line.contains(marker)).orElse(false)) {
                LOG.warn("event=orphan_stopping pid={} marker={}", pid, marker);
                orphan.destroy();
                try {
                    orphan.onExit().get(15, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    orphan.destroyForcibly();
                    orphan.onExit().get(15, TimeUnit.SECONDS);
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException | ExecutionException
                 | TimeoutException e) {
            LOG.warn("event=orphan_check_failed pid_file={} reason=\"{}\"", pidFile, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records the pid for {@link #stopOrphan}. */
    void writePidFile(Path pidFile) {
        try {
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            LOG.warn("event=pid_file_not_written file={} reason=\"{}\"", pidFile, e.toString());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Waits for a short-lived child (a tool) and returns its exit code; kills it on timeout. */
    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(2));
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ofSeconds(2));
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process is gone. */
    synchronized void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("event=child_kill name={} pid={} reason=no_exit_after_sigterm grace_s={}",
                        name, process.pid(), grace.toSeconds());
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LIVE.remove(this);
    }

    /** Tails of both output files, for failure messages. */
    String output() {
        return LogTail.of(stdout, 40) + "\n" + LogTail.of(stderr, 40);
    }
}
