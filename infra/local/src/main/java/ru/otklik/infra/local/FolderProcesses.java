package ru.otklik.infra.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The processes that run from a folder: those whose command line names it (a server's config file
 * in it, a browser's profile in it, a watchdog's arguments). That is how a folder's owner — or the
 * run that sweeps it after the owner died — finds them without a pid file that might be stale or
 * name a reused pid. Linux only: reads {@code /proc/<pid>/cmdline}.
 */
final class FolderProcesses {

    private static final Path PROC = Path.of("/proc");

    private FolderProcesses() {
    }

    /** Live processes naming {@code dir}, never this JVM or one of its ancestors. */
    static List<ProcessHandle> runningFrom(Path dir) {
        Pattern names = naming(dir);
        Set<Long> spared = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            spared.add(p.get().pid());
        }
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (!spared.contains(pid) && commandLine(entry).map(line -> names.matcher(line).find()).orElse(false)) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list processes in " + PROC, e);
        }
        return found;
    }

    /** Whether process {@code pid}'s command line names {@code dir} (false once it is gone or a zombie: those have none). */
    static boolean names(long pid, Path dir) {
        return commandLine(PROC.resolve(Long.toString(pid))).map(line -> naming(dir).matcher(line).find()).orElse(false);
    }

    /** The folder's path as a whole path element: otklik-x-12 must not match otklik-x-123. */
    private static Pattern naming(Path dir) {
        return Pattern.compile(Pattern.quote(dir.toAbsolutePath().normalize().toString()) + "(?=/|\\s|\"|'|$)");
    }

    /**
     * SIGTERM to every process running from {@code dir}, SIGKILL to those still alive after
     * {@code grace} (at once for a zero grace); returns once they are gone, with their pids.
     */
    static List<Long> stop(Path dir, Duration grace) {
        List<ProcessHandle> running = runningFrom(dir);
        for (ProcessHandle p : running) {
            if (grace.isZero()) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        awaitGone(running, grace);
        for (ProcessHandle p : running) {
            p.destroyForcibly();
        }
        awaitGone(running, Duration.ofSeconds(10));
        return running.stream().map(ProcessHandle::pid).toList();
    }

    /**
     * Polls {@code /proc} rather than {@link ProcessHandle#onExit()}: a killed process that is not our
     * child stays a zombie until its new parent reaps it, and where PID 1 does not reap (some VM and
     * container inits) that is never — yet a zombie holds no file and no port any more.
     */
    private static void awaitGone(List<ProcessHandle> processes, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (processes.stream().anyMatch(FolderProcesses::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Alive and not a zombie: the state letter after the command name in {@code /proc/<pid>/stat}. */
    static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X' && process.isAlive();
        } catch (IOException | RuntimeException e) {
            return false; // gone
        }
    }

    private static Optional<String> commandLine(Path procEntry) {
        try {
            byte[] raw = Files.readAllBytes(procEntry.resolve("cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone meanwhile, or not ours to read
        }
    }
}
