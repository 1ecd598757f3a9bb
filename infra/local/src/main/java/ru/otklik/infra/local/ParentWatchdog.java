package ru.otklik.infra.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a child process die with the JVM that started it, however that JVM ends: a shutdown hook
 * does not run on SIGKILL (Surefire killing a fork on timeout, the OOM killer, {@code kill -9}),
 * and a server left running then holds its ports and keeps writing into a folder nobody deletes.
 *
 * <p>{@link #wrap} puts a small bash prologue in front of the command. It forks a watchdog that
 * blocks reading the pipe on its stdin, then {@code exec}s the real command in its own place, so the
 * server keeps the pid the JVM knows ({@link Process#pid()}, {@link Process#destroy()} and exit codes
 * are the server's, not a wrapper's). The write end of that pipe is held only by the JVM (Java gives
 * no other child its descriptors), so the watchdog reads end-of-file exactly when the JVM is gone or
 * has reaped the server. It then checks that its parent is still the server — after the server
 * exits it is re-parented, so a reused pid is never signalled — and sends SIGTERM, then SIGKILL
 * after 15 s. No polling while the server runs: the watchdog sleeps in {@code read}.
 *
 * <p>Requirements: stdin must stay {@link ProcessBuilder.Redirect#PIPE} (the default) and the JVM
 * must not close {@link Process#getOutputStream()}; the server itself gets {@code /dev/null} as stdin.
 */
public final class ParentWatchdog {

    /** Shows in {@code ps} as the wrapper's {@code $0}, until it execs the server. */
    static final String NAME = "otklik-parent-watchdog";

    static final String SCRIPT = String.join("\n",
            "server=$$",
            "exec 3<&0",
            "{",
            "  cat <&3 >/dev/null 2>&1",
            "  me=$BASHPID",
            "  parent() { local a b c p; read -r a b c p _ < /proc/$me/stat 2>/dev/null; echo \"$p\"; }",
            "  [ \"$(parent)\" = \"$server\" ] || exit 0",
            "  kill -TERM \"$server\" 2>/dev/null",
            "  for _ in $(seq 150); do [ \"$(parent)\" = \"$server\" ] || exit 0; sleep 0.1; done",
            "  kill -KILL \"$server\" 2>/dev/null",
            "} 2>/dev/null &",
            "exec \"$@\" </dev/null 3<&-");

    private ParentWatchdog() {
    }

    /** {@code command}, run so that it is stopped when this JVM is gone. */
    public static List<String> wrap(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/bash", "-c", SCRIPT, NAME));
        wrapped.addAll(command);
        return wrapped;
    }
}
