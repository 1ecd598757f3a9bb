package ru.otklik.common.methodology;

import ru.otklik.common.survey.LocalizedText;

/**
 * One indicator of the composite index.
 *
 * @param code      unique within the version: {@code s.<question>} for subjective ones, {@code o.<checklist>} for
 *                  objective ones (see {@link #subjective} and {@link #objective})
 * @param group     the {@link IndexGroup#code()} it belongs to
 * @param source    the questionnaire item id (e.g. {@code Q10}, the same in the seeker and employer forms, pooled)
 *                  or the checklist indicator code (e.g. {@code management_openness})
 * @param suspended kept in the list but not counted (e.g. vacancy dynamics during an economic crisis)
 */
public record IndexIndicator(String code, String group, IndicatorKind kind, String source, boolean suspended,
                             LocalizedText title) {

    public static IndexIndicator subjective(String questionId, String group, boolean suspended, LocalizedText title) {
        return new IndexIndicator("s." + questionId, group, IndicatorKind.SUBJECTIVE, questionId, suspended, title);
    }

    public static IndexIndicator objective(String checklistCode, String group, boolean suspended, LocalizedText title) {
        return new IndexIndicator("o." + checklistCode, group, IndicatorKind.OBJECTIVE, checklistCode, suspended, title);
    }
}
