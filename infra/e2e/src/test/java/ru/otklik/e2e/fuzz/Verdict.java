package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import ru.otklik.common.response.EventJson;
import ru.otklik.e2e.fuzz.FuzzRequest.Expect;

/**
 * Judges one answer against its request: never a 5xx; a 2xx (or the login's redirect) only for a request
 * the rules accept, and a valid request never refused; a kiosk batch accepts exactly the taps the validator
 * accepts; every refusal says why in a machine-readable way — Problem JSON with an {@code error} code, or
 * for the respondent's and the login's HTML pages one of the statuses those pages are documented with.
 */
final class Verdict {

    private Verdict() {
    }

    /** Null when the answer is right, else what is wrong with it. */
    static String judge(FuzzRequest q, RawHttp.Answer a) {
        int s = a.status();
        if (s >= 500) {
            return "server error " + s;
        }
        boolean accepted = s >= 200 && s < 300 || s == 303 && q.target().equals("/login");
        if (accepted) {
            if (q.expect() == Expect.REFUSE) {
                return "accepted what the rules refuse (" + s + ")";
            }
            if (q.accepted() >= 0) {
                JsonNode body = json(a);
                int taps = body == null ? -1 : body.path("accepted").asInt(-1);
                if (taps != q.accepted()) {
                    return "accepted " + taps + " taps, the validator accepts " + q.accepted();
                }
            }
            return null;
        }
        if (s < 400) {
            return "unexpected status " + s;
        }
        if (q.target().equals("/login") && s == 429) {
            // the login throttle (LoginThrottle): the fuzzer's wrong passwords lock the names and its address,
            // after which even a right password waits; what must hold is the form of the refusal
            return a.header("retry-after") != null && a.header("retry-after").matches("[1-9][0-9]*") ? null
                    : "a throttled login without a Retry-After in seconds";
        }
        if (q.expect() == Expect.ACCEPT) {
            return "refused a valid request (" + s + " " + snippet(a) + ")";
        }
        String type = a.header("content-type") == null ? "" : a.header("content-type").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html")) {
            boolean page = q.target().startsWith("/s/") && (s == 400 || s == 404 || s == 409)
                    || q.target().equals("/login") && s == 401;
            return page ? null : "an HTML refusal " + s + " where Problem JSON is due";
        }
        JsonNode body = json(a);
        if (body == null || !body.path("error").isTextual() || body.path("error").textValue().isBlank()) {
            return "refusal " + s + " without a machine-readable reason (" + type + ": " + snippet(a) + ")";
        }
        return null;
    }

    static JsonNode json(RawHttp.Answer a) {
        try {
            return a.body().length == 0 ? null : EventJson.mapper().readTree(a.body());
        } catch (Exception e) {
            return null;
        }
    }

    static String snippet(RawHttp.Answer a) {
        String text = a.text().replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
