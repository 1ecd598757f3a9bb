package ru.otklik.dashboards.clickhouse;

/** ClickHouse could not be reached or rejected a query; the API answers 503 for it. */
public class ClickHouseQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClickHouseQueryException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClickHouseQueryException(String message) {
        super(message);
    }
}
