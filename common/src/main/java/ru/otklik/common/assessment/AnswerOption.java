package ru.otklik.common.assessment;

import ru.otklik.common.survey.LocalizedText;

/**
 * One answer option of a competency model's scale.
 *
 * @param code           stable id of the option within the model (what a submission names)
 * @param points         the points it scores, 0..{@link AnswerScale#max()}; {@code null} for "cannot judge",
 *                       which is not counted in any average, distribution or classification
 * @param asksComment    whether the form offers a comment field when this option is chosen
 * @param commentRequired whether that comment must be given (implies {@code asksComment})
 */
public record AnswerOption(String code, LocalizedText label, Integer points, boolean asksComment,
                           boolean commentRequired) {

    public AnswerOption {
        if (code == null || !code.matches("[a-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("option code must be 1-40 of [a-z0-9_-], got " + code);
        }
        if (label == null || label.ru() == null || label.ru().isBlank()) {
            throw new IllegalArgumentException("option " + code + " needs a Russian label");
        }
        if (points != null && (points < 0 || points > AnswerScale.LARGEST_MAX)) {
            throw new IllegalArgumentException("option " + code + ": points must be 0.." + AnswerScale.LARGEST_MAX);
        }
        asksComment = asksComment || commentRequired;
    }

    public boolean cannotJudge() {
        return points == null;
    }
}
