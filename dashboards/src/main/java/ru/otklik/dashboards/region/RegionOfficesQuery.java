package ru.otklik.dashboards.region;

import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.OFFICES;
import static ru.otklik.dashboards.clickhouse.QueryScope.Rows.PLACE;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.CleanRows;
import ru.otklik.dashboards.clickhouse.ConcurrentReads;
import ru.otklik.dashboards.clickhouse.PreviousPeriodTotals;
import ru.otklik.dashboards.clickhouse.PreviousSpan;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.ResponseWindowQuery;
import ru.otklik.dashboards.clickhouse.ResponseWindowRow;
import ru.otklik.dashboards.clickhouse.ScopedRow;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.clickhouse.WatermarkQuery;
import ru.otklik.dashboards.clickhouse.WindowRow;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;
import ru.otklik.dashboards.figures.PlaceSummaries;
import ru.otklik.dashboards.figures.PlaceSummary;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * The region view: the region's own figures from its region rows, and its offices ranked from their
 * office rows: offices whose pooled share has a sufficient sample first, by share (highest first), then
 * the rest by share; ties by office code so the order is stable. As of the region's watermark. Every
 * figure is clean (without the responses under an open or confirmed fraud flag); an office with any left
 * out also carries its raw positive share and how many were left out.
 */
public final class RegionOfficesQuery {

    private final OfficeDirectory directory;
    private final WatermarkQuery watermarks;
    private final WindowRowsQuery windows;
    private final ResponseWindowQuery responses;
    private final PreviousPeriodTotals previousTotals;
    private final SurveyItems items;
    private final PlaceSummaries summaries;
    private final int minimumSample;
    private final Clock clock;

    public RegionOfficesQuery(OfficeDirectory directory, SurveyItems items, WatermarkQuery watermarks,
                              WindowRowsQuery windows, ResponseWindowQuery responses,
                              PreviousPeriodTotals previousTotals, int minimumSample, Clock clock) {
        this.previousTotals = previousTotals;
        this.items = items;
        this.directory = directory;
        this.watermarks = watermarks;
        this.windows = windows;
        this.responses = responses;
        this.summaries = new PlaceSummaries(items, minimumSample);
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    public RegionOffices run(String regionCode, TimeWindow window) {
        QueryScope scope = QueryScope.region(directory, regionCode);
        // the watermark first: rows read after it are at least as new as it says; the other reads then all at once
        Optional<Instant> watermark = watermarks.watermark(scope);
        PreviousSpan span = PreviousSpan.before(window, watermark.orElse(clock.instant()));
        var rawScoreRead = ConcurrentReads.start(() -> windows.rows(scope, window, SurveyItems.ALL_SURVEYS, PLACE, OFFICES));
        var rawResponseRead = ConcurrentReads.start(() -> responses.rows(scope, window, PLACE, OFFICES));
        var cleanResponseRead = ConcurrentReads.start(() -> responses.cleanRows(scope, window, PLACE, OFFICES));
        var cleanScoreRead = ConcurrentReads.start(() -> windows.cleanRows(scope, window, SurveyItems.ALL_SURVEYS, PLACE,
                OFFICES));
        var previousRead = ConcurrentReads.start(() -> previousTotals.pooledByPlace(scope, ScopeLevel.ALL_AUDIENCES,
                span, SurveyItems.QUESTIONNAIRES, items.agreementItems().stream().map(q -> q.id()).toList(), OFFICES));
        List<WindowRow> rawScores = rawScoreRead.get();
        List<ResponseWindowRow> rawResponses = rawResponseRead.get();
        // ranked by the clean figures (a flagged office must not climb on its fakes); raw beside them
        List<ResponseWindowRow> cleanResponses = cleanResponseRead.get();
        List<WindowRow> scoreRows = CleanRows.overlay(rawScores, cleanScoreRead.get(), CleanRows::keyOf);
        List<ResponseWindowRow> responseRows = CleanRows.overlay(rawResponses, cleanResponses, CleanRows::keyOf);

        List<OfficeSummary> unranked = new ArrayList<>();
        for (Office office : directory.officesOf(regionCode)) {
            long excluded = excluded(cleanResponses, ScopeLevel.OFFICE, office.code());
            PlaceSummary clean = summaries.of(ScopedRow.of(scoreRows, ScopeLevel.OFFICE, office.code()),
                    ScopedRow.of(responseRows, ScopeLevel.OFFICE, office.code()));
            PlaceSummary raw = excluded == 0 ? null : summaries.of(ScopedRow.of(rawScores, ScopeLevel.OFFICE, office.code()),
                    ScopedRow.of(rawResponses, ScopeLevel.OFFICE, office.code()));
            unranked.add(OfficeSummary.of(0, office.code(), office.name(), clean, excluded,
                    raw == null ? null : raw.positive()));
        }
        unranked.sort(RANKING);
        List<OfficeSummary> ranked = new ArrayList<>();
        for (int i = 0; i < unranked.size(); i++) {
            ranked.add(unranked.get(i).ranked(i + 1));
        }
        PlaceSummary total = summaries.of(ScopedRow.of(scoreRows, ScopeLevel.REGION, regionCode),
                ScopedRow.of(responseRows, ScopeLevel.REGION, regionCode));
        return new RegionOffices(regionCode, directory.regions().get(regionCode), window.code(), minimumSample, total,
                excluded(cleanResponses, ScopeLevel.REGION, regionCode), ranked,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                WatermarkQuery.asOf(watermark, rawScores, rawResponses),
                previous(span, previousRead.get(), ranked));
    }

    /** Each office's pooled share now against the period before, clean against clean (the ranking's figures). */
    private RegionOffices.Previous previous(PreviousSpan span,
                                            java.util.Map<String, ru.otklik.common.indicator.ScoreCounts> before,
                                            List<OfficeSummary> offices) {
        java.util.Map<String, ru.otklik.dashboards.office.PeriodComparison.Item> byOffice = new java.util.LinkedHashMap<>();
        for (OfficeSummary o : offices) {
            Share now = o.positive();
            byOffice.put(o.office(), ru.otklik.dashboards.office.PeriodComparison.Item.of(now.positive(), now.n(),
                    before.getOrDefault(o.office(), ru.otklik.common.indicator.ScoreCounts.empty()), minimumSample));
        }
        return new RegionOffices.Previous(span.from().toString(), span.to().toString(), byOffice);
    }

    /** The responses under a fraud flag left out of a place's clean figures. */
    private static long excluded(List<ResponseWindowRow> cleanRows, ScopeLevel level, String code) {
        return ScopedRow.of(cleanRows, level, code).stream().mapToLong(ResponseWindowRow::excluded).sum();
    }

    static final Comparator<OfficeSummary> RANKING = Comparator
            .comparing((OfficeSummary o) -> !o.positive().sufficient())
            .thenComparing(o -> shareOrMinus(o.positive()), Comparator.reverseOrder())
            .thenComparing(OfficeSummary::office);

    private static double shareOrMinus(Share share) {
        return share.share() == null ? -1 : share.share();
    }
}
