package ru.otklik.ingest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryUsedLinksTest {

    @Test
    void aLinkIsUsedOnce() {
        UsedLinks used = new InMemoryUsedLinks();
        String id = SurveyLink.newLinkId();
        assertFalse(used.isUsed(id));
        assertTrue(used.markUsed(id));
        assertTrue(used.isUsed(id));
        assertFalse(used.markUsed(id), "second use refused");
        assertTrue(used.markUsed(SurveyLink.newLinkId()), "other links are unaffected");
    }

    @Test
    void concurrentUsesHaveExactlyOneWinner() throws Exception {
        UsedLinks used = new InMemoryUsedLinks();
        String id = SurveyLink.newLinkId();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return used.markUsed(id);
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
    }
}
