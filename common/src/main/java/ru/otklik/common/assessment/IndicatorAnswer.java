package ru.otklik.common.assessment;

/**
 * A rater's answer to one behaviour indicator.
 *
 * @param points  the chosen option's points, {@code null} for "cannot judge" (not counted)
 * @param comment the comment given with it, or {@code null}
 */
public record IndicatorAnswer(String indicatorCode, String competencyCode, String optionCode, Integer points,
                              String comment) {

    public IndicatorAnswer {
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
    }

    public boolean counted() {
        return points != null;
    }
}
