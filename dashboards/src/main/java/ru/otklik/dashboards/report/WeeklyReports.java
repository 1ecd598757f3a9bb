package ru.otklik.dashboards.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Audience;
import ru.otklik.common.survey.Question;
import ru.otklik.dashboards.comments.CommentFilter;
import ru.otklik.dashboards.comments.RespondentComment;
import ru.otklik.dashboards.comments.RespondentComments;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.Granularity;
import ru.otklik.dashboards.clickhouse.HistoryBucket;
import ru.otklik.dashboards.clickhouse.ConcurrentReads;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.figures.SurveyItems;
import ru.otklik.dashboards.office.OfficeIndicatorsQuery;

/**
 * Builds {@link WeeklyReport}s from ClickHouse. The week's figures are the place's own hourly
 * {@code indicator_history} rows (office rows for an office, region rows for a region: never offices pooled here)
 * summed over the local week, so a week starts at Monday midnight of the region's clock, not of UTC's; the shares
 * and intervals are common's {@link Indicators} through {@link Share}, as on every other view. Coverage and comments
 * come from {@code otklik.responses} by the answer's own time ({@code client_ts}), the history's time too.
 * The figures are raw: the clean overlay of the live views (fraud flags) is not applied to the week yet.
 */
public final class WeeklyReports {

    /** Comments shown: the newest of the week. */
    public static final int COMMENTS = 20;
    static final int TOP = 3;

    private final OfficeDirectory directory;
    private final SurveyItems items;
    private final HistoryQuery history;
    private final ru.otklik.dashboards.clickhouse.FormCounts formCounts;
    private final RespondentComments comments;
    private final int minimumSample;
    private final Clock clock;

    public WeeklyReports(OfficeDirectory directory, SurveyItems items, HistoryQuery history, ClickHouseReader reader,
                         int minimumSample, Clock clock) {
        this.directory = directory;
        this.items = items;
        this.history = history;
        this.formCounts = new ru.otklik.dashboards.clickhouse.FormCounts(reader);
        this.comments = new RespondentComments(reader, items);
        this.minimumSample = minimumSample;
        this.clock = clock;
    }

    public OfficeDirectory directory() {
        return directory;
    }

    /** Whether {@code week} has ended in the place's time zone (its figures then change only by late answers). */
    public boolean ended(ReportScope scope, IsoWeek week) {
        return !week.end(scope.zone()).isAfter(clock.instant());
    }

    /** The last week that has ended in the place's time zone. */
    public IsoWeek lastFullWeek(ReportScope scope) {
        return IsoWeek.lastFull(clock, scope.zone());
    }

    public WeeklyReport build(ReportScope scope, IsoWeek week, String language) {
        ZoneId zone = scope.zone();
        QueryScope place = scope.queryScope(directory);
        IsoWeek previous = week.previous();
        // the report's seven reads do not depend on each other: sent together, the download waits for the slowest
        var nowRead = ConcurrentReads.start(() -> totals(place, week.start(zone), week.end(zone)));
        var beforeRead = ConcurrentReads.start(() -> totals(place, previous.start(zone), previous.end(zone)));
        var weekdaysRead = ConcurrentReads.start(() -> kioskByWeekday(place, week, zone));
        var formsRead = ConcurrentReads.start(() -> forms(scope, week, zone));
        var formsBeforeRead = ConcurrentReads.start(() -> forms(scope, previous, zone));
        var commentsRead = ConcurrentReads.start(() -> comments(scope, week, zone));
        Totals now = nowRead.get();
        Totals before = beforeRead.get();

        List<WeeklyReport.Item> lines = new ArrayList<>();
        for (Question q : items.agreementItems()) {
            lines.add(new WeeklyReport.Item(q.id(), q.indicator(), q.group(),
                    items.label(q.id(), ScopeLevel.ALL_AUDIENCES, language),
                    figure(now.item(ScopeLevel.ALL_AUDIENCES, q.id()), before.item(ScopeLevel.ALL_AUDIENCES, q.id())),
                    figure(now.item(Audience.SEEKER.code(), q.id()), before.item(Audience.SEEKER.code(), q.id())),
                    figure(now.item(Audience.EMPLOYER.code(), q.id()), before.item(Audience.EMPLOYER.code(), q.id()))));
        }
        WeeklyReport.Figure index = figure(now.pooled(), before.pooled());
        WeeklyReport.Figure kiosk = kioskFigure(now.kiosk, before.kiosk);

        // top and bottom among the items with a sufficient sample this week; ties by questionnaire order
        List<WeeklyReport.Item> ranked = lines.stream().filter(i -> i.all().week().sufficient())
                .sorted(Comparator.comparing((WeeklyReport.Item i) -> i.all().week().share()).reversed()).toList();
        List<WeeklyReport.Item> top = ranked.subList(0, Math.min(TOP, ranked.size()));
        List<WeeklyReport.Item> bottom = new ArrayList<>(ranked.subList(Math.max(0, ranked.size() - TOP), ranked.size()));
        java.util.Collections.reverse(bottom);
        if (ranked.size() < 2 * TOP) { // too few to have a top and a bottom that do not overlap
            bottom.removeIf(top::contains);
        }

        return new WeeklyReport(scope.level(), scope.code(), scope.name(), scope.regionCode(), scope.regionName(),
                week.code(), previous.code(), zone.getId(), week.monday().toString(), week.sunday().toString(),
                minimumSample, index, lines, top, bottom, kiosk, weekdaysRead.get(),
                coverage(formsRead.get(), formsBeforeRead.get()), commentsRead.get(), language,
                new WeeklyReport.Excluded(now.excludedAnswers, now.excludedKioskTaps));
    }

