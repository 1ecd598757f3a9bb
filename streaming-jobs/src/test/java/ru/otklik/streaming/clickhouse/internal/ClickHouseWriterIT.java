package ru.otklik.streaming.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.function.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.otklik.common.store.IndicatorWindowRow;
import ru.otklik.common.store.ScopeWatermarkRow;
import ru.otklik.common.store.Tables;
import ru.otklik.infra.local.TestStack;
import ru.otklik.streaming.clickhouse.ClickHouseEndpoint;
import ru.otklik.streaming.clickhouse.EncodedRow;

/**
 * The writer against the real ClickHouse, through a proxy that can hold an INSERT back (a slow
 * server): an emission's last batch leaves without waiting out the batch interval, rows that
 * trickle in wait for it, and a send asked for while the table's INSERT is in flight neither blocks
 * the task thread nor is lost — it is made from the mailbox once the INSERT completes.
 */
class ClickHouseWriterIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestStack stack = TestStack.shared();
    private final String code = "T-" + UUID.randomUUID().toString().substring(0, 8);
    private final Mailbox mailbox = new Mailbox();
    private final ManualTime time = new ManualTime();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void anEmissionsLastBatchLeavesAtOnceAndTricklingRowsWaitForTheInterval() throws Exception {
        ClickHouseWriter writer = writer(ClickHouseEndpoint.parse(stack.clickHouse().httpUrl(), null, null));
        writer.write(trickling(), null);
        writer.write(row("emitted", 1, true), null);

        awaitRows("emitted", 1);
        assertEquals(0, windowRows(), "a row of another table without sendNow waits for the batch interval");
        assertEquals(1, time.timers.size(), "the trickling row armed the interval's timer");

        time.fireAll(); // the interval has passed
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (windowRows() < 1) {
            assertTrue(System.nanoTime() < deadline, "the trickling row never arrived");
            Thread.sleep(20);
        }
        writer.flush(false);
        writer.close();
    }

    @Test
    void aSendWhileTheInsertIsInFlightIsMadeFromTheMailboxOnceItCompletes() throws Exception {
        HeldProxy proxy = new HeldProxy(URI.create(stack.clickHouse().httpUrl()));
        opened.add(proxy);
        ClickHouseWriter writer = writer(new ClickHouseEndpoint(proxy.uri(), null, null));

        writer.write(row("held", 1, true), null);   // its INSERT is held at the proxy
        proxy.awaitRequests(1);
        writer.write(row("queued", 2, true), null); // returns at once: nothing waits on the task thread
        assertEquals(1, proxy.requests.get(), "one INSERT per table in flight");
        assertTrue(mailbox.mails.isEmpty(), "nothing queued before the INSERT in flight completes");

        proxy.release();
        mailbox.runNext(); // the INSERT completed: the queued send is made on the "task thread"
        awaitRows("held", 1);
        awaitRows("queued", 1);
        assertEquals(2, proxy.requests.get());
        writer.flush(false);
        assertEquals(2, proxy.requests.get(), "nothing left to send at the checkpoint");
        writer.close();
    }

    // ---------------------------------------------------------------- helpers

    private ClickHouseWriter writer(ClickHouseEndpoint endpoint) {
        return new ClickHouseWriter(endpoint, 1 << 20, Duration.ofMinutes(1).toMillis(), 3, Duration.ofSeconds(30),
                time, mailbox, UnregisteredMetricsGroup.createSinkWriterMetricGroup());
    }

    /** A scope_watermark row of this test's code; each level its own key, so no merge folds two together. */
    private EncodedRow row(String level, long version, boolean sendNow) {
        byte[] bytes = Tables.SCOPE_WATERMARK.encode(List.of(new ScopeWatermarkRow(level, code, 1_779_000_000L + version,
                version)));
        return new EncodedRow(Tables.idOf(Tables.SCOPE_WATERMARK), 1, bytes, sendNow);
    }

    /** An indicator_window row of this test's code, as raw facts trickle in: no sendNow. */
    private EncodedRow trickling() {
        long[] counts = new long[11];
        return new EncodedRow(Tables.idOf(Tables.INDICATOR_WINDOW), 1, Tables.INDICATOR_WINDOW.encode(List.of(
                new IndicatorWindowRow("office", code, "all", "24h", "jc-seeker", "Q1", 1_779_000_000L, 0, 0,
                        Double.NaN, 0, 1, false, counts, 1))), false);
    }

    private long windowRows() {
        return stack.clickHouseHttp().selectLong("SELECT toInt64(count()) FROM otklik.indicator_window"
                + " WHERE scope_code = '" + code + "'");
    }

    private long rows(String level) {
        return stack.clickHouseHttp().selectLong("SELECT toInt64(count()) FROM otklik.scope_watermark WHERE scope_level = '"
                + level + "' AND scope_code = '" + code + "'");
    }

    private void awaitRows(String level, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (rows(level) < expected) {
            assertTrue(System.nanoTime() < deadline, level + " rows never reached " + expected);
            Thread.sleep(20);
        }
        assertEquals(expected, rows(level));
    }

    /** The task's mailbox, run by the test thread. */
    private static final class Mailbox implements MailboxExecutor {
        final BlockingQueue<ThrowingRunnable<? extends Exception>> mails = new LinkedBlockingQueue<>();

        @Override
        public void execute(MailOptions options, ThrowingRunnable<? extends Exception> command, String description,
                            Object... args) {
            mails.add(command);
        }

        void runNext() throws Exception {
            ThrowingRunnable<? extends Exception> mail = mails.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(mail, "no mail within " + WAIT);
            mail.run();
        }

        @Override
        public void yield() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean tryYield() {
            return false;
        }

        @Override
        public boolean shouldInterrupt() {
            return false;
        }
    }

    /** Processing time that passes only when the test says so. */
    private static final class ManualTime implements ProcessingTimeService {
        final List<ProcessingTimeCallback> timers = new ArrayList<>();

        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
            timers.add(target);
            return null;
        }

        void fireAll() throws Exception {
            List<ProcessingTimeCallback> due = new ArrayList<>(timers);
            timers.clear();
            for (ProcessingTimeCallback t : due) {
                t.onProcessingTime(0);
            }
        }
    }

    /** Forwards to ClickHouse, holding the first request back until released. */
    private static final class HeldProxy implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final CountDownLatch released = new CountDownLatch(1);
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();

        HeldProxy(URI target) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    if (requests.incrementAndGet() == 1) {
                        released.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(target.resolve(
                                    exchange.getRequestURI().toString())).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(r.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(503, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        void awaitRequests(int n) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (requests.get() < n) {
                assertTrue(System.nanoTime() < deadline, "the proxy never saw " + n + " requests");
                Thread.sleep(5);
            }
        }

        void release() {
            released.countDown();
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
