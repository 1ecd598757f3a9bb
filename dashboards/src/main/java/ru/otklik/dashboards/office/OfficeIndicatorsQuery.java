package ru.otklik.dashboards.office;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Audience;
import ru.otklik.common.survey.Question;
import ru.otklik.dashboards.clickhouse.ConcurrentReads;
import ru.otklik.dashboards.clickhouse.PreviousPeriodTotals;
import ru.otklik.dashboards.clickhouse.PreviousSpan;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.ResponseWindowQuery;
import ru.otklik.dashboards.clickhouse.CleanRows;
import ru.otklik.dashboards.clickhouse.ResponseWindowRow;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.clickhouse.WatermarkQuery;
import ru.otklik.dashboards.clickhouse.WindowRow;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;
import ru.otklik.dashboards.figures.Net;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * The office figures: the rolling window rows the streaming job keeps current ({@code indicator_window
 * FINAL}) and the response counts it keeps beside them ({@code response_window FINAL}, same scope,
 * window and as-of; no summing of minute buckets per request), then the methodology's formulas from
 * {@link Indicators} in Java, so the dashboards and the tests share one implementation. Everything is
 * as of the office's watermark ({@code scope_watermark}), whatever the wall clock says.
 */
public final class OfficeIndicatorsQuery {

    /** Audiences reported for the questionnaires: together, then seekers and employers apart (domain §3). */
    public static final List<String> AUDIENCES = List.of(ScopeLevel.ALL_AUDIENCES, Audience.SEEKER.code(),
            Audience.EMPLOYER.code());

    private final OfficeDirectory directory;
    private final SurveyItems items;
    private final WatermarkQuery watermarks;
    private final WindowRowsQuery windows;
    private final ResponseWindowQuery responses;
    private final PreviousPeriodTotals previousTotals;
    private final int minimumSample;
    private final boolean cesExtremesJoinNeighbours;
    private final Clock clock;

    public OfficeIndicatorsQuery(OfficeDirectory directory, SurveyItems items, WatermarkQuery watermarks,
                                 WindowRowsQuery windows, ResponseWindowQuery responses,
                                 PreviousPeriodTotals previousTotals, int minimumSample,
                                 boolean cesExtremesJoinNeighbours, Clock clock) {
        this.directory = directory;
        this.items = items;
        this.watermarks = watermarks;
        this.windows = windows;
        this.responses = responses;
        this.previousTotals = previousTotals;
        this.minimumSample = minimumSample;
        this.cesExtremesJoinNeighbours = cesExtremesJoinNeighbours;
        this.clock = clock;
    }

    /** {@code officeCode} must be in the directory (checked by {@link QueryScope}). */
    public OfficeIndicators run(String officeCode, TimeWindow window, String language) {
        QueryScope scope = QueryScope.office(directory, officeCode);
        Office office = directory.office(officeCode).orElseThrow();
        // the watermark first: rows read after it are at least as new as it says; the other reads then all at once
        Optional<Instant> watermark = watermarks.watermark(scope);
        PreviousSpan span = PreviousSpan.before(window, watermark.orElse(clock.instant()));
        QueryScope region = QueryScope.region(directory, office.regionCode());
        var scoreRead = ConcurrentReads.start(() -> windows.rows(scope, window, SurveyItems.ALL_SURVEYS, QueryScope.Rows.PLACE));
        var responseRead = ConcurrentReads.start(() -> responses.rows(scope, window, QueryScope.Rows.PLACE));
        var cleanScoreRead = ConcurrentReads.start(() -> windows.cleanRows(scope, window, SurveyItems.ALL_SURVEYS,
                QueryScope.Rows.PLACE));
        var cleanResponseRead = ConcurrentReads.start(() -> responses.cleanRows(scope, window, QueryScope.Rows.PLACE));
        var regionRead = ConcurrentReads.start(() -> windows.rows(region, window, SurveyItems.QUESTIONNAIRES,
                QueryScope.Rows.OFFICES));
        var regionCleanRead = ConcurrentReads.start(() -> windows.cleanRows(region, window, SurveyItems.QUESTIONNAIRES,
                QueryScope.Rows.OFFICES));
        var previousRead = ConcurrentReads.start(() -> previousTotals.totals(scope, AUDIENCES, span,
                SurveyItems.ALL_SURVEYS, comparedItems()));
        List<WindowRow> scoreRows = scoreRead.get();
        List<ResponseWindowRow> responseRows = responseRead.get();

        Figures raw = figures(scoreRows, responseRows, language);
        // the clean figures, where a fraud flag excludes responses (otherwise none: they equal the raw ones)
        List<WindowRow> cleanScores = cleanScoreRead.get();
        List<ResponseWindowRow> cleanResponses = cleanResponseRead.get();
        OfficeIndicators.Clean clean = null;
        List<WindowRow> shownRows = scoreRows; // the rows of the figures the page shows first: clean where there are any
        if (!cleanScores.isEmpty() || !cleanResponses.isEmpty()) {
            shownRows = CleanRows.overlay(scoreRows, cleanScores, CleanRows::keyOf);
            Figures f = figures(shownRows,
                    CleanRows.overlay(responseRows, cleanResponses, CleanRows::keyOf), language);
            long excluded = cleanResponses.stream().mapToLong(ResponseWindowRow::excluded).sum();
            clean = new OfficeIndicators.Clean(excluded, f.total, f.bySurvey, f.byAudience, f.kiosk, f.pulse);
        }
        // clean, as the region's ranking: an office must not come first on answers under a fraud flag
        List<WindowRow> regionRows = CleanRows.overlay(regionRead.get(), regionCleanRead.get(), CleanRows::keyOf);
        return new OfficeIndicators(office.code(), office.name(), office.regionCode(), office.regionName(),
                window.code(), language, minimumSample, raw.total, raw.bySurvey, raw.suppressed, raw.byAudience,
                raw.kiosk, raw.pulse, clean, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                WatermarkQuery.asOf(watermark, scoreRows, responseRows),
                // clean against clean: the figure the page shows first, beside the period before as it shows it
                previous(span, previousRead.get(), clean == null ? raw.byAudience : clean.byAudience(), shownRows),
                regionBest(office.regionCode(), regionRows));
    }

