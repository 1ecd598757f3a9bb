package ru.otklik.dashboards.region;

import java.util.List;
import java.util.Optional;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.ScoreRow;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.clickhouse.WindowRow;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * The offices' rolling window rows as {@link ScoreRow}s for pooling. Only the job's {@code audience = 'all'}
 * rows are kept: each audience is also written apart, and summing both would count every answer twice.
 */
record OfficeScoreRows(List<ScoreRow> rows, String asOf) {

    private static final String ALL = "all";

    static OfficeScoreRows read(WindowRowsQuery windows, OfficeDirectory directory, QueryScope scope, TimeWindow window) {
        List<WindowRow> all = windows.offices(scope, window, SurveyItems.ALL_SURVEYS).stream()
                .filter(r -> r.audience().equals(ALL))
                .toList();
        String asOf = all.stream().map(WindowRow::asOf).max(java.util.Comparator.naturalOrder())
                .map(Object::toString).orElse(null);
        return new OfficeScoreRows(all.stream().flatMap(r -> toScoreRow(directory, r).stream()).toList(), asOf);
    }

    private static Optional<ScoreRow> toScoreRow(OfficeDirectory directory, WindowRow r) {
        Optional<Office> office = directory.office(r.scopeCode());
        return office.map(o -> new ScoreRow(o.regionCode(), o.code(), r.surveyId(), r.audience(), r.questionId(), r.counts()));
    }
}
