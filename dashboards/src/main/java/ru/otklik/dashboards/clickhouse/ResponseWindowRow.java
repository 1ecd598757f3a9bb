package ru.otklik.dashboards.clickhouse;

import java.time.Instant;

/**
 * One row of {@code otklik.response_window FINAL} for all audiences together: the responses (forms or
 * taps) and suppressed kiosk presses of a scope and survey in a rolling window, as of the same
 * watermark as the indicator rows. {@code excluded}: in a clean row, the responses under a fraud flag left out.
 */
public record ResponseWindowRow(String scopeLevel, String scopeCode, String surveyId, Instant asOf, long responses,
                                long suppressedPresses, long excluded) implements ScopedRow {

    /** A raw row (nothing excluded). */
    public ResponseWindowRow(String scopeLevel, String scopeCode, String surveyId, Instant asOf, long responses,
                             long suppressedPresses) {
        this(scopeLevel, scopeCode, surveyId, asOf, responses, suppressedPresses, 0);
    }
}
