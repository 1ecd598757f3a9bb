package ru.otklik.dashboards.clickhouse;

import java.time.Instant;

/**
 * One row of {@code otklik.response_window FINAL} for all audiences together: the responses (forms or
 * taps) and suppressed kiosk presses of a scope and survey in a rolling window, as of the same
 * watermark as the indicator rows.
 */
public record ResponseWindowRow(String scopeLevel, String scopeCode, String surveyId, Instant asOf, long responses,
                                long suppressedPresses) implements ScopedRow {
}
