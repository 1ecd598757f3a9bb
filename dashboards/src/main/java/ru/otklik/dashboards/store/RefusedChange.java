package ru.otklik.dashboards.store;

/**
 * A change of operational data the store refuses, with the HTTP status it deserves: 400 (the input breaks a rule),
 * 404 (no such thing), 409 (not in this state). The web layer's one handler answers it.
 */
public final class RefusedChange extends RuntimeException {

    private final int status;

    public RefusedChange(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The error code of the answer. */
    public String code() {
        return status == 409 ? "conflict" : status == 404 ? "not_found" : "bad_request";
    }
}
