package ru.otklik.common.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code Content-Type} value: {@code type/subtype} (lower case) and its parameters (names lower
 * case, values unquoted). Servers use {@link #admits} to decide 415: an endpoint names the one type
 * it reads, and the only parameter it tolerates is {@code charset=utf-8}, because it decodes nothing
 * else.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

    public static final MediaType JSON = new MediaType("application", "json", Map.of());
    public static final MediaType FORM = new MediaType("application", "x-www-form-urlencoded", Map.of());

    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** The media type of a header value; empty when it is absent or not {@code token/token *(; name=value)}. */
    public static Optional<MediaType> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String[] parts = header.split(";", -1);
        String essence = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || !token(essence.substring(0, slash))
                || !token(essence.substring(slash + 1))) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!token(name) || parameters.put(name, value) != null) {
                return Optional.empty(); // a repeated parameter is ambiguous
            }
        }
        return Optional.of(new MediaType(essence.substring(0, slash), essence.substring(slash + 1), parameters));
    }

    /**
     * Whether a request with this {@code Content-Type} header may be read as {@code expected}: same
     * type and subtype, and no parameter but an optional {@code charset=utf-8} (any case).
     */
    public static boolean admits(String header, MediaType expected) {
        return parse(header).filter(m -> m.type.equals(expected.type) && m.subtype.equals(expected.subtype))
                .filter(m -> m.parameters.entrySet().stream().allMatch(p -> p.getKey().equals("charset")
                        && p.getValue().equalsIgnoreCase("utf-8")))
                .isPresent();
    }

    public String essence() {
        return type + "/" + subtype;
    }

    @Override
    public String toString() {
        return essence();
    }

    private static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
