package ru.otklik.kiosk.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.response.ClientTimes;
import ru.otklik.common.response.EventJson;

/**
 * Tells ingest every {@code interval} that this kiosk is alive and how its queue stands: a signed
 * {@link KioskHeartbeat} to {@code POST /api/v1/kiosk/heartbeats} (204 expected). Runs on its own
 * thread, so a slow or dead ingest never delays a tap or a batch. A failure is logged when the
 * state changes (ok -> failing, one failure kind -> another, failing -> ok), not every minute.
 */
public final class HeartbeatSender implements AutoCloseable {

    static final String HEARTBEATS_PATH = "/api/v1/kiosk/heartbeats";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final String deviceId;
    private final String secret;
    private final KioskJournal journal;
    private final Forwarder forwarder;
    private final String agentVersion;
    private final Duration interval;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    /** null while heartbeats succeed (or before the first), else the kind of the current failure */
    private String failingWith;
    private boolean everSent;

    public HeartbeatSender(URI ingest, String deviceId, String secret, KioskJournal journal, Forwarder forwarder,
                           String agentVersion, Duration interval, Clock clock) {
        this.uri = SignedRequest.resolve(ingest, HEARTBEATS_PATH);
        this.deviceId = deviceId;
        this.secret = secret;
        this.journal = journal;
        this.forwarder = forwarder;
        this.agentVersion = agentVersion;
        this.interval = interval;
        this.clock = clock;
        this.http = SignedRequest.client();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiosk-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** The first heartbeat right away (ingest learns of a restart), then every interval. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::beatSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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

    KioskHeartbeat current() {
        Instant now = clock.instant();
        return new KioskHeartbeat(deviceId, now, journal.unsentCount(), plausible(journal.oldestUnsent().orElse(null), now),
                plausible(forwarder.lastSuccessfulSend(), now), agentVersion, null, null, null);
    }

    /**
     * A time ingest takes in a heartbeat (not before {@link ClientTimes#EARLIEST}, not in the future), else
     * null: one implausible tap time (a journal written under a broken clock) must not get every heartbeat
     * refused, which would make a living kiosk look silent.
     */
    static Instant plausible(Instant time, Instant now) {
        if (time == null) {
            return null;
        }
        String rule = ClientTimes.violation(time, now);
        return rule == null || (rule.equals("too-old") && !time.isBefore(ClientTimes.EARLIEST)) ? time : null;
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // an exception would cancel the fixed-delay schedule for good
            state("unexpected: " + e.getClass().getSimpleName(), e.toString());
        }
    }

    void beat() {
        KioskHeartbeat heartbeat = current();
        byte[] body = EventJson.toBytes(heartbeat);
        HttpResponse<String> response;
        try {
            response = http.send(SignedRequest.post(uri, deviceId, secret, body, clock, REQUEST_TIMEOUT),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            state("io", e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int code = response.statusCode();
        if (code / 100 == 2) {
            state(null, null);
        } else if (code == 401 || code == 403) {
            state("auth " + code, truncate(response.body()));
        } else {
            state("http " + code, truncate(response.body()));
        }
    }

    private void state(String failure, String detail) {
        if (failure == null) {
            if (everSent && failingWith == null) {
                return;
            }
            LogLine.info(failingWith == null ? "heartbeat_ok" : "heartbeat_recovered", "interval_ms",
                    interval.toMillis());
            everSent = true;
        } else {
            if (failure.equals(failingWith)) {
                return;
            }
            if (failure.startsWith("auth")) {
                // a bad secret or a revoked device: taps will be refused too
                LogLine.error("heartbeat_failed", "why", failure, "detail", detail);
            } else {
                LogLine.warn("heartbeat_failed", "why", failure, "detail", detail);
            }
        }
        failingWith = failure;
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
