package ru.otklik.ingest.link;

/**
 * A token that grants nothing. {@code reason} is a stable code for logs and metrics
 * ({@code format}, {@code unknown-key}, {@code bad-mac}, {@code expired}); clients only ever see 404.
 */
public final class InvalidLinkToken extends Exception {

    private final String reason;

    public InvalidLinkToken(String reason) {
        super(reason, null, false, false); // an expected refusal: no stack trace to fill
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