    /** Per audience and item the region's office with the highest clean share at a sufficient sample. */
    private Map<String, Map<String, OfficeIndicators.RegionBest>> regionBest(String regionCode, List<WindowRow> rows) {
        Map<String, Map<String, OfficeIndicators.RegionBest>> best = new LinkedHashMap<>();
        for (String audience : AUDIENCES) {
            Map<String, OfficeIndicators.RegionBest> byItem = new LinkedHashMap<>();
            for (Question q : items.agreementItems()) {
                OfficeIndicators.RegionBest top = null;
                for (Office o : directory.officesOf(regionCode)) {
                    ScoreCounts counts = WindowRow.sum(rows, row -> row.scopeCode().equals(o.code())
                            && row.questionId().equals(q.id()) && row.audience().equals(audience));
                    var share = Indicators.positiveShare(counts, minimumSample);
                    // ties: the lower office code, so the answer is stable
                    if (share.sufficient() && (top == null || share.share() > top.share())) {
                        top = new OfficeIndicators.RegionBest(o.code(), o.name(), share.n(), share.share());
                    }
                }
                if (top != null) {
                    byItem.put(q.id(), top);
                }
            }
            best.put(audience, byItem);
        }
        return best;
    }

    /**
     * The period of the same length before the window, from the history (whole hours up to a week, whole days
     * beyond; the quarter: the calendar quarter before), each item against its clean figure in the window.
     */
    private PeriodComparison previous(PreviousSpan span, List<ru.otklik.dashboards.clickhouse.HistoryQuery.ItemTotal> totals,
                                      Map<String, List<IndicatorFigure>> current, List<WindowRow> currentRows) {
        Map<String, Map<String, ScoreCounts>> counts = new LinkedHashMap<>();
        for (var row : totals) {
            counts.computeIfAbsent(row.audience(), a -> new LinkedHashMap<>())
                    .merge(row.questionId(), row.counts(), ScoreCounts::plus);
        }
        Map<String, ScoreCounts> all = counts.getOrDefault(ScopeLevel.ALL_AUDIENCES, Map.of());
        Map<String, Map<String, PeriodComparison.Item>> byAudience = new LinkedHashMap<>();
        for (String audience : AUDIENCES) {
            Map<String, PeriodComparison.Item> out = new LinkedHashMap<>();
            for (IndicatorFigure now : current.getOrDefault(audience, List.of())) {
                ScoreCounts before = counts.getOrDefault(audience, Map.of()).getOrDefault(now.questionId(),
                        ScoreCounts.empty());
                out.put(now.questionId(), PeriodComparison.Item.of(now.positive(), now.n(), before, minimumSample));
            }
            byAudience.put(audience, out);
        }
        // the cards, each by its own formula now and before (kiosk and pulse answers have the 'all' audience only)
        java.util.function.Function<String, ScoreCounts> before = q -> all.getOrDefault(q, ScoreCounts.empty());
        var kioskNow = Indicators.kioskSatisfaction(sumOf(currentRows, SurveyItems.KIOSK_SURVEY, items.kioskQuestion()),
                minimumSample);
        var csatNow = Indicators.csat(sumOf(currentRows, SurveyItems.PULSE_SURVEY, items.csatQuestion()), minimumSample);
        PeriodComparison.Cards cards = new PeriodComparison.Cards(
                PeriodComparison.Item.of(kioskNow.positive(), kioskNow.n(),
                        Indicators.kioskSatisfaction(before.apply(items.kioskQuestion()), minimumSample), minimumSample),
                PeriodComparison.NetItem.of(
                        Indicators.nps(sumOf(currentRows, SurveyItems.PULSE_SURVEY, items.npsQuestion()), minimumSample),
                        Indicators.nps(before.apply(items.npsQuestion()), minimumSample), minimumSample),
                PeriodComparison.NetItem.of(Indicators.ces(sumOf(currentRows, SurveyItems.PULSE_SURVEY,
                                items.cesQuestion()), cesExtremesJoinNeighbours, minimumSample),
                        Indicators.ces(before.apply(items.cesQuestion()), cesExtremesJoinNeighbours, minimumSample),
                        minimumSample),
                PeriodComparison.Item.of(csatNow.positive(), csatNow.n(),
                        Indicators.csat(before.apply(items.csatQuestion()), minimumSample), minimumSample));
        return new PeriodComparison(span.from().toString(), span.to().toString(), byAudience, cards);
    }

