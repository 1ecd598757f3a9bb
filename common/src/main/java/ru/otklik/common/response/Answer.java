package ru.otklik.common.response;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One answered item: a score (scales, smileys, NPS, CES, CSAT) or a choice code (yes/no, channel).
 * On the wire it is a bare JSON number or string, so forms stay simple.
 */
public record Answer(Integer score, String choice) {

    public Answer {
        if ((score == null) == (choice == null)) {
            throw new IllegalArgumentException("an answer is either a score or a choice");
        }
    }

    public static Answer score(int score) {
        return new Answer(score, null);
    }

    public static Answer choice(String choice) {
        return new Answer(null, choice);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Answer fromJson(Object value) {
        if (value instanceof Integer i) {
            return score(i);
        }
        if (value instanceof String s) {
            return choice(s);
        }
        throw new IllegalArgumentException("an answer is a whole number or a string");
    }

    @JsonValue
    Object toJson() {
        return score != null ? score : choice;
    }

    public boolean isScore() {
        return score != null;
    }
}
