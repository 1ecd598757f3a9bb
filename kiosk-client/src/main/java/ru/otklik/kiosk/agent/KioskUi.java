package ru.otklik.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * The touch UI's files ({@code kiosk-ui/} on the class path) and {@code GET /ui-config}. Question
 * texts, reason codes and their labels come from the survey catalog, so the kiosk asks exactly what
 * the analytics count (a code without a label is shown as the code rather than hidden).
 */
final class KioskUi {

    private static final String ROOT = "/kiosk-ui/";
    /** Only plain file names: nothing outside kiosk-ui/ can be read. */
    private static final Pattern FILE = Pattern.compile("[a-z0-9-]+\\.(html|css|js)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");

    private final byte[] config;

    KioskUi(SurveyDefinition survey, Duration idle) {
        this.config = uiConfig(survey, idle).toString().getBytes(StandardCharsets.UTF_8);
    }

    void serve(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                LocalEndpoint.answer(ex, 405, LocalEndpoint.error("GET only"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if ("/ui-config".equals(path)) {
                send(ex, "application/json", config);
                return;
            }
            String name = "/".equals(path) ? "index.html" : path.substring(1);
            byte[] file = FILE.matcher(name).matches() ? read(name) : null;
            if (file == null) {
                LocalEndpoint.answer(ex, 404, LocalEndpoint.error("no such resource " + path));
                return;
            }
            send(ex, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), file);
        }
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        // the agent may be updated under a running kiosk browser: always revalidate
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = KioskUi.class.getResourceAsStream(ROOT + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    static ObjectNode uiConfig(SurveyDefinition survey, Duration idle) {
        ObjectNode out = EventJson.mapper().createObjectNode();
        out.put("idleMs", idle.toMillis());
        Question k1 = survey.question(KioskTap.SATISFACTION_QUESTION).orElseThrow();
        out.set("question", text(k1.text()));
        ArrayNode reasons = out.putArray("reasons");
        survey.question(KioskTap.REASON_QUESTION).ifPresent(k2 -> {
            out.set("reasonQuestion", text(k2.text()));
            for (String code : k2.allowedChoices()) {
                LocalizedText label = k2.optionLabel(code).orElse(new LocalizedText(code, code));
                reasons.addObject().put("code", code).put("ru", label.ru()).put("en", label.en());
            }
        });
        return out;
    }

    private static ObjectNode text(LocalizedText t) {
        return EventJson.mapper().createObjectNode().put("ru", t.ru()).put("en", t.en());
    }
}
