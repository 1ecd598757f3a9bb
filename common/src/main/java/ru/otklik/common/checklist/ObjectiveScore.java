package ru.otklik.common.checklist;

/**
 * One objective indicator's score for an office and a period.
 *
 * @param indicator checklist indicator code
 * @param points    points from the accepted entries (0 when zeroed by audit or not submitted)
 * @param maxPoints the indicator's maximum under the methodology's rules
 * @param accepted  entries accepted by the expert (parameters, events, the vacancy or comfort entry)
 * @param pending   entries still waiting for review
 */
public record ObjectiveScore(String indicator, Status status, double points, double maxPoints, int accepted,
                             int pending) {

    public enum Status {
        /** No checklist submitted for the period. */
        NOT_SUBMITTED,
        /** Submitted, some entry not reviewed yet: not in the index until it is. */
        AWAITING_REVIEW,
        /** Every entry reviewed: the points count. */
        SCORED,
        /** An audit found false data: 0 points for the whole period, the submitted values kept for the record. */
        ZEROED_BY_AUDIT,
        /** Vacancy dynamics without a previous period's count to compare with: cannot be scored. */
        NO_BASELINE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the score counts as the office's reported value (in the index and in region means). */
        public boolean reported() {
            return this == SCORED || this == ZEROED_BY_AUDIT;
        }
    }

    /** points / maxPoints, the methodology's normalisation of an objective indicator. */
    public double normalised() {
        return maxPoints == 0 ? 0 : points / maxPoints;
    }
}
