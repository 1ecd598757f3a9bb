package ru.otklik.common.methodology;

/** Where an index indicator's value comes from. */
public enum IndicatorKind {
    /** A questionnaire item: the share of positive answers (8–10) among those who answered, 0–1. */
    SUBJECTIVE,
    /** A checklist indicator: points / max. */
    OBJECTIVE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String json() {
        return code();
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static IndicatorKind fromCode(String code) {
        for (IndicatorKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("indicator kind must be subjective or objective, got " + code);
    }
}
