package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.KioskTap;

class HeartbeatSenderTest {

    private static final String DEVICE = "k-hb-1";

    @TempDir
    Path dir;

    private final String secret = KioskSignature.newSecret();

    private static Forwarder forwarder(TestIngest ingest, KioskJournal journal, String secret) {
        return new Forwarder(ingest.uri(), DEVICE, secret, new PressFilter(journal, DEVICE), journal,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), new Random(1)), Duration.ofMillis(10),
                Clock.systemUTC());
    }

    @Test
    void signedHeartbeatsCarryTheQueueStateAndFollowItAfterASend() throws Exception {
        Instant oldest = Instant.parse("2026-03-01T09:00:00Z");
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             KioskJournal journal = KioskJournal.open(dir)) {
            for (int i = 0; i < 3; i++) {
                journal.append(new KioskTap("hb-" + i, DEVICE, 3, null, oldest.plusSeconds(i), 0));
            }
            Forwarder forwarder = forwarder(ingest, journal, secret);
            try (HeartbeatSender heartbeats = new HeartbeatSender(ingest.uri(), DEVICE, secret, journal, forwarder,
                    "test-1", Duration.ofMillis(100), Clock.systemUTC())) {
                heartbeats.start();
                TestIngest.await("two heartbeats", 10_000, () -> ingest.heartbeats.size() >= 2);
                KioskHeartbeat first = ingest.heartbeats.get(0);
                assertEquals(DEVICE, first.deviceId());
                assertEquals(3, first.queueLength());
                assertEquals(oldest, first.oldestUnsentTs());
                assertNull(first.lastSuccessfulSendTs(), "nothing was sent yet");
                assertEquals("test-1", first.agentVersion());
                assertNotNull(first.sentTs());
                assertNull(first.officeCode(), "ingest fills office, touchpoint and receivedTs");
                assertNull(first.receivedTs());

                forwarder.start();
                TestIngest.await("a heartbeat after the queue drained", 10_000, () -> ingest.heartbeats.stream()
                        .anyMatch(h -> h.queueLength() == 0 && h.lastSuccessfulSendTs() != null));
                KioskHeartbeat drained = ingest.heartbeats.stream().filter(h -> h.queueLength() == 0)
                        .reduce((a, b) -> b).orElseThrow();
                assertNull(drained.oldestUnsentTs(), "no oldest unsent tap when the queue is empty");
                assertEquals(0, ingest.badHeartbeatSignatures.get());
            } finally {
                forwarder.close();
            }
        }
    }

    @Test
    void failuresDoNotStopTheScheduleAndAWrongSecretIsRefusedByTheServer() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             KioskJournal journal = KioskJournal.open(dir)) {
            Forwarder forwarder = forwarder(ingest, journal, secret);
            ingest.heartbeatStatus.set(503);
            try (HeartbeatSender heartbeats = new HeartbeatSender(ingest.uri(), DEVICE, secret, journal, forwarder,
                    "test-1", Duration.ofMillis(50), Clock.systemUTC())) {
                heartbeats.start();
                Thread.sleep(300); // several refused beats
                assertTrue(ingest.heartbeats.isEmpty());
                ingest.heartbeatStatus.set(204);
                TestIngest.await("heartbeats again after ingest recovered", 10_000,
                        () -> !ingest.heartbeats.isEmpty());
            }
            String wrong = KioskSignature.newSecret();
            try (HeartbeatSender forged = new HeartbeatSender(ingest.uri(), DEVICE, wrong, journal, forwarder,
                    "test-1", Duration.ofMillis(50), Clock.systemUTC())) {
                forged.start();
                TestIngest.await("the forged heartbeat refused", 10_000,
                        () -> ingest.badHeartbeatSignatures.get() >= 1);
            }
            forwarder.close();
        }
    }

    @Test
    void onlyTimesIngestTakesAreReported() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(now.minusSeconds(60), HeartbeatSender.plausible(now.minusSeconds(60), now));
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), HeartbeatSender.plausible(
                Instant.parse("2026-06-01T00:00:00Z"), now), "an old backlog is news");
        org.junit.jupiter.api.Assertions.assertNull(HeartbeatSender.plausible(Instant.parse("1900-01-01T00:00:00Z"), now));
        org.junit.jupiter.api.Assertions.assertNull(HeartbeatSender.plausible(now.plusSeconds(3600), now));
        org.junit.jupiter.api.Assertions.assertNull(HeartbeatSender.plausible(null, now));
    }
}
