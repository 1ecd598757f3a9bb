package ru.otklik.dashboards.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One case of the queue as the operational store holds it. {@code status}: {@code open} (nothing recorded yet),
 * {@code in_progress} (cause and corrective action recorded), {@code closed} (follow-up recorded).
 */
public record CaseRecord(long caseId, String kind, String regionCode, String officeCode, String touchpointId,
                         String channel, String surveyId, String responseId, String alertId, String alertType,
                         List<String> lowItems, Instant occurredAt, Instant openedAt, Instant dueAt, String status,
                         String causeCode, String action, String actionBy, Instant actionAt, String followUp,
                         String followUpBy, Instant closedAt) {

    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in_progress";
    public static final String CLOSED = "closed";
    public static final String FEEDBACK = "feedback";
    public static final String DROP_ALERT = "drop_alert";

    public CaseRecord {
        lowItems = List.copyOf(lowItems);
    }

    /** Past its due time and not closed. */
    public boolean overdue(Instant now) {
        return !CLOSED.equals(status) && now.isAfter(dueAt);
    }

    /** How long it has been open: until now, or until it closed. */
    public Duration age(Instant now) {
        return Duration.between(openedAt, closedAt == null ? now : closedAt);
    }
}
