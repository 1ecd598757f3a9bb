package ru.otklik.infra.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ClickHouse over its HTTP interface with {@code java.net.http} only: the one read path that works
 * on 18.16 and on every later server. Thread-safe.
 */
public final class ClickHouseHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(120);

    private final String baseUrl;
    private final HttpClient client;
    /** {@code Basic …} for a named user, or null for the {@code default} user without a password. */
    private final String authorization;

    /** {@code baseUrl} like {@code http://127.0.0.1:8123}; a trailing slash is fine. */
    public ClickHouseHttp(String baseUrl) {
        this(baseUrl, null, null);
    }

    /** As {@code user} with {@code password} (HTTP basic authentication, which 18.16 accepts). */
    public ClickHouseHttp(String baseUrl, String user, String password) {
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Runs a statement (DDL, INSERT ... VALUES, ...); fails with the server's error text. */
    public void execute(String sql) {
        post(sql);
    }

    /** Runs a query and returns its raw response body, e.g. for {@code FORMAT TabSeparated}. */
    public String query(String sql) {
        return post(sql);
    }

    /**
     * Rows of a SELECT as column name to value, in column order. Values are as ClickHouse's JSON
     * gives them: 18.16 (and later servers by default) quote UInt64/Int64 as strings, so read
     * numbers with {@link #asLong(Object)} / {@link #asDouble(Object)}.
     */
    public List<Map<String, Object>> select(String sql) {
        String body = post(withoutTrailingSemicolon(sql) + " FORMAT JSON");
        try {
            JsonResult result = JSON.readValue(body, JsonResult.class);
            return result.data() == null ? List.of() : result.data();
        } catch (IOException e) {
            throw new ClickHouseException("cannot parse ClickHouse JSON for: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row as a long (works for quoted 64-bit values too). */
    public long selectLong(String sql) {
        List<Map<String, Object>> rows = select(sql);
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new ClickHouseException("query returned no rows: " + sql);
        }
        return asLong(rows.get(0).values().iterator().next());
    }

    /** True when {@code GET /ping} answers "Ok.". */
    public boolean ping() {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/ping")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 && response.body().startsWith("Ok.");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A JSON value as long: numbers, quoted numbers (64-bit types), booleans. */
    public static long asLong(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            return Long.parseLong(text.trim());
        }
        if (value instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        throw new ClickHouseException("not a number: " + value);
    }

    /** A JSON value as double: numbers and quoted numbers. */
    public static double asDouble(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            return Double.parseDouble(text.trim());
        }
        throw new ClickHouseException("not a number: " + value);
    }

    /** A quoted SQL string literal (backslash escapes, which every ClickHouse version accepts). */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private String post(String sql) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/"))
                .timeout(QUERY_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClickHouseException("ClickHouse at " + baseUrl + " unreachable: " + e + " (query: " + abbreviate(sql) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted during query: " + abbreviate(sql), e);
        }
        if (response.statusCode() != 200) {
            throw new ClickHouseException("ClickHouse HTTP " + response.statusCode() + ": "
                    + response.body().trim() + " (query: " + abbreviate(sql) + ")");
        }
        return response.body();
    }

    private static String withoutTrailingSemicolon(String sql) {
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed;
    }

    private static String abbreviate(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    /** The part of ClickHouse's FORMAT JSON answer we use. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record JsonResult(List<Map<String, Object>> data) {
    }
}
