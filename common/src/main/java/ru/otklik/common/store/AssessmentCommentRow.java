package ru.otklik.common.store;

/**
 * One row of {@code otklik.assessment_comments}: a 360 rater's comment on one indicator, without anything that
 * identifies the rater: {@code commentId} is a hash prefix of the submission id and the indicator code (so one
 * rater's comments cannot be linked to each other), and only the day of the submission is kept. A comment whose
 * answers were discarded (the session's model changed) is rewritten with an empty {@code comment}.
 *
 * @param submittedDate days since 1970-01-01 (UTC)
 */
public record AssessmentCommentRow(String sessionId, String targetId, String competencyCode, String indicatorCode,
                                   String roleGroup, String commentId, String comment, long submittedDate,
                                   long version) {
}
