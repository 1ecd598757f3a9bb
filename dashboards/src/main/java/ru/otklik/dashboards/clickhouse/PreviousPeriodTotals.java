package ru.otklik.dashboards.clickhouse;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.dashboards.cache.KeptValues;

/**
 * The history totals of the period before a window ({@link PreviousSpan}, issue 14 §3), kept for a minute. That
 * period is closed — whole hours or days before the window — so its buckets change only when a late answer
 * arrives; yet every page of the place re-asked for it on each live update, and it was the costliest read of the
 * office and region calls (30 or 90 days of {@code indicator_history FINAL}). The span's edges move by whole
 * buckets, so one entry serves a place for an hour (hourly spans) or a day. A late answer to the period before
 * shows within {@link #FRESH_FOR}. The totals are the clean ones: each figure is compared with its own kind.
 */
public final class PreviousPeriodTotals {

    public static final Duration FRESH_FOR = Duration.ofMinutes(1);
    /** Places × windows × the two shapes: the pilot needs about 400; the bound keeps a larger network in check. */
    private static final int MAX_ENTRIES = 4096;

    private final HistoryQuery history;
    private final KeptValues<Key, Object> kept;

    public PreviousPeriodTotals(HistoryQuery history, Clock clock) {
        this.history = history;
        // the figures' clock, in nanoseconds: tests move it
        this.kept = new KeptValues<>(MAX_ENTRIES, () -> clock.millis() * 1_000_000L);
    }

    /** {@link HistoryQuery#totals} of a closed span. */
    public List<HistoryQuery.ItemTotal> totals(QueryScope scope, Collection<String> audiences, PreviousSpan span,
                                               Collection<String> surveyIds, Collection<String> questionIds) {
        Key key = new Key("totals", scope.placeCondition(), List.copyOf(audiences), span, List.copyOf(surveyIds),
                List.copyOf(questionIds));
        return kept(key, () -> history.totals(scope, audiences, span.granularity(), surveyIds, questionIds,
                span.from(), span.to(), HistoryQuery.Figures.CLEAN));
    }

    /** {@link HistoryQuery#pooledByPlace} of a closed span. */
    public Map<String, ScoreCounts> pooledByPlace(QueryScope scope, String audience, PreviousSpan span,
                                                  Collection<String> surveyIds, Collection<String> questionIds,
                                                  QueryScope.Rows... rows) {
        Key key = new Key("pooledByPlace", scope.condition(rows), List.of(audience), span, List.copyOf(surveyIds),
                List.copyOf(questionIds));
        return kept(key, () -> java.util.Collections.unmodifiableMap(history.pooledByPlace(scope, audience,
                span.granularity(), surveyIds, questionIds, span.from(), span.to(), HistoryQuery.Figures.CLEAN, rows)));
    }

    @SuppressWarnings("unchecked")
    private <T> T kept(Key key, java.util.function.Supplier<T> read) {
        return (T) kept.get(key, FRESH_FOR, read::get);
    }

    private record Key(String shape, String place, List<String> audiences, PreviousSpan span, List<String> surveyIds,
                       List<String> questionIds) {
    }

}
