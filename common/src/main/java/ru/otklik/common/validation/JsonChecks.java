package ru.otklik.common.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import ru.otklik.common.response.ClientTimes;

/** Field-level checks over a JSON tree that collect violations instead of stopping at the first. */
final class JsonChecks {

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> violations() {
        return violations;
    }

    void add(String field, String rule, String message) {
        violations.add(new Violation(field, rule, message));
    }

    void onlyKnownFields(JsonNode object, String prefix, Collection<String> known) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                add(prefix + name, "unknown-field", "field is not part of the schema");
            }
        }
    }

    /** A required text matching {@code pattern}; returns it or null. */
    String requiredText(JsonNode parent, String field, String path, Pattern pattern) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            add(path, "required", "field is required");
            return null;
        }
        return text(node, path, pattern);
    }

    String optionalText(JsonNode parent, String field, String path, Pattern pattern) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return text(node, path, pattern);
    }

    private String text(JsonNode node, String path, Pattern pattern) {
        if (!node.isTextual()) {
            add(path, "type", "must be a string");
            return null;
        }
        String value = node.textValue();
        if (pattern != null && !pattern.matcher(value).matches()) {
            add(path, "format", "must match " + pattern.pattern());
            return null;
        }
        return value;
    }

    /** A whole number in [min, max]; returns it or null. */
    Integer integer(JsonNode node, String path, int min, int max) {
        if (!node.isIntegralNumber()) {
            add(path, "type", "must be a whole number");
            return null;
        }
        if (!node.canConvertToInt()) {
            // a whole number, just far too big or small: out of range, not of the wrong type
            add(path, "range", "must be between " + min + " and " + max + ", got " + node.asText());
            return null;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            add(path, "range", "must be between " + min + " and " + max + ", got " + value);
            return null;
        }
        return value;
    }

    Instant instant(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            add(path, "required", "field is required");
            return null;
        }
        if (!node.isTextual()) {
            add(path, "type", "must be an ISO-8601 instant such as 2026-05-01T09:30:00Z");
            return null;
        }
        try {
            return Instant.parse(node.textValue());
        } catch (DateTimeParseException e) {
            add(path, "format", "must be an ISO-8601 instant such as 2026-05-01T09:30:00Z");
            return null;
        }
    }

    /**
     * A required client time within {@link ClientTimes}' plausible range around {@code reference};
     * returns it or null. Every client time goes through here, so none can reach epoch arithmetic
     * (fill durations, Flink's millisecond timestamps) from outside that range.
     */
    Instant clientTime(JsonNode parent, String field, String path, Instant reference) {
        Instant time = instant(parent, field, path);
        if (time == null) {
            return null;
        }
        String rule = ClientTimes.violation(time, reference);
        if (rule != null) {
            add(path, rule, ClientTimes.message(rule));
            return null;
        }
        return time;
    }

    <E extends Enum<E>> E code(JsonNode parent, String field, String path, Class<E> type, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                add(path, "required", "field is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            add(path, "type", "must be a string");
            return null;
        }
        for (E constant : type.getEnumConstants()) { // exact: "KIOSK" is not the code "kiosk"
            if (code(constant).equals(node.textValue())) {
                return constant;
            }
        }
        add(path, "enum", "must be one of " + codes(type));
        return null;
    }

    private static <E extends Enum<E>> List<String> codes(Class<E> type) {
        List<String> codes = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            codes.add(code(constant));
        }
        return codes;
    }

    /** The JSON code of an Otklik enum constant: its lower-case name ({@code in_person}). */
    private static String code(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT);
    }
}
