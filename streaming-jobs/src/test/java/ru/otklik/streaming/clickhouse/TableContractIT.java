package ru.otklik.streaming.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.store.IndicatorWindowRow;
import ru.otklik.common.store.StreamDeadLetterRow;
import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;
import ru.otklik.infra.local.TestStack;

/**
 * Each table's descriptor against the real schema after the migrations: the same columns with the
 * same types, every other column with a default; and rows encoded by the descriptor read back.
 */
class TableContractIT {

    private final TestStack stack = TestStack.shared();

    @Test
    void everyDescriptorMatchesDescribeTable() {
        for (Table<?> table : Tables.ALL) {
            Map<String, String> actual = new LinkedHashMap<>();
            Map<String, String> defaults = new LinkedHashMap<>();
            for (Map<String, Object> column : stack.clickHouseHttp().select("DESCRIBE TABLE " + table.qualifiedName())) {
                actual.put((String) column.get("name"), (String) column.get("type"));
                defaults.put((String) column.get("name"), (String) column.get("default_type"));
            }
            table.columnTypes().forEach((name, type) -> assertEquals(type, actual.get(name),
                    table + "." + name + " (descriptor " + type + ")"));
            actual.keySet().stream().filter(c -> !table.columnTypes().containsKey(c)).forEach(c ->
                    assertFalse(defaults.get(c).isEmpty(), table + "." + c + " is not written and has no default"));
        }
    }

    @Test
    void rowsEncodedByTheDescriptorReadBack() throws Exception {
        stack.clickHouseHttp().execute("TRUNCATE TABLE otklik.indicator_window");
        stack.clickHouseHttp().execute("TRUNCATE TABLE otklik.stream_dead_letters");
        long[] counts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        insert(Tables.INDICATOR_WINDOW, List.of(new IndicatorWindowRow("office", "BRY-01", "all", "24h", "jc-seeker",
                "Q1", 1_779_000_000L, 55, 27, Double.NaN, 0.1, 0.9, true, counts, 7)));
        byte[] raw = {(byte) 0xff, 0, '"', '\n'};
        insert(Tables.STREAM_DEAD_LETTERS, List.of(new StreamDeadLetterRow("responses", 1, 42, 1_779_000_000L,
                1_779_000_001L, "undecodable", "Unexpected character", raw, 4, 1)));
        Map<String, Object> w = stack.clickHouseHttp().select("SELECT toString(n) AS n, toString(c10) AS c10,"
                + " isNaN(share) AS nan, toUInt32(as_of) AS as_of FROM otklik.indicator_window FINAL").get(0);
        assertEquals("55", w.get("n"));
        assertEquals("10", w.get("c10"));
        assertEquals(1, ((Number) w.get("nan")).intValue());
        Map<String, Object> d = stack.clickHouseHttp().select("SELECT hex(raw) AS raw, reason, toString(offset) AS o"
                + " FROM otklik.stream_dead_letters FINAL").get(0);
        assertEquals("FF00220A", d.get("raw"));
        assertEquals("42", d.get("o"));
    }

    private <R> void insert(Table<R> table, List<R> rows) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.clickHouse().httpUrl() + "/?query=" + URLEncoder.encode(table.insertStatement(),
                        StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.ofByteArray(table.encode(rows)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
