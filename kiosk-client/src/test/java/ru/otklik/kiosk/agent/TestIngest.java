package ru.otklik.kiosk.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskEnrolment;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;

/**
 * An in-test ingest kiosk endpoint: verifies every signature with {@link KioskSignature#verify},
 * answers {@link #status} (503 with Retry-After 0 while unavailable) and records what it accepted.
 * Also the heartbeat endpoint (signed, answers {@link #heartbeatStatus}, records valid heartbeats) and
 * the enrolment endpoint (answers {@link #enrolmentStatus}: 201 hands out this ingest's device id and
 * secret, anything else an error body with violations, as the real ingest does).
 */
final class TestIngest implements AutoCloseable {

    final AtomicInteger status = new AtomicInteger(202);
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();
    final AtomicInteger largestBatch = new AtomicInteger();
    final List<KioskTap> accepted = new CopyOnWriteArrayList<>();
    /** Called before answering 2xx, e.g. to check nothing was marked sent yet. */
    volatile Runnable beforeAccept = () -> { };
    final AtomicInteger heartbeatStatus = new AtomicInteger(204);
    final List<KioskHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    final AtomicInteger badHeartbeatSignatures = new AtomicInteger();
    final AtomicInteger enrolmentStatus = new AtomicInteger(201);
    final List<String> enrolmentCodes = new CopyOnWriteArrayList<>();

    private final String deviceId;
    private final String secret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    TestIngest(String deviceId, String secret) throws IOException {
        this.deviceId = deviceId;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(Forwarder.BATCHES_PATH, this::batch);
        server.createContext(HeartbeatSender.HEARTBEATS_PATH, this::heartbeat);
        server.createContext(Enrolment.ENROLMENTS_PATH, this::enrolment);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Set<String> acceptedIds() {
        return accepted.stream().map(KioskTap::tapId).collect(Collectors.toSet());
    }

    private void batch(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            String device = ex.getRequestHeaders().getFirst(KioskSignature.DEVICE_HEADER);
            String ts = ex.getRequestHeaders().getFirst(KioskSignature.TIMESTAMP_HEADER);
            String sig = ex.getRequestHeaders().getFirst(KioskSignature.SIGNATURE_HEADER);
            if (!deviceId.equals(device) || ts == null || sig == null
                    || !KioskSignature.verify(secret, Long.parseLong(ts), body, sig)) {
                badSignatures.incrementAndGet();
                answer(ex, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            int code = status.get();
            if (code / 100 != 2) {
                refused.incrementAndGet();
                ex.getResponseHeaders().add("Retry-After", "0");
                answer(ex, code, "{\"error\":\"unavailable\"}");
                return;
            }
            KioskBatch batch = EventJson.fromBytes(body, KioskBatch.class);
            largestBatch.accumulateAndGet(batch.taps().size(), Math::max);
            beforeAccept.run();
            accepted.addAll(batch.taps());
            answer(ex, code, "{\"accepted\":" + batch.taps().size() + ",\"rejected\":[]}");
        }
    }

    private boolean signedByDevice(HttpExchange ex, byte[] body) {
        String device = ex.getRequestHeaders().getFirst(KioskSignature.DEVICE_HEADER);
        String ts = ex.getRequestHeaders().getFirst(KioskSignature.TIMESTAMP_HEADER);
        String sig = ex.getRequestHeaders().getFirst(KioskSignature.SIGNATURE_HEADER);
        return deviceId.equals(device) && ts != null && sig != null
                && KioskSignature.verify(secret, Long.parseLong(ts), body, sig);
    }

    private void heartbeat(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!"POST".equals(ex.getRequestMethod()) || !signedByDevice(ex, body)) {
                badHeartbeatSignatures.incrementAndGet();
                answer(ex, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            int code = heartbeatStatus.get();
            if (code == 204) {
                heartbeats.add(EventJson.fromBytes(body, KioskHeartbeat.class));
                ex.sendResponseHeaders(204, -1);
            } else {
                answer(ex, code, "{\"error\":\"refused\"}");
            }
        }
    }

    private void enrolment(HttpExchange ex) throws IOException {
        try (ex) {
            String code = EventJson.mapper().readTree(ex.getRequestBody().readAllBytes()).path("code").asText();
            enrolmentCodes.add(code);
            int status = enrolmentStatus.get();
            if (status == 201) {
                answer(ex, 201, EventJson.mapper().writeValueAsString(
                        new KioskEnrolment(deviceId, secret, "BRY", "BRY-01", "hall")));
            } else {
                answer(ex, status, "{\"error\":\"refused\",\"violations\":[{\"field\":\"code\","
                        + "\"rule\":\"" + (status == 409 ? "used" : "unknown") + "\","
                        + "\"message\":\"" + (status == 409 ? "code already used" : "unknown or expired code")
                        + "\"}]}");
            }
        }
    }

    private static void answer(HttpExchange ex, int code, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Bounded wait for an eventual outcome; fails the test with {@code what} on timeout. */
    static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
