package ru.otklik.kiosk.simulator.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.Function;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;

/**
 * Posts forms and signed kiosk batches to ingest, asynchronously, with at most
 * {@code maxInFlight} requests outstanding (a request waiting for its retry keeps its slot, so an
 * overloaded ingest slows the simulator down instead of piling up work). 503/429/5xx and I/O
 * errors are retried with the same ids; a batch is re-signed with a new timestamp on each attempt.
 */
public final class IngestClient {

    public static final String RESPONSES_PATH = "/api/v1/responses";
    public static final String BATCHES_PATH = "/api/v1/kiosk/batches";
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI responsesUri;
    private final URI batchesUri;
    private final HttpClient http;
    private final Semaphore slots;
    private final int maxInFlight;
    private final RetryPolicy retry;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    public IngestClient(URI ingest, int maxInFlight, RetryPolicy retry, ScheduledExecutorService scheduler,
                        Executor httpExecutor, Clock clock) {
        String base = ingest.toString().replaceAll("/+$", "");
        this.responsesUri = URI.create(base + RESPONSES_PATH);
        this.batchesUri = URI.create(base + BATCHES_PATH);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(httpExecutor)
                .build();
        this.slots = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
        this.retry = retry;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Requests on the wire or waiting for a retry. */
    public int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    /**
     * Sends a form once a slot frees up within {@code wait} (back-pressure on the generator);
     * false if none did, and the caller may try again. {@code done} is called exactly once.
     */
    public boolean trySendForm(SurveyResponse response, Duration wait, Consumer<Delivery> done, Runnable onRetry)
            throws InterruptedException {
        return trySendForm(response, null, wait, done, onRetry);
    }

    /**
     * The same, on behalf of {@code sender} ({@code X-Forwarded-For}, {@code User-Agent}; null: as
     * itself): what ingest believes only when it trusts this client as a proxy.
     */
    public boolean trySendForm(SurveyResponse response, ru.otklik.kiosk.simulator.population.Sender sender,
                               Duration wait, Consumer<Delivery> done, Runnable onRetry) throws InterruptedException {
        if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        byte[] body = WireFormat.form(response);
        Function<Integer, HttpRequest> request = attempt -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(responsesUri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json");
            if (sender != null) {
                b.header("X-Forwarded-For", sender.address()).header("User-Agent", sender.userAgent());
            }
            return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        };
        new Attempts(request, res -> Delivery.accepted(1, 0), 1, done, onRetry).start();
        return true;
    }

    /**
     * Takes a slot if one is free right now and sends the batch {@code kiosk} hands out (null:
     * nothing due, the slot goes back). False when nothing was sent.
     */
    public boolean trySendBatch(KioskDevice device, Supplier<KioskBatch> batchIfDue,
                                Consumer<KioskBatch> sent, BiConsumer<KioskBatch, Delivery> done, Runnable onRetry) {
        if (!slots.tryAcquire()) {
            return false;
        }
        KioskBatch batch = batchIfDue.get();
        if (batch == null) {
            slots.release();
            return false;
        }
        sent.accept(batch);
        byte[] body = WireFormat.batch(batch);
        // a new timestamp and signature on every attempt: a stale one would be refused as a replay
        Function<Integer, HttpRequest> request = attempt -> {
            long ts = clock.instant().getEpochSecond();
            return HttpRequest.newBuilder(batchesUri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(KioskSignature.DEVICE_HEADER, device.deviceId())
                    .header(KioskSignature.TIMESTAMP_HEADER, Long.toString(ts))
                    .header(KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(device.secret(), ts, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        };
        new Attempts(request, res -> batchAnswer(res, batch.taps().size()), batch.taps().size(),
                d -> done.accept(batch, d), onRetry).start();
        return true;
    }

    /** Reads {@code {"accepted":n,"rejected":[...]}}; every tap not reported accepted counts as rejected. */
    static Delivery batchAnswer(HttpResponse<String> res, int taps) {
        try {
            JsonNode body = EventJson.mapper().readTree(res.body());
            JsonNode rejectedNode = body.path("rejected");
            int rejected = rejectedNode.isArray() ? rejectedNode.size() : 0;
            int accepted = body.has("accepted") ? body.get("accepted").asInt() : taps - rejected;
            String problem = rejected > 0 ? "batch: " + truncate(rejectedNode.get(0).toString()) : null;
            int unaccounted = taps - accepted - rejected;
            if (unaccounted != 0) {
                problem = "batch answer accounts for " + (accepted + rejected) + " of " + taps + " taps";
            }
            // taps the answer does not account for are counted as rejected, never silently as accepted
            return new Delivery(accepted, Math.max(0, taps - accepted), 0, 0, problem);
        } catch (IOException | RuntimeException e) {
            return new Delivery(0, taps, 0, 0, "unreadable batch answer: " + truncate(res.body()));
        }
    }

    /** One event's attempts: send, and on a retryable outcome schedule the next attempt. */
    private final class Attempts {
        private final Function<Integer, HttpRequest> request;
        private final Function<HttpResponse<String>, Delivery> onSuccess;
        private final int events;
        private final Consumer<Delivery> done;
        private final Runnable onRetry;
        private final long startNanos = System.nanoTime();
        private int attempts;

        Attempts(Function<Integer, HttpRequest> request, Function<HttpResponse<String>, Delivery> onSuccess,
                 int events, Consumer<Delivery> done, Runnable onRetry) {
            this.request = request;
            this.onSuccess = onSuccess;
            this.events = events;
            this.done = done;
            this.onRetry = onRetry;
        }

        void start() {
            attempt();
        }

        private void attempt() {
            attempts++;
            CompletableFuture<HttpResponse<String>> future;
            try {
                future = http.sendAsync(request.apply(attempts), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                finish(new Delivery(0, 0, events, attempts - 1, "cannot send: " + e));
                return;
            }
            future.whenComplete((res, error) -> {
                if (error != null) {
                    retryOrFail(null, "I/O: " + rootMessage(error));
                } else if (res.statusCode() / 100 == 2) {
                    Delivery d = onSuccess.apply(res);
                    finish(new Delivery(d.accepted(), d.rejected(), 0, attempts - 1, d.problem()));
                } else if (RETRYABLE.contains(res.statusCode())) {
                    retryOrFail(retryAfter(res), "HTTP " + res.statusCode());
                } else {
                    finish(new Delivery(0, events, 0, attempts - 1,
                            "HTTP " + res.statusCode() + ": " + truncate(res.body())));
                }
            });
        }

        private void retryOrFail(Duration retryAfter, String why) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            if (!retry.mayRetry(attempts, elapsed)) {
                finish(new Delivery(0, 0, events, attempts - 1, "gave up after " + attempts + " attempts: " + why));
                return;
            }
            onRetry.run();
            Duration delay = retry.delay(attempts, retryAfter);
            try {
                scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                finish(new Delivery(0, 0, events, attempts - 1, "stopped before retry: " + why));
            }
        }

        private void finish(Delivery delivery) {
            slots.release();
            done.accept(delivery);
        }
    }

    private static Duration retryAfter(HttpResponse<?> res) {
        return res.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return null; // an HTTP date: fall back to our own backoff
            }
        }).orElse(null);
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
