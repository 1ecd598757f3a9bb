package ru.otklik.common.store;

/** One row of {@code otklik.response_window}: responses and suppressed presses in one rolling window of one scope. */
public record ResponseWindowRow(String level, String code, String audience, String window, String surveyId,
                                long asOf, long responses, long suppressedPresses, long version) {
}
