package ru.otklik.dashboards.clickhouse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reads of one page call that do not depend on each other, sent to ClickHouse at the same time: the call then
 * lasts as long as its slowest read, not the sum of its eight (issue 14: p95 ≤ 100 ms per call). The reads are
 * HTTP round trips that mostly wait, so one bounded pool per JVM is enough, and it also bounds how many queries
 * the dashboards have open against ClickHouse at once. A read never starts another read and waits for it: a full
 * pool then only queues, it cannot deadlock.
 */
public final class ConcurrentReads {

    private static final int THREADS = 16;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, new ThreadFactory());

    private ConcurrentReads() {
    }

    /** Starts a read; {@link Pending#get} waits for it and throws what it threw. */
    public static <T> Pending<T> start(Supplier<T> read) {
        return new Pending<>(CompletableFuture.supplyAsync(read, POOL));
    }

    public static final class Pending<T> {
        private final CompletableFuture<T> future;

        private Pending(CompletableFuture<T> future) {
            this.future = future;
        }

        public T get() {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r; // ClickHouseQueryException as the caller would have seen it read in its own thread
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    private static final class ThreadFactory implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "clickhouse-read-" + next.incrementAndGet());
            t.setDaemon(true); // idle readers must not keep a stopped server's JVM alive
            return t;
        }
    }
}
