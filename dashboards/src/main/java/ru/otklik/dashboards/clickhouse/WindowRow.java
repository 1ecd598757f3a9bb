package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import ru.otklik.common.indicator.ScoreCounts;

/** One row of {@code otklik.indicator_window FINAL}: an item's score counts in a scope, audience and window. */
public record WindowRow(String scopeLevel, String scopeCode, String audience, String surveyId, String questionId,
                        Instant asOf, ScoreCounts counts) implements ScopedRow {

    /** The score counts of the rows that pass {@code filter}, summed (items pooled, surveys together). */
    public static ScoreCounts sum(List<WindowRow> rows, Predicate<WindowRow> filter) {
        ScoreCounts total = ScoreCounts.empty();
        for (WindowRow row : rows) {
            if (filter.test(row)) {
                total = total.plus(row.counts());
            }
        }
        return total;
    }
}
