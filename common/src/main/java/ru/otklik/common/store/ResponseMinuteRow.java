package ru.otklik.common.store;

/** One row of {@code otklik.response_minute}: forms or taps counted in one bucket. */
public record ResponseMinuteRow(String regionCode, String officeCode, String surveyId, String audience,
                                String channel, long bucketStart, long responses, long suppressedPresses,
                                long version) {
}
