package ru.otklik.streaming.clickhouse;

import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where and as whom the job writes: ClickHouse's HTTP interface (every server version speaks it;
 * the JDBC driver's reads do not work on 18.16, and its per-value binding costs more than the
 * insert itself). The password never appears in {@link #toString()}.
 */
public record ClickHouseEndpoint(URI baseUri, String user, String password) implements Serializable {

    public ClickHouseEndpoint {
        String s = baseUri.toString();
        if (!s.startsWith("http://") && !s.startsWith("https://")) {
            throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port, got " + s);
        }
        if (s.endsWith("/")) {
            baseUri = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /**
     * From {@code http://host:port} or, as older settings had it, a JDBC URL
     * {@code jdbc:clickhouse:http://host:port/db}.
     */
    public static ClickHouseEndpoint parse(String url, String user, String password) {
        String u = url.startsWith("jdbc:clickhouse:") ? url.substring("jdbc:clickhouse:".length()) : url;
        URI uri = URI.create(u);
        return new ClickHouseEndpoint(URI.create(uri.getScheme() + "://" + uri.getAuthority()), user, password);
    }

    /** The Basic authorization header value, or null for the passwordless default user. */
    public String authorization() {
        if ((user == null || user.isBlank()) && (password == null || password.isEmpty())) {
            return null;
        }
        String credentials = (user == null || user.isBlank() ? "default" : user) + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return baseUri + (user == null || user.isBlank() ? "" : " as " + user);
    }
}
