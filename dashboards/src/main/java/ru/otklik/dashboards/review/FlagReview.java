package ru.otklik.dashboards.review;

import java.time.Instant;
import ru.otklik.common.alert.FlagReviewEvent;

/**
 * One decision on a fraud flag as the operational store keeps it: who (username and role), when, what
 * ({@code confirmed} or {@code dismissed}) and why.
 */
public record FlagReview(long reviewId, String alertId, String alertType, String officeCode, String regionCode,
                         String scopeId, String decision, String reason, String reviewer, String reviewerRole, Instant reviewedAt) {

    /** What the streaming job is told: everything but the reviewer's name and reason. */
    public FlagReviewEvent event() {
        return new FlagReviewEvent(reviewId, alertId, alertType, officeCode, regionCode, scopeId, decision, reviewerRole,
                reviewedAt);
    }
}
