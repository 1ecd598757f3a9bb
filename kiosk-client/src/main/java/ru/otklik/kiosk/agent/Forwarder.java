package ru.otklik.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.response.ClientTimes;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;

/**
 * Drains the journal to ingest: one signed batch (at most {@link KioskBatch#MAX_TAPS} taps) at a
 * time on its own scheduler thread. Taps are marked sent only after a 2xx answer; a tap ingest
 * rejected is kept by ingest in its dead-letter topic, so it is done for the kiosk too. Resending is
 * always safe (ingest counts a tapId once), so every doubt is resolved by sending again.
 *
 * <p>429/5xx/I/O: exponential backoff with full jitter, at least Retry-After, capped. 401/403 (a bad
 * secret or a revoked device) and other 4xx cannot heal by retrying soon: logged as errors and
 * retried after the cap, so the backlog is kept and the log is not flooded.
 */
public final class Forwarder implements AutoCloseable {

    static final String BATCHES_PATH = "/api/v1/kiosk/batches";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI batchesUri;
    private final String deviceId;
    private final String secret;
    private final PressFilter source;
    private final KioskJournal journal;
    private final Backoff backoff;
    private final Duration idlePoll;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;

    private volatile Instant lastSuccessfulSend;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile int consecutiveFailures;

    public Forwarder(URI ingest, String deviceId, String secret, PressFilter source, KioskJournal journal,
                     Backoff backoff, Duration idlePoll, Clock clock) {
        this.batchesUri = SignedRequest.resolve(ingest, BATCHES_PATH);
        this.deviceId = deviceId;
        this.secret = secret;
        this.source = source;
        this.journal = journal;
        this.backoff = backoff;
        this.idlePoll = idlePoll;
        this.clock = clock;
        this.http = SignedRequest.client();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiosk-forwarder");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        schedule(Duration.ZERO);
    }

    public ForwarderStatus status() {
        Instant now = clock.instant();
        Optional<Instant> oldest = journal.oldestUnsent();
        Duration age = oldest.map(ts -> ts.isAfter(now) ? Duration.ZERO : Duration.between(ts, now)).orElse(null);
        return new ForwarderStatus(deviceId, journal.unsentCount(), age, lastSuccessfulSend, lastError, lastErrorAt,
                consecutiveFailures, source.suppressedSinceStart());
    }

    /** When ingest last acknowledged a batch (null before the first, in this process). */
    public Instant lastSuccessfulSend() {
        return lastSuccessfulSend;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::cycle, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: the journal keeps everything for the next start
        }
    }

    private void cycle() {
        Duration next;
        try {
            next = sendOnce();
        } catch (RuntimeException e) {
            // never let the scheduler thread die: a bug here must not stop delivery for good
            next = failed("unexpected: " + e, backoff.cap());
        }
        if (!Thread.currentThread().isInterrupted()) {
            schedule(next);
        }
    }

    /** Sends one batch if any tap is due; returns how long to wait before the next attempt. */
    Duration sendOnce() {
        List<JournaledTap> pending = source.sendable(KioskBatch.MAX_TAPS);
        if (pending.isEmpty()) {
            return idlePoll;
        }
        List<KioskTap> taps = pending.stream().map(JournaledTap::tap).toList();
        warnOfImplausibleTimes(taps);
        byte[] body = EventJson.toBytes(new KioskBatch(taps));
        HttpRequest request = SignedRequest.post(batchesUri, deviceId, secret, body, clock, REQUEST_TIMEOUT);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return failed("I/O: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return idlePoll;
        }
        int code = response.statusCode();
        if (code / 100 == 2) {
            return accepted(pending, response.body());
        }
        if (code == 429 || code / 100 == 5) {
            return failed("HTTP " + code, retryAfter(response));
        }
        // 401/403/400/413...: retrying soon cannot help; keep the taps, shout, and wait long
        LogLine.error("ingest_refused_batch", "status", code, "taps", taps.size(),
                "body", truncate(response.body()), "retry_in", backoff.cap());
        lastError = "HTTP " + code + ": " + truncate(response.body());
        lastErrorAt = clock.instant();
        consecutiveFailures++;
        return backoff.cap();
    }

    private Duration accepted(List<JournaledTap> pending, String body) {
        long upTo = pending.get(pending.size() - 1).sequence();
        int rejected = rejectedCount(body);
        if (rejected > 0) {
            LogLine.warn("taps_rejected_by_ingest", "count", rejected, "of", pending.size(), "body", truncate(body));
        }
        try {
            journal.markSent(upTo);
        } catch (IOException e) {
            // the taps stay unsent and go again: a duplicate, which ingest drops by tapId
            return failed("cannot write checkpoint: " + e, null);
        }
        lastSuccessfulSend = clock.instant();
        if (consecutiveFailures > 0) {
            LogLine.info("ingest_recovered", "after_failures", consecutiveFailures);
        }
        consecutiveFailures = 0;
        LogLine.info("batch_sent", "taps", pending.size(), "rejected", rejected, "acked_up_to", upTo,
                "unsent", journal.unsentCount());
        return pending.size() >= KioskBatch.MAX_TAPS ? Duration.ZERO : idlePoll;
    }

    /**
     * Taps with a time ingest will refuse (too-old, future: the kiosk's clock was wrong when they were
     * pressed) are still sent, never dropped here: ingest reports each by index and keeps it in its
     * dead-letter topic, where the count is not lost. The agent says so in its own log.
     */
    private void warnOfImplausibleTimes(List<KioskTap> taps) {
        Instant now = clock.instant();
        int implausible = 0;
        String first = null;
        for (KioskTap tap : taps) {
            String rule = ClientTimes.violation(tap.clientTs(), now);
            if (rule != null) {
                implausible++;
                first = first == null ? tap.tapId() + ":" + rule : first;
            }
        }
        if (implausible > 0) {
            LogLine.warn("taps_with_implausible_time", "count", implausible, "first", first, "now", now);
        }
    }

    private Duration failed(String why, Duration retryAfter) {
        consecutiveFailures++;
        lastError = why;
        lastErrorAt = clock.instant();
        Duration delay = backoff.delay(consecutiveFailures, retryAfter);
        LogLine.warn("send_failed", "why", why, "failures", consecutiveFailures, "retry_in_ms", delay.toMillis(),
                "unsent", journal.unsentCount());
        return delay;
    }

    private static int rejectedCount(String body) {
        try {
            JsonNode rejected = EventJson.mapper().readTree(body).path("rejected");
            return rejected.isArray() ? rejected.size() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to our own backoff
            }
        }).orElse(null);
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
