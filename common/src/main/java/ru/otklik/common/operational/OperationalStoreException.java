package ru.otklik.common.operational;

/** The operational store failed a statement (the server is down, a constraint was broken): a 503 for the caller. */
public class OperationalStoreException extends RuntimeException {

    public OperationalStoreException(String message, Throwable cause) {
        super(message, cause); // not the driver's text: a constraint message can echo the values of the row
    }
}
