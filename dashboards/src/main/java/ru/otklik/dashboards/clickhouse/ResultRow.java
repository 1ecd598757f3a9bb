package ru.otklik.dashboards.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of a {@code FORMAT JSON} answer. 64-bit integers arrive as JSON strings on 18.16, so numbers are read from either. */
public record ResultRow(JsonNode node) {

    public String text(String column) {
        JsonNode value = node.get(column);
        if (value == null || value.isNull()) {
            throw new ClickHouseQueryException("column missing in ClickHouse result: " + column);
        }
        return value.asText();
    }

    public long longValue(String column) {
        JsonNode value = node.get(column);
        if (value == null || value.isNull()) {
            throw new ClickHouseQueryException("column missing in ClickHouse result: " + column);
        }
        if (value.isNumber()) {
            return value.longValue();
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new ClickHouseQueryException("not a number in column " + column + ": " + value.asText());
        }
    }
}
