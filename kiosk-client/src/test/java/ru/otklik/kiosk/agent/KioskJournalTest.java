package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.response.KioskTap;

class KioskJournalTest {

    @TempDir
    Path dir;

    private static KioskTap tap(int i) {
        return new KioskTap("t-" + i, "k-1", 1 + i % 4, i % 3 == 0 ? "waiting_time" : null,
                Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i), 0);
    }

    private static List<String> ids(List<JournaledTap> taps) {
        return taps.stream().map(t -> t.tap().tapId()).toList();
    }

    private static List<String> expectedIds(int fromInclusive, int toExclusive) {
        List<String> out = new ArrayList<>();
        for (int i = fromInclusive; i < toExclusive; i++) {
            out.add("t-" + i);
        }
        return out;
    }

    @Test
    void appendAndReopenKeepsEveryTapInOrder() throws IOException {
        try (KioskJournal j = KioskJournal.open(dir, 1024, 1000)) {
            for (int i = 0; i < 50; i++) {
                j.append(tap(i));
            }
            assertTrue(j.segmentFiles().size() > 1, "small segments roll");
        }
        try (KioskJournal j = KioskJournal.open(dir, 1024, 1000)) {
            List<JournaledTap> unsent = j.unsent(1000);
            assertEquals(expectedIds(0, 50), ids(unsent));
            assertEquals(tap(7), unsent.get(7).tap(), "every field survives");
            assertEquals(50, j.unsentCount());
            long last = unsent.get(49).sequence();
            assertTrue(j.append(tap(50)) > last, "sequences keep growing after reopen");
        }
    }

    @Test
    void tornLastRecordIsIgnoredAndEverythingBeforeSurvives() throws IOException {
        try (KioskJournal j = KioskJournal.open(dir)) {
            for (int i = 0; i < 10; i++) {
                j.append(tap(i));
            }
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        // a crash mid-write: the last record loses its tail
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        try (KioskJournal j = KioskJournal.open(dir)) {
            assertEquals(expectedIds(0, 9), ids(j.unsent(100)));
            j.append(tap(100));
        }
        try (KioskJournal j = KioskJournal.open(dir)) {
            List<String> expected = expectedIds(0, 9);
            expected.add("t-100");
            assertEquals(expected, ids(j.unsent(100)), "appends after a torn tail are readable");
        }
    }

    @Test
    void corruptLastRecordIsDetectedByCrc() throws IOException {
        try (KioskJournal j = KioskJournal.open(dir)) {
            for (int i = 0; i < 5; i++) {
                j.append(tap(i));
            }
        }
        Path segment = onlySegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 0x5a;
        Files.write(segment, bytes);
        try (KioskJournal j = KioskJournal.open(dir)) {
            assertEquals(expectedIds(0, 4), ids(j.unsent(100)));
        }
    }

    @Test
    void markSentAndReopenResumesAfterTheCheckpoint() throws IOException {
        long upTo;
        try (KioskJournal j = KioskJournal.open(dir)) {
            for (int i = 0; i < 20; i++) {
                j.append(tap(i));
            }
            upTo = j.unsent(12).get(11).sequence();
            j.markSent(upTo);
            assertEquals(expectedIds(12, 20), ids(j.unsent(100)));
        }
        assertTrue(Files.exists(dir.resolve(KioskJournal.CHECKPOINT)));
        assertFalse(Files.exists(dir.resolve(KioskJournal.CHECKPOINT + ".tmp")));
        try (KioskJournal j = KioskJournal.open(dir)) {
            assertEquals(upTo, j.ackedUpTo());
            assertEquals(expectedIds(12, 20), ids(j.unsent(100)));
            assertEquals(expectedIds(12, 15), ids(j.unsent(3)), "limit");
        }
    }

    @Test
    void compactionDeletesAcknowledgedSegmentsAndSequencesSurviveIt() throws IOException {
        long last;
        try (KioskJournal j = KioskJournal.open(dir, 1024, 1000)) {
            for (int i = 0; i < 100; i++) {
                j.append(tap(i));
            }
            int before = j.segmentFiles().size();
            assertTrue(before > 3);
            List<JournaledTap> all = j.unsent(1000);
            j.markSent(all.get(49).sequence());
            int middle = j.segmentFiles().size();
            assertTrue(middle < before, "acknowledged segments are deleted");
            assertEquals(expectedIds(50, 100), ids(j.unsent(1000)));
            last = all.get(99).sequence();
            j.markSent(last);
            assertEquals(1, j.segmentFiles().size(), "only the active segment stays");
            assertEquals(0, j.unsentCount());
            // the active segment is replaced once it fills up, and then deleted too
            for (int i = 100; i < 130; i++) {
                j.markSent(j.append(tap(i)));
            }
            assertTrue(j.segmentFiles().size() <= 2);
            last = j.ackedUpTo();
        }
        try (KioskJournal j = KioskJournal.open(dir, 1024, 1000)) {
            assertEquals(0, j.unsentCount());
            assertTrue(j.append(tap(500)) > last, "no sequence is reused after compaction");
        }
    }

    @Test
    void backlogCapRefusesNewTapsLoudlyInsteadOfDropping() throws IOException {
        try (KioskJournal j = KioskJournal.open(dir, 1024, 3)) {
            for (int i = 0; i < 3; i++) {
                j.append(tap(i));
            }
            assertThrows(JournalFullException.class, () -> j.append(tap(3)));
            assertEquals(expectedIds(0, 3), ids(j.unsent(10)), "nothing already journaled is dropped");
            j.markSent(j.unsent(1).get(0).sequence());
            j.append(tap(3));
            assertEquals(expectedIds(1, 4), ids(j.unsent(10)));
        }
    }

    @Test
    void suppressedPressesAreFoldedAndSurviveReopen() throws IOException {
        try (KioskJournal j = KioskJournal.open(dir)) {
            long kept = j.append(tap(0));
            assertTrue(j.appendSuppressed(kept));
            assertTrue(j.appendSuppressed(kept));
            j.append(tap(1));
            assertEquals(2, j.unsent(10).get(0).tap().suppressedPresses());
        }
        try (KioskJournal j = KioskJournal.open(dir)) {
            List<JournaledTap> unsent = j.unsent(10);
            assertEquals(2, unsent.get(0).tap().suppressedPresses());
            assertEquals(0, unsent.get(1).tap().suppressedPresses());
            j.markSent(unsent.get(0).sequence());
            assertFalse(j.appendSuppressed(unsent.get(0).sequence()), "a sent tap cannot take more presses");
        }
        try (KioskJournal j = KioskJournal.open(dir)) {
            assertEquals(List.of("t-1"), ids(j.unsent(10)));
        }
    }

    private Path onlySegment() throws IOException {
        try (var files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> p.getFileName().toString().startsWith("segment-")).toList();
            assertEquals(1, segments.size());
            return segments.get(0);
        }
    }
}
