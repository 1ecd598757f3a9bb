package ru.otklik.common.survey;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One item of a questionnaire. {@code indicator} and {@code group} tie it to the methodology
 * (domain §3); {@code showIf} makes it conditional (Q12/Q13 are asked only after a "yes").
 */
public record Question(String id, QuestionType type, LocalizedText text, String indicator, String group,
                       boolean inPersonOnly, Condition showIf, List<String> options,
                       Map<String, LocalizedText> optionLabels) {

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
        optionLabels = optionLabels == null ? Map.of() : Map.copyOf(optionLabels);
    }

    /** How an option code reads to a respondent, when the survey definition says so. */
    public Optional<LocalizedText> optionLabel(String code) {
        return Optional.ofNullable(optionLabels.get(code));
    }

    /** The question is shown only when {@code question} was answered with {@code equals}. */
    public record Condition(String question, String equals) {
    }

    public List<String> allowedChoices() {
        return type == QuestionType.CHOICE ? options : type.fixedOptions();
    }
}
