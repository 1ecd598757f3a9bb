package ru.otklik.common.survey;

import java.util.List;

/** How an item is answered, and so which values are valid and which formula reads it. */
public enum QuestionType {
    /** Agreement 1–10 with verbal anchors; 8–10 is a positive answer (domain §3). */
    SCALE_1_10(1, 10),
    /** "Would you recommend" 0–10 for NPS. */
    SCALE_0_10(0, 10),
    /** Kiosk smileys: 1 very unhappy … 4 very happy. */
    SMILEY_4(1, 4),
    /** CES: 1 very easy … 5 very difficult. */
    EFFORT_5(1, 5),
    /** CSAT/expectations: 1 disappointed … 5 greatly exceeded. */
    EXPECTATION_5(1, 5),
    YES_NO(List.of("yes", "no")),
    YES_NO_DONT_KNOW(List.of("yes", "dont_know", "no")),
    /** One option from the question's own list. */
    CHOICE(List.of());

    private final Integer min;
    private final Integer max;
    private final List<String> fixedOptions;

    QuestionType(int min, int max) {
        this.min = min;
        this.max = max;
        this.fixedOptions = List.of();
    }

    QuestionType(List<String> options) {
        this.min = null;
        this.max = null;
        this.fixedOptions = options;
    }

    public boolean isScored() {
        return min != null;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public List<String> fixedOptions() {
        return fixedOptions;
    }
}
