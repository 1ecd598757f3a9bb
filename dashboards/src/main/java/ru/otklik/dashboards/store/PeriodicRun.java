package ru.otklik.dashboards.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A run repeated on one daemon thread with a fixed delay (the 360 schedule, the weekly reports' mail): a run that
 * fails — the store or ClickHouse away for a while — is logged and the next one tries again; closing waits for the
 * run in progress.
 */
public final class PeriodicRun implements AutoCloseable {

    private final ScheduledExecutorService thread;

    /** @param failedEvent the {@code event=} of the warning a failed run logs */
    public PeriodicRun(String threadName, Duration every, Runnable run, Logger log, String failedEvent) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        thread.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                log.warn("event={} reason=\"{}\"", failedEvent, e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
