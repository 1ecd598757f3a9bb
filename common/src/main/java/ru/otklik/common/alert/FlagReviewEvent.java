package ru.otklik.common.alert;

import java.time.Instant;

/**
 * A reviewer's decision on a fraud flag as it travels through Kafka topic {@code alert.reviews}
 * (from the dashboards' operational store to the streaming job, whose clean figures exclude the
 * responses of open and confirmed flags and take back those of dismissed ones). {@code reviewId} is
 * the idempotency key (the topic is written at least once); the newest {@code reviewedAt} per alert
 * decides. Who reviewed stays in the operational store: the event names the role only, so no personal
 * data reaches the analytics side.
 *
 * @param scopeId  the flag's source ({@code scope_id} of {@code otklik.alerts}: the IP hash, the touchpoint,
 *                 …): with the type and office it names where the job keeps the flag
 * @param decision {@code confirmed} or {@code dismissed}
 */
public record FlagReviewEvent(long reviewId, String alertId, String alertType, String officeCode, String regionCode,
                              String scopeId, String decision, String reviewerRole, Instant reviewedAt) {

    public static final String CONFIRMED = "confirmed";
    public static final String DISMISSED = "dismissed";

    public FlagReviewEvent {
        if (!CONFIRMED.equals(decision) && !DISMISSED.equals(decision)) {
            throw new IllegalArgumentException("decision must be confirmed or dismissed, got " + decision);
        }
    }

    /** Whether the decision puts the flag's responses back into the clean figures. */
    public boolean restores() {
        return DISMISSED.equals(decision);
    }
}
