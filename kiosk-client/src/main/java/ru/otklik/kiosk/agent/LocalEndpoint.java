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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * The agent's HTTP face for the touch UI, bound to the loopback interface only (nothing off the
 * kiosk can post taps or read status):
 * <ul>
 *   <li>{@code GET /} (and {@code /kiosk.css}, {@code /kiosk.js}) → the touch UI, from
 *       {@code kiosk-ui/} on the class path; no external resources, so it works offline.</li>
 *   <li>{@code GET /ui-config} → what the page needs: idle timeout, the K1/K2 texts of the
 *       kiosk-quick survey (ru/en) and the K2 reason codes with their labels.</li>
 *   <li>{@code POST /tap {"button":1-4,"reason":"waiting_time"?}} → journaled durably, then
 *       200 {@code {"tapId":...,"counted":true|false}} (false: folded into the previous tap);
 *       400 bad input; 507 backlog full (show the kiosk as out of order); 500 disk error.</li>
 *   <li>{@code POST /tap/{tapId}/reason {"reason":"waiting_time"}} → the follow-up reason journaled
 *       durably and merged into that tap (sent once, with it): 204; 400 unknown reason or bad body;
 *       409 the tap is unknown, already sent, already has a reason, or its reason window passed
 *       (the rating itself still counts; the UI just says thanks). With {@code "comment":"..."} (at most
 *       4,000 characters) the visitor's comment goes with it; a comment alone (no reason) is a follow-up too.</li>
 *   <li>{@code POST /tap/{tapId}/writing} → the visitor started writing a comment: the tap waits for it
 *       ({@link PressFilter#COMMENT_WINDOW}): 204; 409 as above.</li>
 *   <li>{@code GET /status} → deviceId, queueLength, oldestUnsentAgeSeconds, lastSuccessfulSend,
 *       lastError, suppressedPresses (since start) and more, as JSON.</li>
 * </ul>
 */
public final class LocalEndpoint implements AutoCloseable {

    private static final Pattern REASON_PATH = Pattern.compile("/tap/([A-Za-z0-9_-]{1,64})/(reason|writing)");
    /** A comment of 4,000 Cyrillic characters is 8,000 bytes of UTF-8, plus JSON. */
    private static final int MAX_FOLLOW_UP_BYTES = 32 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final PressFilter filter;
    private final Forwarder forwarder;
    private final List<String> reasons;
    private final KioskUi ui;

    public LocalEndpoint(int port, PressFilter filter, Forwarder forwarder, Duration uiIdle) throws IOException {
        this.filter = filter;
        this.forwarder = forwarder;
        SurveyDefinition survey = SurveyCatalog.builtIn().find(KioskTap.SURVEY_ID, KioskTap.SURVEY_VERSION)
                .orElseThrow(() -> new IllegalStateException("survey kiosk-quick v1 missing from the catalog"));
        this.reasons = survey.question(KioskTap.REASON_QUESTION).map(Question::allowedChoices).orElse(List.of());
        this.ui = new KioskUi(survey, uiIdle);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", ui::serve);
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
            String path = ex.getRequestURI().getPath();
            if (!"/tap".equals(path) && !"/tap/".equals(path)) {
                Matcher m = REASON_PATH.matcher(path);
                if (m.matches() && m.group(2).equals("reason")) {
                    reason(ex, m.group(1));
                } else if (m.matches()) {
                    PressFilter.ReasonResult held = filter.writing(m.group(1));
                    if (held == PressFilter.ReasonResult.HELD) {
                        ex.sendResponseHeaders(204, -1);
                    } else {
                        answer(ex, 409, EventJson.mapper().createObjectNode()
                                .put("error", held.name().toLowerCase(Locale.ROOT)).toString());
                    }
                } else {
                    answer(ex, 404, error("no such resource " + path));
                }
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

    private void reason(HttpExchange ex, String tapId) throws IOException {
        String reason;
        String comment;
        try {
            JsonNode body = EventJson.mapper().readTree(ex.getRequestBody().readNBytes(MAX_FOLLOW_UP_BYTES));
            JsonNode r = body == null ? null : body.get("reason");
            JsonNode c = body == null ? null : body.get("comment");
            if (c != null && !c.isNull() && (!c.isTextual()
                    || c.asText().length() > ru.otklik.common.validation.ResponseValidator.MAX_COMMENT_CHARS)) {
                answer(ex, 400, error("comment must be text of at most "
                        + ru.otklik.common.validation.ResponseValidator.MAX_COMMENT_CHARS + " characters"));
                return;
            }
            comment = c == null || c.isNull() || c.asText().isBlank() ? null : c.asText().strip();
            boolean noReason = r == null || r.isNull();
            if ((noReason && comment == null) || (!noReason && (!r.isTextual() || !reasons.contains(r.asText())))) {
                answer(ex, 400, error("reason must be one of " + reasons + (comment == null ? " (or send a comment)" : "")));
                return;
            }
            reason = noReason ? null : r.asText();
        } catch (IOException e) {
            answer(ex, 400, error("body must be JSON {\"reason\":...,\"comment\":...}"));
            return;
        }
        PressFilter.ReasonResult result;
        try {
            result = filter.followUp(tapId, reason, comment);
        } catch (IOException e) {
            LogLine.error("journal_write_failed", "error", e);
            answer(ex, 500, error("cannot store the reason: " + e.getMessage()));
            return;
        }
        if (result == PressFilter.ReasonResult.MERGED) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        // expected when a visitor answers late: no stack trace, one line
        LogLine.info("reason_not_merged", "tap", tapId, "why", result);
        answer(ex, 409, EventJson.mapper().createObjectNode()
                .put("error", result.name().toLowerCase(Locale.ROOT)).toString());
    }

    private void status(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                answer(ex, 405, error("GET only"));
                return;
            }
            ForwarderStatus s = forwarder.status();
            ObjectNode out = EventJson.mapper().createObjectNode();
            out.put("deviceId", s.deviceId());
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
            out.put("suppressedPresses", s.suppressedPresses());
            answer(ex, 200, out.toString());
        }
    }

    static String error(String message) {
        return EventJson.mapper().createObjectNode().put("error", message).toString();
    }

    static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
