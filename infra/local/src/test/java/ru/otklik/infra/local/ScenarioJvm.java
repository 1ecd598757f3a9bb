package ru.otklik.infra.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@link OrphanScenario} JVM, started under a watchdog itself so a failing test cannot leak it. */
final class ScenarioJvm implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("READY pid=(\\d+) dir=(\\S+)");

    final Process process;
    final long childPid;
    final String dir;

    private ScenarioJvm(Process process, long childPid, String dir) {
        this.process = process;
        this.childPid = childPid;
        this.dir = dir;
    }

    static ScenarioJvm start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", KafkaBroker.childClassPath(), "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                OrphanScenario.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(ParentWatchdog.wrap(command)).redirectErrorStream(true).start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m);
                    }
                }
            } catch (IOException e) {
                // the JVM is gone
            }
            ready.completeExceptionally(new IllegalStateException("scenario exited before READY:\n" + output));
        }, "scenario-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Matcher m = ready.get(180, TimeUnit.SECONDS); // a stack start under load, after a sweep
            return new ScenarioJvm(process, Long.parseLong(m.group(1)), m.group(2));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the scenario JVM did not die");
        }
    }

    /** Waits until {@code pid} is gone (a zombie counts as gone); false if it still runs after {@code seconds}. */
    static boolean awaitGone(long pid, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (ProcessHandle.of(pid).map(FolderProcesses::running).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
