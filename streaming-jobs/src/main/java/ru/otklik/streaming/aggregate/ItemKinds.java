package ru.otklik.streaming.aggregate;

import ru.otklik.common.survey.QuestionType;

/** What a counted item is: a scored question of some {@link QuestionType}, or the response count itself. */
public final class ItemKinds {

    /** The count of responses (counts[0]) and suppressed kiosk presses (counts[1]) of a survey. */
    public static final byte RESPONSES = 127;
    /** The question id of the response-count item. */
    public static final String RESPONSES_ITEM = "";

    private ItemKinds() {
    }

    public static byte of(QuestionType type) {
        return (byte) type.ordinal();
    }

    public static QuestionType type(byte kind) {
        return QuestionType.values()[kind];
    }

    public static boolean isResponses(byte kind) {
        return kind == RESPONSES;
    }
}
