package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskEnrolment;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;

class EnrolmentTest {

    private static final String DEVICE = "k-enrol-1";
    private static final String CODE = "ABCD-EFGH-JKLM-NPQR";

    @TempDir
    Path dir;

    private final String secret = KioskSignature.newSecret();

    private AgentConfig config(TestIngest ingest) {
        Properties p = new Properties();
        p.setProperty("otklik.ingest.url", ingest.uri().toString());
        p.setProperty("otklik.journal.dir", dir.toString());
        p.setProperty("otklik.enrolment.code", CODE);
        p.setProperty("otklik.backoff.base.ms", "10");
        p.setProperty("otklik.backoff.cap.ms", "50");
        return AgentConfig.from(p, Map.of());
    }

    @Test
    void aCodeIsTradedOnceAndTheIdentityIsStoredOwnerOnly() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret)) {
            AgentConfig first = KioskAgentMain.identify(config(ingest));
            assertEquals(DEVICE, first.deviceId());
            assertEquals(secret, first.secret());
            assertEquals(List.of(CODE), ingest.enrolmentCodes);

            Path file = dir.resolve(Enrolment.DEVICE_FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            KioskEnrolment stored = EventJson.fromBytes(Files.readAllBytes(file), KioskEnrolment.class);
            assertEquals(DEVICE, stored.deviceId());
            assertEquals("BRY-01", stored.officeCode());
            assertFalse(Files.exists(dir.resolve(Enrolment.DEVICE_FILE + ".tmp")));

            // the next start: the stored identity, no second call (the code is spent anyway)
            ingest.enrolmentStatus.set(409);
            AgentConfig second = KioskAgentMain.identify(config(ingest));
            assertEquals(DEVICE, second.deviceId());
            assertEquals(secret, second.secret());
            assertEquals(1, ingest.enrolmentCodes.size());
        }
    }

    @Test
    void aUsedOrUnknownCodeFailsClearlyAndStoresNothing() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret)) {
            ingest.enrolmentStatus.set(409);
            Enrolment.EnrolmentRefused used = assertThrows(Enrolment.EnrolmentRefused.class,
                    () -> KioskAgentMain.identify(config(ingest)));
            assertTrue(used.getMessage().contains("already used"), used.getMessage());
            assertFalse(used.getMessage().contains(secret));
            ingest.enrolmentStatus.set(403);
            Enrolment.EnrolmentRefused unknown = assertThrows(Enrolment.EnrolmentRefused.class,
                    () -> KioskAgentMain.identify(config(ingest)));
            assertTrue(unknown.getMessage().contains("unknown or expired"), unknown.getMessage());
            assertFalse(Files.exists(dir.resolve(Enrolment.DEVICE_FILE)));
        }
    }

    @Test
    void aServerErrorIsRetriedUntilTheCodeIsAccepted() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret)) {
            ingest.enrolmentStatus.set(503);
            Thread flip = new Thread(() -> {
                try {
                    TestIngest.await("a failed attempt", 10_000, () -> ingest.enrolmentCodes.size() >= 2);
                } catch (InterruptedException e) {
                    return;
                }
                ingest.enrolmentStatus.set(201);
            });
            flip.start();
            AgentConfig config = KioskAgentMain.identify(config(ingest));
            flip.join();
            assertEquals(DEVICE, config.deviceId());
            assertTrue(ingest.enrolmentCodes.size() >= 3);
        }
    }

    @Test
    void configuredIdentityWinsAndHalfAnIdentityIsRefused() {
        Properties p = new Properties();
        p.setProperty("otklik.ingest.url", "http://127.0.0.1:1");
        p.setProperty("otklik.journal.dir", dir.toString());
        p.setProperty("otklik.device.id", DEVICE);
        assertThrows(IllegalArgumentException.class, () -> AgentConfig.from(p, Map.of()));
        p.setProperty("otklik.device.secret", secret);
        AgentConfig c = AgentConfig.from(p, Map.of());
        assertTrue(c.hasConfiguredIdentity());
        assertEquals(8_000, c.uiIdle().toMillis());
        assertEquals(10_000, c.reasonWindow().toMillis(), "idle + 2 s grace by default");
        assertEquals(60_000, c.heartbeatInterval().toMillis());
        assertFalse(c.toString().contains(secret), "the secret is never printed");
    }

    @Test
    void theSharedSettingsRuleEnvironmentFirstAndNamedErrors() {
        Properties p = new Properties();
        p.setProperty("otklik.ingest.url", "http://127.0.0.1:1");
        p.setProperty("otklik.journal.dir", dir.toString());
        p.setProperty("otklik.agent.port", "9999");
        AgentConfig c = AgentConfig.from(p, Map.of("OTKLIK_AGENT_PORT", "7777", "OTKLIK_HEARTBEAT_MS", "0"));
        assertEquals(7777, c.port(), "the environment wins");
        assertEquals(0, c.heartbeatInterval().toMillis());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AgentConfig.from(p, Map.of("OTKLIK_POLL_MS", "-1")));
        assertTrue(bad.getMessage().contains("otklik.poll.ms (OTKLIK_POLL_MS)"), bad.getMessage());
        Properties noUrl = new Properties();
        noUrl.setProperty("otklik.journal.dir", dir.toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AgentConfig.from(noUrl, Map.of()))
                .getMessage().contains("OTKLIK_INGEST_URL"));
    }
}
