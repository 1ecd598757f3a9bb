package ru.otklik.streaming;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.ClickHouseEndpoint;

/** Empties the aggregate tables before a rebuild from the topic (the raw facts stay: the replay rewrites them identically). */
final class AggregateTables {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateTables.class);

    private AggregateTables() {
    }

    static void empty(ClickHouseEndpoint clickHouse) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (Table<?> table : Tables.AGGREGATES) {
            String sql = "TRUNCATE TABLE " + table.qualifiedName();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(clickHouse.baseUri() + "/?query="
                    + URLEncoder.encode(sql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody());
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException(sql + " failed: HTTP " + response.statusCode() + " " + response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + sql, e);
            }
            LOG.info("event=aggregate_table_emptied table={}", table);
        }
    }
}
