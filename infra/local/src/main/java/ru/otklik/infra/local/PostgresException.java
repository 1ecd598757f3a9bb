package ru.otklik.infra.local;

/** PostgreSQL could not be found, started or stopped; the message carries the tools' own output. */
public final class PostgresException extends RuntimeException {

    public PostgresException(String message) {
        super(message);
    }

    public PostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
