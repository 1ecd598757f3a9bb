package ru.otklik.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyCatalog;

/**
 * The agent's HTTP face for the touch UI, bound to the loopback interface only (nothing off the
 * kiosk can post taps or read status):
 * <ul>
 *   <li>{@code POST /tap {"button":1-4,"reason":"waiting_time"?}} → journaled durably, then
 *       200 {@code {"tapId":...,"counted":true|false}} (false: folded into the previous tap);
 *       400 bad input; 507 backlog full (show the kiosk as out of order); 500 disk error.</li>
 *   <li>{@code GET /status} → the forwarder's status as JSON.</li>
 * </ul>
 */
public final class LocalEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final PressFilter filter;
    private final Forwarder forwarder;
    private final List<String> reasons;

    public LocalEndpoint(int port, PressFilter filter, Forwarder forwarder) throws IOException {
        this.filter = filter;
        this.forwarder = forwarder;
        this.reasons = SurveyCatalog.builtIn().find(KioskTap.SURVEY_ID, KioskTap.SURVEY_VERSION)
                .flatMap(d -> d.question(KioskTap.REASON_QUESTION))
                .map(Question::allowedChoices)
                .orElse(List.of());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/tap", this::tap);
        server.createContext("/status", this::status);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void tap(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                answer(ex, 405, error("POST only"));
                return;
            }
            int button;
            String reason;
            try {
                JsonNode body = EventJson.mapper().readTree(ex.getRequestBody().readNBytes(4096));
                JsonNode b = body == null ? null : body.get("button");
                if (b == null || !b.isInt() || b.asInt() < 1 || b.asInt() > 4) {
                    answer(ex, 400, error("button must be an integer 1-4"));
                    return;
                }
                button = b.asInt();
                JsonNode r = body.get("reason");
                reason = r == null || r.isNull() ? null : r.asText();
                if (reason != null && !reasons.isEmpty() && !reasons.contains(reason)) {
                    answer(ex, 400, error("unknown reason " + reason + ", expected one of " + reasons));
                    return;
                }
            } catch (IOException e) {
                answer(ex, 400, error("body must be JSON {\"button\":1-4,\"reason\":...}"));
                return;
            }
            PressFilter.Press press;
            try {
                press = filter.press(button, reason);
            } catch (JournalFullException e) {
                answer(ex, 507, error(e.getMessage()));
                return;
            } catch (IOException e) {
                LogLine.error("journal_write_failed", "error", e);
                answer(ex, 500, error("cannot store the tap: " + e.getMessage()));
                return;
            }
            ObjectNode out = EventJson.mapper().createObjectNode()
                    .put("tapId", press.tapId())
                    .put("counted", press.counted());
            answer(ex, 200, out.toString());
        }
    }

    private void status(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                answer(ex, 405, error("GET only"));
                return;
            }
            ForwarderStatus s = forwarder.status();
            ObjectNode out = EventJson.mapper().createObjectNode();
            out.put("queueLength", s.queueLength());
            if (s.oldestUnsentAge() == null) {
                out.putNull("oldestUnsentAgeSeconds");
            } else {
                out.put("oldestUnsentAgeSeconds", s.oldestUnsentAge().toSeconds());
            }
            out.put("lastSuccessfulSend", s.lastSuccessfulSend() == null ? null : s.lastSuccessfulSend().toString());
            out.put("lastError", s.lastError());
            out.put("lastErrorAt", s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
            out.put("consecutiveFailures", s.consecutiveFailures());
            answer(ex, 200, out.toString());
        }
    }

    private static String error(String message) {
        return EventJson.mapper().createObjectNode().put("error", message).toString();
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
