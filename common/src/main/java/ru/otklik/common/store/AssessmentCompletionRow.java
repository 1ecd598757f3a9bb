package ru.otklik.common.store;

/**
 * One row of {@code otklik.assessment_completion}: how many of the expected 360 submissions of a session came in,
 * for the whole session ({@code targetId} {@code ""}), one target ({@code roleGroup} {@code ""}) or one target's
 * role group.
 *
 * @param expected   the interaction matrix's assignments in the scope
 * @param submitted  the counted submissions whose rater and target are among them
 * @param status     {@code launched} or {@code closed}
 * @param deadlineTs epoch s, 0 when the session has none
 */
public record AssessmentCompletionRow(String sessionId, String targetId, String roleGroup, long expected,
                                      long submitted, String status, long deadlineTs, long version) {
}
