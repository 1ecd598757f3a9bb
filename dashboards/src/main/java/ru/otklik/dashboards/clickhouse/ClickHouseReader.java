package ru.otklik.dashboards.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ClickHouse over HTTP with {@code FORMAT JSON}: the only read path that works on 18.16 (its JDBC
 * SELECT is broken) and on every later server. The query goes in the POST body; 18.16 has no query
 * parameters, which is why callers build SQL from whitelisted values only ({@link SqlCode}).
 */
public final class ClickHouseReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient client;

    public ClickHouseReader(String baseUrl, Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        // readonly=1 as a URL setting: the dashboards never write, even if a query were mis-built
        this.endpoint = URI.create(base + "?readonly=1");
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    public List<ResultRow> select(String sql) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(sql + "\nFORMAT JSON", StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClickHouseQueryException("ClickHouse unreachable at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseQueryException("interrupted while querying ClickHouse", e);
        }
        if (response.statusCode() != 200) {
            throw new ClickHouseQueryException("ClickHouse answered " + response.statusCode() + ": "
                    + response.body().strip());
        }
        try {
            JsonNode data = JSON.readTree(response.body()).path("data");
            List<ResultRow> rows = new ArrayList<>(data.size());
            data.forEach(row -> rows.add(new ResultRow(row)));
            return rows;
        } catch (IOException e) {
            throw new ClickHouseQueryException("cannot parse ClickHouse JSON: " + e.getMessage(), e);
        }
    }
}
