package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.KioskTap;

class ForwarderTest {

    private static final String DEVICE = "k-test-1";

    @TempDir
    Path dir;

    private final String secret = KioskSignature.newSecret();

    private Forwarder forwarder(TestIngest ingest, KioskJournal journal, String secretToUse) {
        PressFilter filter = new PressFilter(journal, DEVICE);
        return new Forwarder(ingest.uri(), DEVICE, secretToUse, filter, journal,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), new Random(1)),
                Duration.ofMillis(10), Clock.systemUTC());
    }

    private static Set<String> journalTaps(KioskJournal journal, int n) throws IOException {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            KioskTap tap = new KioskTap("fw-" + i, DEVICE, 1 + i % 4, null, Instant.now().minusSeconds(60), i % 5);
            journal.append(tap);
            ids.add(tap.tapId());
        }
        return ids;
    }

    @Test
    void retriesThrough503AndMarksSentOnlyAfterAcceptance() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             KioskJournal journal = KioskJournal.open(dir)) {
            Set<String> expected = journalTaps(journal, 1_200);
            List<Long> ackedWhenAccepting = new CopyOnWriteArrayList<>();
            ingest.beforeAccept = () -> ackedWhenAccepting.add(journal.ackedUpTo());
            ingest.status.set(503);
            try (Forwarder forwarder = forwarder(ingest, journal, secret)) {
                forwarder.start();
                TestIngest.await("several refused attempts", 10_000, () -> ingest.refused.get() >= 5);
                assertEquals(1_200, journal.unsentCount(), "nothing is marked sent on 503");
                assertEquals(0, journal.ackedUpTo());
                ForwarderStatus failing = forwarder.status();
                assertTrue(failing.lastError().contains("503"), failing.lastError());
                assertTrue(failing.consecutiveFailures() >= 1);
                assertNull(failing.lastSuccessfulSend());
                assertNotNull(failing.oldestUnsentAge());

                ingest.status.set(202);
                TestIngest.await("every tap accepted and acknowledged", 10_000,
                        () -> journal.unsentCount() == 0 && ingest.acceptedIds().containsAll(expected));
                assertEquals(expected, ingest.acceptedIds());
                assertEquals(0, ingest.badSignatures.get());
                assertTrue(ingest.largestBatch.get() <= 500, "batches respect the 500-tap limit");
                assertEquals(0L, ackedWhenAccepting.get(0), "the first batch was not marked sent before 202");
                ForwarderStatus done = forwarder.status();
                assertEquals(0, done.queueLength());
                assertNull(done.oldestUnsentAge());
                assertNotNull(done.lastSuccessfulSend());
                assertEquals(0, done.consecutiveFailures());
                // suppressed counts reach ingest unchanged
                assertTrue(ingest.accepted.stream().anyMatch(t -> t.suppressedPresses() == 4));
            }
        }
    }

    @Test
    void aBadSignatureKeepsTheTapsAndReportsTheError() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             KioskJournal journal = KioskJournal.open(dir)) {
            journalTaps(journal, 3);
            try (Forwarder forwarder = forwarder(ingest, journal, KioskSignature.newSecret())) {
                forwarder.start();
                TestIngest.await("a refused signature", 10_000, () -> forwarder.status().lastError() != null);
                assertTrue(forwarder.status().lastError().contains("401"), forwarder.status().lastError());
                assertEquals(3, journal.unsentCount());
                assertTrue(ingest.accepted.isEmpty());
            }
        }
    }

    @Test
    void tapsPressedWhileRunningAreForwarded() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret);
             KioskJournal journal = KioskJournal.open(dir)) {
            PressFilter filter = new PressFilter(journal, DEVICE);
            try (Forwarder forwarder = new Forwarder(ingest.uri(), DEVICE, secret, filter, journal,
                    new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), new Random(1)),
                    Duration.ofMillis(10), Clock.systemUTC())) {
                forwarder.start();
                Set<String> pressed = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    pressed.add(filter.press(1 + i % 4, null).tapId());
                }
                TestIngest.await("every pressed tap accepted", 10_000,
                        () -> ingest.acceptedIds().equals(pressed) && journal.unsentCount() == 0);
            }
        }
    }
}
