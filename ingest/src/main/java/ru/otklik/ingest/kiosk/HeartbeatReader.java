package ru.otklik.ingest.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.response.ClientTimes;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;

/**
 * The strict reading of a heartbeat body: exactly the agent's fields, each of its type, a queue
 * length that cannot be negative, and the device id of the signed header (a kiosk reports for
 * itself only). Office, touchpoint and receive time are ours to add, so a client sending them is
 * refused like any unknown field.
 */
final class HeartbeatReader {

    static final Set<String> FIELDS = Set.of("deviceId", "sentTs", "queueLength", "oldestUnsentTs",
            "lastSuccessfulSendTs", "agentVersion");
    /** Free text, but one short line without control characters (it ends up in logs). */
    private static final Pattern AGENT_VERSION = Pattern.compile("[^\\p{Cntrl}]{1,64}");

    private HeartbeatReader() {
    }

    /** Read against {@code now}: every time must be a plausible client clock ({@link ClientTimes}). */
    static Validated<KioskHeartbeat> read(JsonNode json, String signedDeviceId, Instant now) {
        List<Violation> v = new ArrayList<>();
        if (json == null || !json.isObject()) {
            return Validated.invalid(List.of(new Violation("$", "type", "body must be a JSON object")));
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                v.add(new Violation(name, "unknown-field", "field is not part of the schema"));
            }
        });
        String deviceId = text(json, "deviceId", true, null, v);
        if (deviceId != null && !deviceId.equals(signedDeviceId)) {
            v.add(new Violation("deviceId", "device-mismatch", "must be the device of the X-Otklik-Device header"));
        }
        Instant sent = bounded(instant(json, "sentTs", true, v), "sentTs", now, false, v);
        Integer queue = null;
        JsonNode q = json.get("queueLength");
        if (q == null || q.isNull()) {
            v.add(new Violation("queueLength", "required", "field is required"));
        } else if (!q.isIntegralNumber() || !q.canConvertToInt()) {
            v.add(new Violation("queueLength", "type", "must be a whole number"));
        } else if (q.intValue() < 0) {
            v.add(new Violation("queueLength", "range", "must not be negative, got " + q.intValue()));
        } else {
            queue = q.intValue();
        }
        // a kiosk whose network has been down for weeks must still be able to say so: these two may be old
        Instant oldest = bounded(instant(json, "oldestUnsentTs", false, v), "oldestUnsentTs", now, true, v);
        Instant lastSend = bounded(instant(json, "lastSuccessfulSendTs", false, v), "lastSuccessfulSendTs", now, true,
                v);
        String version = text(json, "agentVersion", false, AGENT_VERSION, v);
        if (!v.isEmpty()) {
            return Validated.invalid(v);
        }
        return Validated.valid(new KioskHeartbeat(deviceId, sent, queue, oldest, lastSend, version, null, null, null));
    }

    /**
     * The time if {@link ClientTimes} finds it plausible, else a violation with its rule. With
     * {@code anyAge}, "too-old" applies only before {@link ClientTimes#EARLIEST} (the time of a last
     * success may lie far back).
     */
    private static Instant bounded(Instant time, String field, Instant now, boolean anyAge, List<Violation> v) {
        if (time == null) {
            return null;
        }
        String rule = ClientTimes.violation(time, now);
        if (rule == null || (anyAge && rule.equals("too-old") && !time.isBefore(ClientTimes.EARLIEST))) {
            return time;
        }
        v.add(new Violation(field, rule, ClientTimes.message(rule)));
        return null;
    }

    private static String text(JsonNode json, String field, boolean required, Pattern pattern, List<Violation> v) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                v.add(new Violation(field, "required", "field is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            v.add(new Violation(field, "type", "must be a string"));
            return null;
        }
        if (pattern != null && !pattern.matcher(node.textValue()).matches()) {
            v.add(new Violation(field, "format", "must match " + pattern.pattern()));
            return null;
        }
        return node.textValue();
    }

    private static Instant instant(JsonNode json, String field, boolean required, List<Violation> v) {
        String text = text(json, field, required, null, v);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "format", "must be an ISO-8601 UTC time such as 2026-05-04T09:55:00Z"));
            return null;
        }
    }
}
