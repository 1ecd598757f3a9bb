package ru.otklik.dashboards.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import ru.otklik.common.alert.AlertEvent;

/**
 * Who hears of which alerts: a channel, a target (a webhook URL or an e-mail address) and a scope —
 * {@code RU} for every office, a region code for its offices, an office code for that office.
 */
public record AlertRoute(Channel channel, String scope, String target) {

    /** How a message travels. */
    public enum Channel {
        WEBHOOK, EMAIL;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String EVERYWHERE = "RU";
    private static final Pattern SCOPE = Pattern.compile("RU|[A-Z]{3}|[A-Z]{3}-\\d{2}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s;,]+@[^@\\s;,]+");

    public AlertRoute {
        if (!SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("scope must be RU, a region code or an office code, got " + scope);
        }
        if (channel == Channel.WEBHOOK && !(target.startsWith("https://") || target.startsWith("http://"))) {
            throw new IllegalArgumentException("a webhook target must be an http(s) URL, got " + target);
        }
        if (channel == Channel.EMAIL && !ADDRESS.matcher(target).matches()) {
            throw new IllegalArgumentException("an e-mail target must be an address, got " + target);
        }
    }

    public boolean covers(AlertEvent e) {
        return scope.equals(EVERYWHERE) || scope.equals(e.regionCode()) || scope.equals(e.officeCode());
    }

    /** {@code SCOPE=target;SCOPE=target...} (blank: none); the first {@code =} separates scope from target. */
    public static List<AlertRoute> parse(Channel channel, String text) {
        List<AlertRoute> routes = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return routes;
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("each entry must be SCOPE=target, got '" + entry.strip() + "'");
            }
            routes.add(new AlertRoute(channel, entry.substring(0, eq).strip(), entry.substring(eq + 1).strip()));
        }
        return List.copyOf(routes);
    }
}
