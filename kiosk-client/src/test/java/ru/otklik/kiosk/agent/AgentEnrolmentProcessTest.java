package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskSignature;

/** The agent as a child JVM with only an enrolment code: enrols once, restarts from device.json, fails clearly on 409. */
class AgentEnrolmentProcessTest {

    private static final String DEVICE = "k-enrol-p1";

    @TempDir
    Path journalDir;

    @TempDir
    Path logs;

    private final String secret = KioskSignature.newSecret();
    private Process child;

    @AfterEach
    void kill() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void enrolsOnceThenStartsFromTheStoredIdentity() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret)) {
            Path firstLog = logs.resolve("first.log");
            child = start(ingest, firstLog);
            awaitLine(firstLog, "event=agent_started");
            String first = Files.readString(firstLog, StandardCharsets.UTF_8);
            assertTrue(first.contains("event=kiosk_enrolled device=" + DEVICE), first);
            assertFalse(first.contains(secret), "the secret is never logged");
            assertTrue(Files.exists(journalDir.resolve(Enrolment.DEVICE_FILE)));
            child.destroy(); // SIGTERM: clean stop
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));

            ingest.enrolmentStatus.set(409); // the code is spent: a second call would fail the start
            Path secondLog = logs.resolve("second.log");
            child = start(ingest, secondLog);
            awaitLine(secondLog, "event=agent_started");
            assertEquals(1, ingest.enrolmentCodes.size(), "no second enrolment");
            TestIngest.await("a heartbeat signed with the enrolled secret", 30_000, () -> !ingest.heartbeats.isEmpty());
            assertEquals(0, ingest.badHeartbeatSignatures.get());
        }
    }

    @Test
    void aUsedCodeEndsTheAgentWithExitCode2AndOneClearLine() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret)) {
            ingest.enrolmentStatus.set(409);
            Path log = logs.resolve("refused.log");
            child = start(ingest, log);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the agent did not exit");
            assertEquals(2, child.exitValue());
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line, no stack trace: " + lines);
            assertTrue(lines.get(0).contains("enrolment refused") && lines.get(0).contains("already used"),
                    lines.get(0));
            assertFalse(Files.exists(journalDir.resolve(Enrolment.DEVICE_FILE)));
        }
    }

    private Process start(TestIngest ingest, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(ru.otklik.infra.local.ParentWatchdog.wrap(List.of(java,
                "-cp", System.getProperty("java.class.path"),
                "-Dotklik.enrolment.code=ABCD-EFGH-JKLM-NPQR",
                "-Dotklik.ingest.url=" + ingest.uri(),
                "-Dotklik.journal.dir=" + journalDir,
                "-Dotklik.agent.port=0",
                "-Dotklik.heartbeat.ms=200",
                KioskAgentMain.class.getName())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private void awaitLine(Path log, String marker) throws InterruptedException {
        TestIngest.await(marker + " in " + log.getFileName(), 60_000, () -> {
            try {
                return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker);
            } catch (IOException e) {
                return false;
            }
        });
    }
}
