package ru.otklik.common.store;

/**
 * One row of {@code otklik.assessment_items}: the 360 answers about one target in one session for one indicator
 * (or, with {@code indicatorCode} {@code ""}, one competency as a whole) from one role group. Never a rater's key
 * or name: only counts and sums. Rewritten under the same key when a submission about the target is counted
 * (ReplacingMergeTree by {@code version}); rewritten with zeros when the session's model version changes.
 *
 * @param indicatorCode       {@code ""}: the competency as a whole
 * @param roleGroup           the raters' role code
 * @param raters              raters who gave points (competency level: raters with at least one counted indicator)
 * @param cannotJudge         "cannot judge" answers (competency level: the sum over its indicators)
 * @param pointsSum           indicator level: the sum of points; competency level: the sum over raters of each
 *                            rater's own average of the competency's indicators
 * @param distribution        indicator level: answers per points value (index = points, length scale max + 1);
 *                            competency level: empty
 * @param ratersAboveStrength raters whose own average for the item is above 4.5 (scaled)
 * @param ratersBelowNeed     raters whose own average for the item is below 4 (scaled)
 * @param updatedTs           epoch s of the latest submission counted in the row
 */
public record AssessmentItemRow(String sessionId, String targetId, String competencyCode, String indicatorCode,
                                String roleGroup, int scaleMax, long raters, long cannotJudge, double pointsSum,
                                long[] distribution, long ratersAboveStrength, long ratersBelowNeed, long updatedTs,
                                long version) {
}