    /** The items compared with the period before: every 1–10 item, the kiosk's and the pulse's. */
    private List<String> comparedItems() {
        List<String> ids = new java.util.ArrayList<>(items.agreementItems().stream().map(Question::id).toList());
        ids.addAll(List.of(items.kioskQuestion(), items.npsQuestion(), items.cesQuestion(), items.csatQuestion()));
        return ids;
    }

    /** The page's figures from one set of rows (raw, or raw with the clean rows laid over them). */
    private record Figures(long total, Map<String, Long> bySurvey, long suppressed,
                           Map<String, List<IndicatorFigure>> byAudience, KioskFigures kiosk, PulseFigures pulse) {
    }

    private Figures figures(List<WindowRow> scoreRows, List<ResponseWindowRow> responseRows, String language) {
        Map<String, Long> bySurvey = new LinkedHashMap<>();
        SurveyItems.ALL_SURVEYS.forEach(s -> bySurvey.put(s, 0L));
        long total = 0;
        long suppressed = 0;
        for (ResponseWindowRow row : responseRows) {
            bySurvey.merge(row.surveyId(), row.responses(), Long::sum);
            total += row.responses();
            suppressed += row.suppressedPresses();
        }
        Map<String, List<IndicatorFigure>> byAudience = new LinkedHashMap<>();
        for (String audience : AUDIENCES) {
            byAudience.put(audience, agreementFigures(scoreRows, audience, language));
        }
        return new Figures(total, bySurvey, suppressed, byAudience, kiosk(scoreRows), pulse(scoreRows));
    }

    private List<IndicatorFigure> agreementFigures(List<WindowRow> rows, String audience, String language) {
        return items.agreementItems().stream().map(q -> {
            // the job writes each audience and 'all' (every audience together) as rows of their own
            ScoreCounts counts = WindowRow.sum(rows, row -> SurveyItems.QUESTIONNAIRES.contains(row.surveyId())
                    && row.questionId().equals(q.id()) && row.audience().equals(audience));
            return figure(q, audience, language, counts);
        }).toList();
    }

    private IndicatorFigure figure(Question q, String audience, String language, ScoreCounts counts) {
        Share share = Share.of(Indicators.positiveShare(counts, minimumSample));
        return IndicatorFigure.of(q.id(), q.indicator(), q.group(), items.label(q.id(), audience, language), share);
    }

    private KioskFigures kiosk(List<WindowRow> rows) {
        ScoreCounts buttons = sumOf(rows, SurveyItems.KIOSK_SURVEY, items.kioskQuestion());
        return new KioskFigures(buttons.between(1, 4),
                List.of(buttons.count(1), buttons.count(2), buttons.count(3), buttons.count(4)),
                Share.of(Indicators.kioskSatisfaction(buttons, minimumSample)));
    }

    private PulseFigures pulse(List<WindowRow> rows) {
        return new PulseFigures(
                Net.of(Indicators.nps(sumOf(rows, SurveyItems.PULSE_SURVEY, items.npsQuestion()), minimumSample)),
                Net.of(Indicators.ces(sumOf(rows, SurveyItems.PULSE_SURVEY, items.cesQuestion()),
                        cesExtremesJoinNeighbours, minimumSample)),
                Share.of(Indicators.csat(sumOf(rows, SurveyItems.PULSE_SURVEY, items.csatQuestion()), minimumSample)));
    }

    private static ScoreCounts sumOf(List<WindowRow> rows, String survey, String question) {
        return WindowRow.sum(rows, row -> row.surveyId().equals(survey) && row.questionId().equals(question)
                && row.audience().equals(ScopeLevel.ALL_AUDIENCES));
    }
}
