package ru.otklik.dashboards.alert;

import java.util.List;

/**
 * One incident of {@code otklik.alerts} as the feed shows it: times ISO-8601 UTC ({@code closedAt}
 * null while open), the evidence as the job wrote it, {@code title} in the page's language; for a
 * fraud flag the newest review ({@code null} while none) and whether this viewer may review it.
 */
public record AlertItem(String alertId, String type, String title, String severity, String status, String regionCode,
                        String officeCode, String officeName, String scopeId, String startedAt, String openedAt,
                        String updatedAt, String closedAt, long observed, long flagged, double baseline,
                        double alarmLevel, double statistic, double threshold, List<String> responseIds,
                        AlertReview review, boolean reviewable) {

    /** A decision on a fraud flag as the feed shows it ({@code reviewedAt} ISO-8601 UTC). */
    public record AlertReview(String decision, String reason, String reviewer, String reviewerRole, String reviewedAt) {
    }
}
