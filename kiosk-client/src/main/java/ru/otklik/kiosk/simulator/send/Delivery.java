package ru.otklik.kiosk.simulator.send;

/**
 * How sending one form or one batch ended. {@code accepted}/{@code rejected} count events (a
 * form is 1; a batch its taps); {@code failed} counts events given up after the retry budget;
 * {@code retries} is the number of resends; {@code problem} is the first rejection or error,
 * for the report.
 */
public record Delivery(int accepted, int rejected, int failed, int retries, String problem) {

    public static Delivery accepted(int events, int retries) {
        return new Delivery(events, 0, 0, retries, null);
    }
}
