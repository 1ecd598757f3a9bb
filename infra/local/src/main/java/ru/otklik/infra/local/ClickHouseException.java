package ru.otklik.infra.local;

/** ClickHouse refused a query or could not be started; the message carries the server's own text. */
public final class ClickHouseException extends RuntimeException {

    public ClickHouseException(String message) {
        super(message);
    }

    public ClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
