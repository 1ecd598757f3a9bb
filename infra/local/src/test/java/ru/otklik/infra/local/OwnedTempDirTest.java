package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OwnedTempDirTest {

    /** A prefix no other test or run uses, so the sweeps here only see this test's folders. */
    private final String prefix = "otklik-owned-test-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void releaseStopsWhatRunsFromTheFolderThenDeletesIt() throws Exception {
        OwnedTempDir owned = OwnedTempDir.create(prefix);
        Path log = Files.createFile(owned.path().resolve("log"));
        Process tail = new ProcessBuilder("tail", "-f", log.toString()).start();
        try {
            assertEquals(List.of(tail.pid()), FolderProcesses.runningFrom(owned.path()).stream()
                    .map(ProcessHandle::pid).toList());
            owned.release(Duration.ofSeconds(5));
            // release returns once the process is dead (a zombie at least); the JVM's reaper thread
            // collects its exit status a moment later, which under load can lag: wait for that state
            assertTrue(tail.waitFor(30, java.util.concurrent.TimeUnit.SECONDS),
                    "the process running from the folder was stopped");
            assertFalse(Files.exists(owned.path()));
        } finally {
            tail.destroyForcibly();
        }
    }

    @Test
    void aLiveOwnersFolderIsKeptAndAKilledOwnersFolderIsSweptWithWhatRunsFromIt() throws Exception {
        try (ScenarioJvm owner = ScenarioJvm.start("folder", prefix)) {
            Path dir = Path.of(owner.dir);
            try {
                assertEquals(List.of(), OwnedTempDir.sweep(prefix), "the owner is alive");
                assertTrue(Files.isDirectory(dir));

                owner.kill();
                assertTrue(Files.isDirectory(dir), "no hook ran: the folder is still there");
                assertTrue(ProcessHandle.of(owner.childPid).map(ProcessHandle::isAlive).orElse(false),
                        "the unguarded process outlived its JVM");

                assertEquals(List.of(dir), OwnedTempDir.sweep(prefix));
                assertFalse(Files.exists(dir));
                assertTrue(ScenarioJvm.awaitGone(owner.childPid, 10), "the sweep stopped the orphan");
            } finally {
                ProcessHandle.of(owner.childPid).ifPresent(ProcessHandle::destroyForcibly);
                FileTrees.delete(dir);
            }
        }
    }

    @Test
    void aFolderWithAPrefixThatOnlyStartsTheSameIsNotNamedByAProcess() throws Exception {
        OwnedTempDir owned = OwnedTempDir.create(prefix);
        Path sibling = Files.createDirectory(Path.of(owned.path() + "0"));
        Process tail = new ProcessBuilder("tail", "-f", Files.createFile(sibling.resolve("log")).toString()).start();
        try {
            assertEquals(List.of(), FolderProcesses.runningFrom(owned.path()));
        } finally {
            tail.destroyForcibly();
            tail.waitFor();
            owned.close();
            FileTrees.delete(sibling);
        }
    }
}
