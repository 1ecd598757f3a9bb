package ru.otklik.streaming.aggregate.internal;

/** One row of {@code answer_minute} (or {@code response_minute}, for the responses kind) within one office and minute. */
public record MinuteCell(String audience, String channel, String surveyId, String questionId, byte kind) {
}
