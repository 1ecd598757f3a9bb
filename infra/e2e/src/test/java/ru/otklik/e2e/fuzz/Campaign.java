package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint's share of the run: {@code quota} requests from a pool of workers, each with its own
 * keep-alive connection. {@code budget} is a guard only: a campaign that has not finished by then stops
 * (the report then shows fewer requests, and the suite's total check says so); a busy machine is slower,
 * never short of requests.
 */
record Campaign(String name, int port, int quota, Duration budget, int workers, RequestSource source, long first) {

    Campaign(String name, int port, int quota, Duration budget, int workers, RequestSource source) {
        this(name, port, quota, budget, workers, source, 0);
    }

    /**
     * A hang is no answer beyond what the server promises: its total request deadline (30 s by default, a
     * body that never arrives in full is answered 408 then) plus a margin for a loaded machine.
     */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(45);

    void run(long seed, FuzzContext fx, FuzzReport report) throws Exception {
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread t = new Thread(runnable, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    try (RawHttp http = new RawHttp(port, CLIENT_TIMEOUT)) {
                        long n;
                        int scaled = (int) Math.max(1, quota * FuzzSeed.scale());
                        while ((n = next.getAndIncrement()) < scaled && System.nanoTime() < deadline) {
                            long i = first + n;
                            FuzzRequest q = source.next(i, FuzzSeed.random(seed, name, i));
                            exchange(http, q.withNote("#" + i), fx, report);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(budget.toSeconds() + CLIENT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        report.endpoints(name, millis);
    }

    private static void exchange(RawHttp http, FuzzRequest q, FuzzContext fx, FuzzReport report) {
        RawHttp.Answer a;
        long sent = System.nanoTime();
        try {
            a = http.exchange(q.wire(), q.isHead());
        } catch (RawHttp.Unsolicited e) {
            report.answered(q, 0, System.nanoTime() - sent, e.getMessage());
            return;
        } catch (RawHttp.Hang e) {
            report.answered(q, 0, System.nanoTime() - sent, "hang: " + e.getMessage());
            return;
        } catch (IOException e) {
            report.answered(q, 0, System.nanoTime() - sent, "no answer: " + e);
            return;
        }
        long took = System.nanoTime() - sent;
        keepSecrets(q, a, fx);
        report.answered(q, a.status(), took, Verdict.judge(q, a));
    }

    /** What an answer hands out (link tokens, enrolment codes, device secrets, session cookies) must not be logged either. */
    private static void keepSecrets(FuzzRequest q, RawHttp.Answer a, FuzzContext fx) {
        if (a.status() == 201) {
            JsonNode body = Verdict.json(a);
            if (body != null) {
                for (String field : List.of("token", "code", "secret")) {
                    if (body.path(field).isTextual()) {
                        fx.secrets.add(body.get(field).textValue());
                    }
                }
            }
        }
        String cookie = a.header("set-cookie");
        if (cookie != null && cookie.startsWith("otklik_session=") && cookie.indexOf(';') > 15) {
            fx.secrets.add(cookie.substring(15, cookie.indexOf(';')));
        }
    }

    /** A random source that is the same for the same seed, name and index (what makes a run reproducible). */
    static Random random(long seed, String name, long index) {
        return FuzzSeed.random(seed, name, index);
    }
}
