package ru.otklik.common.http;

import java.time.Duration;

/**
 * How long a client may take to send a request. An idle timeout alone does not stop a slowloris
 * client: one header byte every few seconds resets it forever, and a few hundred such connections hold
 * every server thread. So the header must be complete within {@code header} of its first byte, and the
 * whole request (header and body) within {@code request}; the server closes a connection past either.
 *
 * @param header  from the first byte of a request to the end of its header
 * @param request from the first byte of a request to the end of its body
 * @param idle    no byte in either direction for this long closes the connection (between requests too)
 */
public record ReadDeadlines(Duration header, Duration request, Duration idle) {

    public ReadDeadlines {
        if (header.isNegative() || header.isZero() || request.compareTo(header) < 0 || idle.isNegative()
                || idle.isZero()) {
            throw new IllegalArgumentException("deadlines must be positive and request >= header: " + header + ", "
                    + request + ", " + idle);
        }
    }

    /** The phase of a request still being read. */
    public enum Phase { HEADER, BODY }

    /**
     * Whether a request that has been read for {@code elapsed} (since its first byte) in {@code phase}
     * is past its deadline.
     */
    public boolean overdue(Phase phase, Duration elapsed) {
        return elapsed.compareTo(phase == Phase.HEADER ? header : request) > 0;
    }

    /** How often a server should look: often enough that no deadline is overrun by more than a quarter. */
    public Duration sweepInterval() {
        Duration quarter = header.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
    }
}
