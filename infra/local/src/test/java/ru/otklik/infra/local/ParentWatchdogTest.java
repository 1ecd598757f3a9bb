package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentWatchdogTest {

    @TempDir
    Path dir;

    @Test
    void aChildDiesWithItsJvmEvenWhenTheJvmIsKilled() throws Exception {
        long orphan;
        try (ScenarioJvm jvm = ScenarioJvm.start("child")) {
            orphan = jvm.childPid;
            assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the child runs");
            jvm.kill();
            try {
                assertTrue(ScenarioJvm.awaitGone(orphan, 20), "the child outlived its SIGKILLed JVM: pid " + orphan);
            } finally {
                ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
                FileTrees.delete(Path.of(jvm.dir));
            }
        }
    }

    @Test
    void theServerKeepsThePidExitCodeAndSignalsTheJvmKnows() throws Exception {
        ChildProcess child = ChildProcess.start("sh", List.of("sh", "-c", "echo $$ > pid; exit 7"), dir,
                dir.resolve("out"), dir.resolve("err"), Map.of());
        assertEquals(7, child.waitFor(java.time.Duration.ofSeconds(20)));
        assertEquals(Long.toString(child.pid()), java.nio.file.Files.readString(dir.resolve("pid")).trim());

        String unique = "600." + System.nanoTime() % 1_000_000; // tells this test's watchdog from others'
        ChildProcess sleeper = ChildProcess.start("sleep", List.of("sleep", unique), dir,
                dir.resolve("out"), dir.resolve("err"), Map.of());
        sleeper.stop(java.time.Duration.ofSeconds(10));
        assertTrue(sleeper.process().waitFor(0, TimeUnit.SECONDS), "SIGTERM reached the server itself");
        // the watchdog sees the server gone (it was re-parented) and exits without signalling anything
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (p.info().commandLine().map(c -> c.contains(ParentWatchdog.NAME) && c.contains(unique)).orElse(false)) {
                assertTrue(ScenarioJvm.awaitGone(p.pid(), 10), "a watchdog outlived its server: " + p.info());
            }
        }
    }
}
