package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a test JVM's stack leaves behind: nothing when the JVM exits, and after a SIGKILL (Surefire's
 * fork timeout) no server, and a folder the next stack sweeps.
 */
class TestStackTeardownTest {

    @Test
    void aNormalExitStopsBothServersAndDeletesTheFolder() throws Exception {
        try (ScenarioJvm jvm = ScenarioJvm.start("stack-exit")) {
            Path dir = Path.of(jvm.dir);
            try {
                assertTrue(jvm.process.waitFor(60, TimeUnit.SECONDS), "the JVM exits");
                assertEquals(List.of(), FolderProcesses.runningFrom(dir), "no server outlives the JVM");
                assertFalse(Files.exists(dir), "the stack's folder is deleted at exit");
            } finally {
                FolderProcesses.stop(dir, java.time.Duration.ZERO);
                FileTrees.delete(dir);
            }
        }
    }

    @Test
    void afterASigkillTheServersStopThemselvesAndTheNextStackSweepsTheFolder() throws Exception {
        try (ScenarioJvm jvm = ScenarioJvm.start("stack")) {
            Path dir = Path.of(jvm.dir);
            try {
                List<ProcessHandle> servers = FolderProcesses.runningFrom(dir);
                assertTrue(servers.size() >= 2, "ClickHouse and Kafka run from the folder: " + servers);
                jvm.kill();
                for (ProcessHandle server : servers) {
                    assertTrue(ScenarioJvm.awaitGone(server.pid(), 30),
                            "a server outlived its SIGKILLed JVM: " + server.info().commandLine().orElse("?"));
                }
                assertTrue(Files.isDirectory(dir), "no hook ran, so the folder is still there");
                assertTrue(OwnedTempDir.sweep(TestStack.DIR_PREFIX).contains(dir));
                assertFalse(Files.exists(dir));
            } finally {
                FolderProcesses.stop(dir, java.time.Duration.ZERO);
                FileTrees.delete(dir);
            }
        }
    }
}
