package ru.otklik.streaming.aggregate.internal;

import ru.otklik.common.indicator.ScopeLevel;

/**
 * One counted item of one scope held by a Flink key: the scope ({@code level} is a {@link ScopeLevel}
 * ordinal; {@code part} is "" for the key's own place, or the channel, touchpoint or employee of an
 * office breakdown), the audience ({@code all} included), and the item (survey, question, kind — see
 * {@code ItemKinds}). A Java record: Flink's POJO serializer handles it, typed and versioned.
 */
public record ItemKey(byte level, String part, String audience, String surveyId, String questionId, byte kind) {

    public ScopeLevel scopeLevel() {
        return ScopeLevel.values()[level];
    }
}
