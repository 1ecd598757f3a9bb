package ru.otklik.common.http;

import java.time.Duration;
import ru.otklik.common.config.Settings;

/**
 * How an Otklik HTTP server faces the network, the same settings for ingest and the dashboards:
 *
 * <table>
 * <caption>settings (each service names its own host variable)</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>host</td><td>the service's, e.g. OTKLIK_INGEST_HOST</td><td>127.0.0.1 (loopback only; 0.0.0.0 = every
 * interface)</td></tr>
 * <tr><td>trusted-proxies</td><td>OTKLIK_TRUSTED_PROXIES</td><td>none (X-Forwarded-For is ignored)</td></tr>
 * <tr><td>http.header-timeout</td><td>OTKLIK_HTTP_HEADER_TIMEOUT</td><td>PT10S</td></tr>
 * <tr><td>http.request-timeout</td><td>OTKLIK_HTTP_REQUEST_TIMEOUT</td><td>PT30S</td></tr>
 * <tr><td>http.idle-timeout</td><td>OTKLIK_HTTP_IDLE_TIMEOUT</td><td>PT30S</td></tr>
 * <tr><td>http.max-header-bytes</td><td>OTKLIK_HTTP_MAX_HEADER_BYTES</td><td>8192 (request line and headers;
 * larger is 431)</td></tr>
 * </table>
 *
 * @param host the address to bind; a server is reachable from outside only when told so
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed
 * @param deadlines header, whole-request and idle timeouts (see {@link ReadDeadlines})
 * @param maxHeaderBytes the request line and headers together
 */
public record HttpServerSettings(String host, TrustedProxies trustedProxies, ReadDeadlines deadlines,
                                 int maxHeaderBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public HttpServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("max header bytes must be at least 1024, got " + maxHeaderBytes);
        }
    }

    public static HttpServerSettings defaults() {
        return new HttpServerSettings(DEFAULT_HOST, TrustedProxies.none(), new ReadDeadlines(Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(30)), 8192);
    }

    /** Reads the settings above; {@code hostVariable} is the service's own (e.g. {@code OTKLIK_INGEST_HOST}). */
    public static HttpServerSettings from(Settings s, String hostVariable) {
        HttpServerSettings d = defaults();
        Duration min = Duration.ofMillis(100);
        Duration max = Duration.ofHours(1);
        String host = s.get("host", hostVariable, d.host(), text -> {
            if (text == null || !text.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
                throw new IllegalArgumentException("must be an address or host name to bind");
            }
            return text;
        });
        TrustedProxies proxies = s.get("trusted-proxies", "OTKLIK_TRUSTED_PROXIES", "", TrustedProxies::parse);
        Duration header = s.duration("http.header-timeout", "OTKLIK_HTTP_HEADER_TIMEOUT",
                d.deadlines().header().toString(), min, max);
        Duration request = s.duration("http.request-timeout", "OTKLIK_HTTP_REQUEST_TIMEOUT",
                d.deadlines().request().toString(), min, max);
        Duration idle = s.duration("http.idle-timeout", "OTKLIK_HTTP_IDLE_TIMEOUT", d.deadlines().idle().toString(),
                min, max);
        if (request.compareTo(header) < 0) {
            throw s.invalid("http.request-timeout", "OTKLIK_HTTP_REQUEST_TIMEOUT",
                    "must not be shorter than http.header-timeout (" + header + "), got \"" + request + "\"");
        }
        int maxHeader = s.integer("http.max-header-bytes", "OTKLIK_HTTP_MAX_HEADER_BYTES", d.maxHeaderBytes(),
                1024, 1 << 20);
        return new HttpServerSettings(host, proxies, new ReadDeadlines(header, request, idle), maxHeader);
    }
}
