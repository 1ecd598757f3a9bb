package ru.otklik.common.store;

/**
 * One row of {@code otklik.answer_minute}: score counts c0..c10 of one item in one office, audience,
 * channel and 1-minute event-time bucket.
 */
public record AnswerMinuteRow(String regionCode, String officeCode, String surveyId, String questionId,
                              String audience, String channel, long bucketStart, long answered, long[] counts,
                              long version) {
}
