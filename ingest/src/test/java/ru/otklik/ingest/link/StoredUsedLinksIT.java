package ru.otklik.ingest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import ru.otklik.common.operational.OperationalStore;
import ru.otklik.common.operational.OperationalStoreSettings;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/** Spending single-use links in the real operational store: the first wins, also when many try at once. */
class StoredUsedLinksIT {

    private static String freshDatabase() throws Exception {
        PostgresServer postgres = TestStack.shared().postgres(); // no skipping: a server that cannot start fails
        String database = "stored_links_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        return postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + database;
    }

    @Test
    void theFirstSpendingWinsAndEveryInstanceSeesIt() throws Exception {
        OperationalStoreSettings settings = OperationalStoreSettings.none().at(freshDatabase(), PostgresServer.USER);
        try (OperationalStore one = OperationalStore.open(settings); OperationalStore two = OperationalStore.open(settings)) {
            UsedLinks a = new StoredUsedLinks(one.dataSource());
            UsedLinks b = new StoredUsedLinks(two.dataSource());
            assertEquals(Optional.empty(), a.usedBy("L1"));
            assertTrue(a.markUsed("L1", "r1"));
            assertFalse(b.markUsed("L1", "r2"), "spent already, through another pool");
            assertEquals(Optional.of("r1"), b.usedBy("L1"), "the first response keeps it");

            // sixteen respondents with the same link at once, over two pools: exactly one wins
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    UsedLinks links = i % 2 == 0 ? a : b;
                    String response = "race-" + i;
                    tries.add(pool.submit(() -> {
                        go.await();
                        return links.markUsed("L2", response);
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> t : tries) {
                    won += t.get() ? 1 : 0;
                }
                assertEquals(1, won, "one respondent spends the link");
                assertTrue(a.usedBy("L2").orElseThrow().startsWith("race-"));
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
