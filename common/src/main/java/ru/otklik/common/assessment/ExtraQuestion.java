package ru.otklik.common.assessment;

import ru.otklik.common.survey.LocalizedText;

/** A question asked beside the indicators whose answers never count toward any average (free text). */
public record ExtraQuestion(String code, LocalizedText text, boolean required) {

    public ExtraQuestion {
        CompetencyModel.checkCode("extra question", code);
    }
}
