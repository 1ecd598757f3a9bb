package ru.otklik.ingest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUsedLinksTest {

    @TempDir
    Path dir;

    @Test
    void aMissingLogIsEmptyAndCreatesNothingUntilTheFirstUse() {
        Path nested = dir.resolve("contacts");
        FileUsedLinks used = FileUsedLinks.open(nested);
        assertEquals(0, used.size());
        assertFalse(Files.exists(nested), "opening alone writes nothing");
        assertTrue(used.markUsed(SurveyLink.newLinkId(), "resp-0001"));
        assertTrue(Files.exists(nested.resolve(FileUsedLinks.FILE_NAME)));
    }

    @Test
    void spentLinksSurviveAReopenWithTheirResponse() throws Exception {
        String a = SurveyLink.newLinkId();
        String b = SurveyLink.newLinkId();
        FileUsedLinks first = FileUsedLinks.open(dir);
        assertTrue(first.markUsed(a, "resp-aaaa-1"));
        assertTrue(first.markUsed(b));
        assertFalse(first.markUsed(a, "resp-other-2"), "second use refused");

        FileUsedLinks reopened = FileUsedLinks.open(dir);
        assertEquals(2, reopened.size());
        assertEquals(Optional.of("resp-aaaa-1"), reopened.usedBy(a), "the winning response is remembered");
        assertEquals(Optional.of(""), reopened.usedBy(b));
        assertFalse(reopened.markUsed(a, "resp-other-2"), "still spent after the restart");
        assertFalse(reopened.isUsed(SurveyLink.newLinkId()));
        assertEquals(2, Files.readAllLines(dir.resolve(FileUsedLinks.FILE_NAME)).size(), "refusals append nothing");
    }

    @Test
    void aTornLastLineIsDroppedAndTheNextAppendStartsClean() throws Exception {
        String whole = SurveyLink.newLinkId();
        FileUsedLinks.open(dir).markUsed(whole, "resp-whole-1");
        Path log = dir.resolve(FileUsedLinks.FILE_NAME);
        String torn = SurveyLink.newLinkId();
        // a crash in the middle of an append: no newline yet
        Files.writeString(log, torn + "\tresp-to", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        FileUsedLinks reopened = FileUsedLinks.open(dir);
        assertTrue(reopened.isUsed(whole));
        assertFalse(reopened.isUsed(torn), "the torn line was never confirmed");
        assertEquals(whole + "\tresp-whole-1\n", Files.readString(log), "the torn bytes are cut off");

        String next = SurveyLink.newLinkId();
        assertTrue(reopened.markUsed(next, "resp-next-1"));
        FileUsedLinks again = FileUsedLinks.open(dir);
        assertEquals(Optional.of("resp-next-1"), again.usedBy(next), "not glued to the torn line");
        assertEquals(2, again.size());
    }

    @Test
    void foreignLinesAreSkippedNotFatal() throws Exception {
        String good = SurveyLink.newLinkId();
        Files.writeString(dir.resolve(FileUsedLinks.FILE_NAME), "\n" + "not a token\tx\n" + good + "\tresp-good-1\n",
                StandardCharsets.US_ASCII);
        FileUsedLinks used = FileUsedLinks.open(dir);
        assertEquals(1, used.size());
        assertTrue(used.isUsed(good));
    }

    @Test
    void idsThatWouldBreakTheLineFormatAreRefused() {
        FileUsedLinks used = FileUsedLinks.open(dir);
        assertThrows(IllegalArgumentException.class, () -> used.markUsed("a\nb", "resp-0001"));
        assertThrows(IllegalArgumentException.class, () -> used.markUsed(SurveyLink.newLinkId(), "resp\t0001"));
        assertEquals(0, used.size());
    }

    @Test
    void concurrentMarksOfOneLinkHaveExactlyOneWinnerAndOneLine() throws Exception {
        FileUsedLinks used = FileUsedLinks.open(dir);
        String id = SurveyLink.newLinkId();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String responseId = "resp-thread-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return used.markUsed(id, responseId);
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(dir.resolve(FileUsedLinks.FILE_NAME));
        assertEquals(1, lines.size(), lines.toString());
        assertEquals(used.usedBy(id).orElseThrow(), FileUsedLinks.open(dir).usedBy(id).orElseThrow(),
                "the winner on disk is the winner in memory");
    }
}
