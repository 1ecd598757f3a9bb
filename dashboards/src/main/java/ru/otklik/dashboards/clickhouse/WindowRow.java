package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import ru.otklik.common.indicator.ScoreCounts;

/** One row of {@code otklik.indicator_window FINAL}: an item's score counts in a scope, audience and window. */
public record WindowRow(String scopeLevel, String scopeCode, String audience, String surveyId, String questionId,
                        Instant asOf, ScoreCounts counts) implements ScopedRow {
}