    private WeeklyReport.Figure figure(ScoreCounts week, ScoreCounts previous) {
        return figure(Share.of(Indicators.positiveShare(week, minimumSample)),
                Share.of(Indicators.positiveShare(previous, minimumSample)));
    }

    private WeeklyReport.Figure kioskFigure(ScoreCounts week, ScoreCounts previous) {
        return figure(Share.of(Indicators.kioskSatisfaction(week, minimumSample)),
                Share.of(Indicators.kioskSatisfaction(previous, minimumSample)));
    }

    /** A change only between two sufficient samples: below the minimum a difference says nothing. */
    static WeeklyReport.Figure figure(Share week, Share previous) {
        Double change = week.sufficient() && previous.sufficient() ? week.share() - previous.share() : null;
        return new WeeklyReport.Figure(week, previous, change);
    }

    /** The week's item totals of the place, each audience: the clean figures, as every page shows them. */
    private Totals totals(QueryScope place, Instant from, Instant to) {
        List<String> questions = new ArrayList<>(items.agreementItems().stream().map(Question::id).toList());
        questions.add(items.kioskQuestion());
        Totals t = new Totals(items);
        for (HistoryQuery.ItemTotal row : history.totals(place, OfficeIndicatorsQuery.AUDIENCES, Granularity.HOUR,
                SurveyItems.ALL_SURVEYS, questions, from, to, HistoryQuery.Figures.CLEAN)) {
            boolean all = row.audience().equals(ScopeLevel.ALL_AUDIENCES);
            if (SurveyItems.KIOSK_SURVEY.equals(row.surveyId())) {
                if (all && row.questionId().equals(items.kioskQuestion())) {
                    t.kiosk = t.kiosk.plus(row.counts());
                    t.excludedKioskTaps += row.excluded();
                }
            } else if (SurveyItems.QUESTIONNAIRES.contains(row.surveyId())) {
                t.byItem.merge(row.audience() + '|' + row.questionId(), row.counts(), ScoreCounts::plus);
                if (all) {
                    t.excludedAnswers += row.excluded();
                }
            }
        }
        return t;
    }

    private static final class Totals {
        private final SurveyItems items;
        private final Map<String, ScoreCounts> byItem = new HashMap<>();
        private ScoreCounts kiosk = ScoreCounts.empty();
        private long excludedAnswers;
        private long excludedKioskTaps;

        Totals(SurveyItems items) {
            this.items = items;
        }

        ScoreCounts item(String audience, String questionId) {
            return byItem.getOrDefault(audience + '|' + questionId, ScoreCounts.empty());
        }

        /** All 1–10 items, audiences together: the pooled index of the region ranking ({@code PlaceSummaries}). */
        ScoreCounts pooled() {
            ScoreCounts sum = ScoreCounts.empty();
            for (Question q : items.agreementItems()) {
                sum = sum.plus(item(ScopeLevel.ALL_AUDIENCES, q.id()));
            }
            return sum;
        }
    }

    /** The hourly kiosk buckets of the week folded into local days, as the office profile folds them. */
    private List<WeeklyReport.Weekday> kioskByWeekday(QueryScope place, IsoWeek week, ZoneId zone) {
        ScoreCounts[] days = new ScoreCounts[7];
        java.util.Arrays.fill(days, ScoreCounts.empty());
        for (HistoryBucket b : history.run(place, ScopeLevel.ALL_AUDIENCES, Granularity.HOUR,
                List.of(SurveyItems.KIOSK_SURVEY), List.of(items.kioskQuestion()), week.start(zone), week.end(zone),
                HistoryQuery.Figures.CLEAN)) {
            int d = b.start().atZone(zone).getDayOfWeek().getValue() - 1;
            days[d] = days[d].plus(b.counts());
        }
        List<WeeklyReport.Weekday> out = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            out.add(new WeeklyReport.Weekday(d + 1, week.monday().plusDays(d).toString(),
                    Share.of(Indicators.kioskSatisfaction(days[d], minimumSample))));
        }
        return out;
    }

    private static WeeklyReport.Coverage coverage(Map<String, Long> now, Map<String, Long> before) {
        return new WeeklyReport.Coverage(now.getOrDefault(SurveyItems.SEEKER_SURVEY, 0L),
                now.getOrDefault(SurveyItems.EMPLOYER_SURVEY, 0L), now.getOrDefault(SurveyItems.KIOSK_SURVEY, 0L),
                now.getOrDefault(SurveyItems.PULSE_SURVEY, 0L), before.getOrDefault(SurveyItems.SEEKER_SURVEY, 0L),
                before.getOrDefault(SurveyItems.EMPLOYER_SURVEY, 0L), before.getOrDefault(SurveyItems.KIOSK_SURVEY, 0L),
                before.getOrDefault(SurveyItems.PULSE_SURVEY, 0L));
    }

    private Map<String, Long> forms(ReportScope scope, IsoWeek week, ZoneId zone) {
        return formCounts.total(scope.regionCode(), scope.office() ? scope.code() : null, week.start(zone),
                week.end(zone));
    }

    /**
     * The week's newest comments from the one reading of comments ({@link RespondentComments}); the report keeps the
     * text, its local day and audience only (its scores and channel are for the comments page).
     */
    private List<WeeklyReport.Comment> comments(ReportScope scope, IsoWeek week, ZoneId zone) {
        CommentFilter place = scope.office() ? CommentFilter.office(scope.regionCode(), scope.code())
                : CommentFilter.region(scope.code());
        List<WeeklyReport.Comment> out = new ArrayList<>();
        for (RespondentComment c : comments.latest(place.within(week.start(zone), week.end(zone)), COMMENTS)) {
            LocalDate day = c.at().atZone(zone).toLocalDate();
            out.add(new WeeklyReport.Comment(day.toString(), c.audience(), c.text()));
        }
        return out;
    }
}
