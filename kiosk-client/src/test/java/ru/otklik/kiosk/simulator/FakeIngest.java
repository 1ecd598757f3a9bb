package ru.otklik.kiosk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;

/**
 * A stand-in for ingest: validates forms like ingest, verifies every kiosk signature, answers 503
 * to the first attempt of some requests, and records what it accepted (per id, office, audience).
 */
final class FakeIngest implements AutoCloseable {

    final Map<String, AtomicInteger> acceptedForms = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> acceptedTaps = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> formsByOfficeAudience = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> tapsByOffice = new ConcurrentHashMap<>();
    final AtomicLong refused503 = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong badSignatures = new AtomicLong();
    final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The client time of each accepted form and tap, by id. */
    final Map<String, java.time.Instant> clientTimes = new ConcurrentHashMap<>();
    /** The device of each accepted tap, by tap id. */
    final Map<String, String> tapDevices = new ConcurrentHashMap<>();
    /** The X-Forwarded-For and User-Agent of each accepted form, by response id. */
    final Map<String, String> senders = new ConcurrentHashMap<>();

    private final HttpServer server;
    private final Map<String, KioskDevice> devices = new ConcurrentHashMap<>();
    private final ResponseValidator validator =
            new ResponseValidator(SurveyCatalog.builtIn(), OfficeDirectory.pilot(), Clock.systemUTC());
    private final Map<String, Boolean> refusedOnce = new ConcurrentHashMap<>();
    private final AtomicLong batchRequests = new AtomicLong();
    private final Predicate<String> reject400;

    /** @param reject400 form ids the fake answers 400 to (as ingest does for a broken form) */
    FakeIngest(List<KioskDevice> devices, Predicate<String> reject400) throws IOException {
        devices.forEach(d -> this.devices.put(d.deviceId(), d));
        this.reject400 = reject400;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/responses", this::form);
        server.createContext("/api/v1/kiosk/batches", this::batch);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void form(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        JsonNode tree = EventJson.mapper().readTree(body);
        String id = tree.path("responseId").asText();
        // every fifth form is refused once, as ingest does while Kafka is away
        if (Math.floorMod(id.hashCode(), 5) == 0 && refusedOnce.putIfAbsent("f" + id, true) == null) {
            refused503.incrementAndGet();
            ex.getResponseHeaders().add("Retry-After", "0");
            answer(ex, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        Validated<SurveyResponse> v = validator.validate(tree);
        if (!v.isValid() || reject400.test(id)) {
            rejected.incrementAndGet();
            if (!v.isValid()) {
                errors.add(id + ": " + v.violations());
            }
            answer(ex, 400, "{\"violations\":[]}");
            return;
        }
        SurveyResponse r = v.value();
        acceptedForms.computeIfAbsent(r.responseId(), k -> new AtomicInteger()).incrementAndGet();
        clientTimes.put(r.responseId(), r.clientTs());
        senders.put(r.responseId(), ex.getRequestHeaders().getFirst("X-Forwarded-For") + " | "
                + ex.getRequestHeaders().getFirst("User-Agent"));
        formsByOfficeAudience.computeIfAbsent(r.officeCode() + "/" + r.audience().code(), k -> new AtomicLong())
                .incrementAndGet();
        answer(ex, 202, "{\"responseId\":\"" + r.responseId() + "\"}");
    }

    private void batch(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String deviceId = ex.getRequestHeaders().getFirst(KioskSignature.DEVICE_HEADER);
        String ts = ex.getRequestHeaders().getFirst(KioskSignature.TIMESTAMP_HEADER);
        String signature = ex.getRequestHeaders().getFirst(KioskSignature.SIGNATURE_HEADER);
        KioskDevice device = deviceId == null ? null : devices.get(deviceId);
        if (device == null || ts == null
                || Math.abs(Long.parseLong(ts) - System.currentTimeMillis() / 1000) > 300
                || !KioskSignature.verify(device.secret(), Long.parseLong(ts), body, signature)) {
            badSignatures.incrementAndGet();
            answer(ex, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        if (batchRequests.incrementAndGet() % 4 == 0) {
            refused503.incrementAndGet();
            answer(ex, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        JsonNode taps = EventJson.mapper().readTree(body).path("taps");
        int accepted = 0;
        for (JsonNode node : taps) {
            KioskTap tap = EventJson.fromTree(node, KioskTap.class);
            String region = OfficeDirectory.pilot().office(device.officeCode()).orElseThrow().regionCode();
            JsonNode asResponse = EventJson.mapper().valueToTree(
                    tap.toResponse(region, device.officeCode(), device.touchpointId(), null));
            Validated<SurveyResponse> v = validator.validate(asResponse);
            if (!tap.deviceId().equals(deviceId) || !v.isValid()) {
                errors.add(tap.tapId() + ": " + v.violations());
                continue;
            }
            acceptedTaps.computeIfAbsent(tap.tapId(), k -> new AtomicInteger()).incrementAndGet();
            clientTimes.put(tap.tapId(), tap.clientTs());
            tapDevices.put(tap.tapId(), tap.deviceId());
            tapsByOffice.computeIfAbsent(device.officeCode(), k -> new AtomicLong()).incrementAndGet();
            accepted++;
        }
        answer(ex, 202, "{\"accepted\":" + accepted + ",\"rejected\":[]}");
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    long count(Map<String, AtomicLong> map, String key) {
        AtomicLong v = map.get(key);
        return v == null ? 0 : v.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
