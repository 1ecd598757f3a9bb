package ru.otklik.common.store;

import static ru.otklik.common.store.Column.dateTime;
import static ru.otklik.common.store.Column.float64;
import static ru.otklik.common.store.Column.scoreCounts;
import static ru.otklik.common.store.Column.string;
import static ru.otklik.common.store.Column.uint16;
import static ru.otklik.common.store.Column.uint32;
import static ru.otklik.common.store.Column.uint64;
import static ru.otklik.common.store.Column.uint8;

import java.util.List;
import java.util.function.Function;

/**
 * Every table the streaming job writes, described once (see {@link Table}). The index in
 * {@link #ALL} is a table's id in encoded rows.
 */
public final class Tables {

    public static final Table<ResponseRow> RESPONSES = new Table<>("responses",
            List.of("region_code", "office_code", "response_id"), Table.<ResponseRow>columns(
            string("response_id", ResponseRow::responseId),
            string("survey_id", ResponseRow::surveyId),
            uint16("survey_version", ResponseRow::surveyVersion),
            string("audience", ResponseRow::audience),
            string("channel", ResponseRow::channel),
            string("mode", ResponseRow::mode),
            string("region_code", ResponseRow::regionCode),
            string("office_code", ResponseRow::officeCode),
            string("touchpoint_id", ResponseRow::touchpointId),
            string("employee_id", ResponseRow::employeeId),
            dateTime("client_ts", ResponseRow::clientTs),
            dateTime("received_ts", ResponseRow::receivedTs),
            uint16("answer_count", ResponseRow::answerCount),
            uint32("suppressed_presses", ResponseRow::suppressedPresses),
            string("gender", ResponseRow::gender),
            string("age_band", ResponseRow::ageBand),
            string("category", ResponseRow::category),
            string("ownership", ResponseRow::ownership),
            string("org_size", ResponseRow::orgSize),
            Column.strings("traits", ResponseRow::traits),
            string("comment", ResponseRow::comment),
            string("ip_hash", ResponseRow::ipHash),
            string("user_agent_hash", ResponseRow::userAgentHash),
            Column.nullableDateTime("started_ts", ResponseRow::startedTs),
            Column.nullableInt64("fill_ms", ResponseRow::fillMillis),
            string("entry", ResponseRow::entry),
            Column.nullableFlag("office_network", ResponseRow::officeNetwork),
            uint64("version", ResponseRow::version)));

    public static final Table<AnswerRow> ANSWERS = new Table<>("answers",
            List.of("region_code", "office_code", "question_id", "response_id"), Table.<AnswerRow>columns(
            string("response_id", AnswerRow::responseId),
            string("survey_id", AnswerRow::surveyId),
            uint16("survey_version", AnswerRow::surveyVersion),
            string("question_id", AnswerRow::questionId),
            string("audience", AnswerRow::audience),
            string("channel", AnswerRow::channel),
            string("mode", AnswerRow::mode),
            string("region_code", AnswerRow::regionCode),
            string("office_code", AnswerRow::officeCode),
            string("touchpoint_id", AnswerRow::touchpointId),
            string("employee_id", AnswerRow::employeeId),
            Column.nullableInt16("score", AnswerRow::score),
            string("choice", AnswerRow::choice),
            dateTime("client_ts", AnswerRow::clientTs),
            uint64("version", AnswerRow::version)));

    public static final Table<AnswerMinuteRow> ANSWER_MINUTE = new Table<>("answer_minute",
            List.of("region_code", "office_code", "survey_id", "question_id", "audience", "channel", "bucket_start"),
            Table.<AnswerMinuteRow>columns(
            string("region_code", AnswerMinuteRow::regionCode),
            string("office_code", AnswerMinuteRow::officeCode),
            string("survey_id", AnswerMinuteRow::surveyId),
            string("question_id", AnswerMinuteRow::questionId),
            string("audience", AnswerMinuteRow::audience),
            string("channel", AnswerMinuteRow::channel),
            dateTime("bucket_start", AnswerMinuteRow::bucketStart),
            uint32("answered", AnswerMinuteRow::answered),
            scoreCounts(ColumnType.UINT32, AnswerMinuteRow::counts),
            uint64("version", AnswerMinuteRow::version)));

    public static final Table<ResponseMinuteRow> RESPONSE_MINUTE = new Table<>("response_minute",
            List.of("region_code", "office_code", "survey_id", "audience", "channel", "bucket_start"),
            Table.<ResponseMinuteRow>columns(
            string("region_code", ResponseMinuteRow::regionCode),
            string("office_code", ResponseMinuteRow::officeCode),
            string("survey_id", ResponseMinuteRow::surveyId),
            string("audience", ResponseMinuteRow::audience),
            string("channel", ResponseMinuteRow::channel),
            dateTime("bucket_start", ResponseMinuteRow::bucketStart),
            uint32("responses", ResponseMinuteRow::responses),
            uint32("suppressed_presses", ResponseMinuteRow::suppressedPresses),
            uint64("version", ResponseMinuteRow::version)));

    public static final Table<LateEventRow> LATE_EVENTS = new Table<>("late_events",
            List.of("region_code", "office_code", "response_id"), Table.<LateEventRow>columns(
            string("response_id", LateEventRow::responseId),
            string("survey_id", LateEventRow::surveyId),
            string("region_code", LateEventRow::regionCode),
            string("office_code", LateEventRow::officeCode),
            string("channel", LateEventRow::channel),
            dateTime("client_ts", LateEventRow::clientTs),
            dateTime("received_ts", LateEventRow::receivedTs),
            dateTime("watermark_ts", LateEventRow::watermarkTs),
            string("reason", LateEventRow::reason),
            string("payload", LateEventRow::payload),
            uint64("version", LateEventRow::version)));

    public static final Table<IndicatorWindowRow> INDICATOR_WINDOW = new Table<>("indicator_window",
            List.of("scope_level", "scope_code", "audience", "window", "survey_id", "question_id"),
            indicatorWindowRowColumns(Function.identity()));

    public static final Table<CleanRow<IndicatorWindowRow>> INDICATOR_WINDOW_CLEAN = new Table<>("indicator_window_clean",
            List.of("scope_level", "scope_code", "audience", "window", "survey_id", "question_id"),
            Table.<CleanRow<IndicatorWindowRow>>columns(indicatorWindowRowColumns((CleanRow<IndicatorWindowRow> c) -> c.row()),
            Column.<CleanRow<IndicatorWindowRow>>uint64("excluded", CleanRow::excluded)));

    public static final Table<ResponseWindowRow> RESPONSE_WINDOW = new Table<>("response_window",
            List.of("scope_level", "scope_code", "audience", "window", "survey_id"),
            responseWindowRowColumns(Function.identity()));

    public static final Table<CleanRow<ResponseWindowRow>> RESPONSE_WINDOW_CLEAN = new Table<>("response_window_clean",
            List.of("scope_level", "scope_code", "audience", "window", "survey_id"),
            Table.<CleanRow<ResponseWindowRow>>columns(responseWindowRowColumns((CleanRow<ResponseWindowRow> c) -> c.row()),
            Column.<CleanRow<ResponseWindowRow>>uint64("excluded", CleanRow::excluded)));

    public static final Table<IndicatorHistoryRow> INDICATOR_HISTORY = new Table<>("indicator_history",
            List.of("scope_level", "scope_code", "audience", "granularity", "survey_id", "question_id", "bucket_start"),
            indicatorHistoryRowColumns(Function.identity()));

    public static final Table<CleanRow<IndicatorHistoryRow>> INDICATOR_HISTORY_CLEAN = new Table<>("indicator_history_clean",
            List.of("scope_level", "scope_code", "audience", "granularity", "survey_id", "question_id", "bucket_start"),
            Table.<CleanRow<IndicatorHistoryRow>>columns(indicatorHistoryRowColumns((CleanRow<IndicatorHistoryRow> c) -> c.row()),
            Column.<CleanRow<IndicatorHistoryRow>>uint64("excluded", CleanRow::excluded)));

    public static final Table<ScopeWatermarkRow> SCOPE_WATERMARK = new Table<>("scope_watermark",
            List.of("scope_level", "scope_code"), Table.<ScopeWatermarkRow>columns(
            string("scope_level", ScopeWatermarkRow::level),
            string("scope_code", ScopeWatermarkRow::code),
            dateTime("as_of", ScopeWatermarkRow::asOf),
            uint64("version", ScopeWatermarkRow::version)));

    public static final Table<StreamDeadLetterRow> STREAM_DEAD_LETTERS = new Table<>("stream_dead_letters",
            List.of("topic", "partition", "offset"), Table.<StreamDeadLetterRow>columns(
            string("topic", StreamDeadLetterRow::topic),
            uint32("partition", StreamDeadLetterRow::partition),
            uint64("offset", StreamDeadLetterRow::offset),
            dateTime("kafka_ts", StreamDeadLetterRow::kafkaTs),
            dateTime("seen_at", StreamDeadLetterRow::seenAt),
            string("reason", StreamDeadLetterRow::reason),
            string("detail", StreamDeadLetterRow::detail),
            Column.bytes("raw", StreamDeadLetterRow::raw),
            uint32("raw_size", StreamDeadLetterRow::rawSize),
            uint64("version", StreamDeadLetterRow::version)));

    public static final Table<AlertRow> ALERTS = new Table<>("alerts",
            List.of("alert_id"), Table.<AlertRow>columns(
            string("alert_id", AlertRow::alertId),
            string("alert_type", AlertRow::alertType),
            string("severity", AlertRow::severity),
            string("status", AlertRow::status),
            string("region_code", AlertRow::regionCode),
            string("office_code", AlertRow::officeCode),
            string("scope_id", AlertRow::scopeId),
            dateTime("started_ts", AlertRow::startedTs),
            dateTime("opened_ts", AlertRow::openedTs),
            dateTime("updated_ts", AlertRow::updatedTs),
            Column.nullableDateTime("closed_ts", AlertRow::closedTs),
            uint64("observed", AlertRow::observed),
            uint64("flagged", AlertRow::flagged),
            float64("baseline", AlertRow::baseline),
            float64("alarm_level", AlertRow::alarmLevel),
            float64("statistic", AlertRow::statistic),
            float64("threshold", AlertRow::threshold),
            Column.strings("response_ids", AlertRow::responseIds),
            string("detail", AlertRow::detail),
            uint64("version", AlertRow::version)));

    public static final Table<AssessmentItemRow> ASSESSMENT_ITEMS = new Table<>("assessment_items",
            List.of("session_id", "target_id", "competency_code", "indicator_code", "role_group"),
            Table.<AssessmentItemRow>columns(
            string("session_id", AssessmentItemRow::sessionId),
            string("target_id", AssessmentItemRow::targetId),
            string("competency_code", AssessmentItemRow::competencyCode),
            string("indicator_code", AssessmentItemRow::indicatorCode),
            string("role_group", AssessmentItemRow::roleGroup),
            Column.uint8Number("scale_max", AssessmentItemRow::scaleMax),
            uint32("raters", AssessmentItemRow::raters),
            uint32("cannot_judge", AssessmentItemRow::cannotJudge),
            float64("points_sum", AssessmentItemRow::pointsSum),
            Column.uint32s("distribution", AssessmentItemRow::distribution),
            uint32("raters_above_strength", AssessmentItemRow::ratersAboveStrength),
            uint32("raters_below_need", AssessmentItemRow::ratersBelowNeed),
            uint32("updated_ts", AssessmentItemRow::updatedTs),
            uint64("version", AssessmentItemRow::version)));

    public static final Table<AssessmentCommentRow> ASSESSMENT_COMMENTS = new Table<>("assessment_comments",
            List.of("session_id", "target_id", "indicator_code", "comment_id"), Table.<AssessmentCommentRow>columns(
            string("session_id", AssessmentCommentRow::sessionId),
            string("target_id", AssessmentCommentRow::targetId),
            string("competency_code", AssessmentCommentRow::competencyCode),
            string("indicator_code", AssessmentCommentRow::indicatorCode),
            string("role_group", AssessmentCommentRow::roleGroup),
            string("comment_id", AssessmentCommentRow::commentId),
            string("comment", AssessmentCommentRow::comment),
            Column.date("submitted_date", AssessmentCommentRow::submittedDate),
            uint64("version", AssessmentCommentRow::version)));

    public static final Table<AssessmentCompletionRow> ASSESSMENT_COMPLETION = new Table<>("assessment_completion",
            List.of("session_id", "target_id", "role_group"), Table.<AssessmentCompletionRow>columns(
            string("session_id", AssessmentCompletionRow::sessionId),
            string("target_id", AssessmentCompletionRow::targetId),
            string("role_group", AssessmentCompletionRow::roleGroup),
            uint32("expected", AssessmentCompletionRow::expected),
            uint32("submitted", AssessmentCompletionRow::submitted),
            string("status", AssessmentCompletionRow::status),
            uint32("deadline_ts", AssessmentCompletionRow::deadlineTs),
            uint64("version", AssessmentCompletionRow::version)));

    public static final Table<CompositeIndexRow> COMPOSITE_INDEX = new Table<>("composite_index",
            List.of("methodology_version", "period", "scope_level", "scope_code", "component_level", "component"),
            Table.<CompositeIndexRow>columns(
            uint32("methodology_version", CompositeIndexRow::methodologyVersion),
            string("period", CompositeIndexRow::period),
            Column.date("period_start", CompositeIndexRow::periodStart),
            string("scope_level", CompositeIndexRow::scopeLevel),
            string("scope_code", CompositeIndexRow::scopeCode),
            string("region_code", CompositeIndexRow::regionCode),
            string("component_level", CompositeIndexRow::componentLevel),
            string("component", CompositeIndexRow::component),
            string("group_code", CompositeIndexRow::groupCode),
            string("kind", CompositeIndexRow::kind),
            uint8("has_value", CompositeIndexRow::hasValue),
            float64("value", CompositeIndexRow::value),
            string("status", CompositeIndexRow::status),
            uint64("n", CompositeIndexRow::n),
            uint64("positive", CompositeIndexRow::positive),
            float64("points", CompositeIndexRow::points),
            float64("max_points", CompositeIndexRow::maxPoints),
            float64("weight", CompositeIndexRow::weight),
            uint8("live", CompositeIndexRow::live),
            dateTime("updated_ts", CompositeIndexRow::updatedTs),
            uint64("version", CompositeIndexRow::version)));

    /** Every table; a table's index here is its id in encoded rows. */
    public static final List<Table<?>> ALL = List.of(RESPONSES, ANSWERS, ANSWER_MINUTE, RESPONSE_MINUTE, LATE_EVENTS,
            INDICATOR_WINDOW, RESPONSE_WINDOW, INDICATOR_HISTORY, SCOPE_WATERMARK, STREAM_DEAD_LETTERS, ALERTS,
            INDICATOR_WINDOW_CLEAN, RESPONSE_WINDOW_CLEAN, INDICATOR_HISTORY_CLEAN, ASSESSMENT_ITEMS, ASSESSMENT_COMMENTS,
            ASSESSMENT_COMPLETION, COMPOSITE_INDEX);

    /** The aggregate tables: everything a replay of the topic rebuilds (the raw facts are rewritten identically). */
    public static final List<Table<?>> AGGREGATES = List.of(ANSWER_MINUTE, RESPONSE_MINUTE, INDICATOR_WINDOW,
            RESPONSE_WINDOW, INDICATOR_HISTORY, SCOPE_WATERMARK, ALERTS, INDICATOR_WINDOW_CLEAN, RESPONSE_WINDOW_CLEAN,
            INDICATOR_HISTORY_CLEAN, ASSESSMENT_ITEMS, ASSESSMENT_COMMENTS, ASSESSMENT_COMPLETION, COMPOSITE_INDEX);

    /** The columns of {@code indicator_window}, read through {@code f} (the raw table and its clean twin share them). */
    private static <R> List<Column<R>> indicatorWindowRowColumns(Function<R, IndicatorWindowRow> f) {
        return Table.<R>columns(
            Column.<R>string("scope_level", r -> f.apply(r).level()),
            Column.<R>string("scope_code", r -> f.apply(r).code()),
            Column.<R>string("audience", r -> f.apply(r).audience()),
            Column.<R>string("window", r -> f.apply(r).window()),
            Column.<R>string("survey_id", r -> f.apply(r).surveyId()),
            Column.<R>string("question_id", r -> f.apply(r).questionId()),
            Column.<R>dateTime("as_of", r -> f.apply(r).asOf()),
            Column.<R>uint64("n", r -> f.apply(r).n()),
            Column.<R>uint64("positive", r -> f.apply(r).positive()),
            Column.<R>float64("share", r -> f.apply(r).share()),
            Column.<R>float64("low", r -> f.apply(r).low()),
            Column.<R>float64("high", r -> f.apply(r).high()),
            Column.<R>uint8("sufficient", r -> f.apply(r).sufficient()),
            Column.<R>scoreCounts(ColumnType.UINT64, r -> f.apply(r).counts()),
            Column.<R>uint64("version", r -> f.apply(r).version()));
    }

    /** The columns of {@code response_window}, read through {@code f} (the raw table and its clean twin share them). */
    private static <R> List<Column<R>> responseWindowRowColumns(Function<R, ResponseWindowRow> f) {
        return Table.<R>columns(
            Column.<R>string("scope_level", r -> f.apply(r).level()),
            Column.<R>string("scope_code", r -> f.apply(r).code()),
            Column.<R>string("audience", r -> f.apply(r).audience()),
            Column.<R>string("window", r -> f.apply(r).window()),
            Column.<R>string("survey_id", r -> f.apply(r).surveyId()),
            Column.<R>dateTime("as_of", r -> f.apply(r).asOf()),
            Column.<R>uint64("responses", r -> f.apply(r).responses()),
            Column.<R>uint64("suppressed_presses", r -> f.apply(r).suppressedPresses()),
            Column.<R>uint64("version", r -> f.apply(r).version()));
    }

    /** The columns of {@code indicator_history}, read through {@code f} (the raw table and its clean twin share them). */
    private static <R> List<Column<R>> indicatorHistoryRowColumns(Function<R, IndicatorHistoryRow> f) {
        return Table.<R>columns(
            Column.<R>string("scope_level", r -> f.apply(r).level()),
            Column.<R>string("scope_code", r -> f.apply(r).code()),
            Column.<R>string("audience", r -> f.apply(r).audience()),
            Column.<R>string("granularity", r -> f.apply(r).granularity()),
            Column.<R>dateTime("bucket_start", r -> f.apply(r).bucketStart()),
            Column.<R>string("survey_id", r -> f.apply(r).surveyId()),
            Column.<R>string("question_id", r -> f.apply(r).questionId()),
            Column.<R>uint64("n", r -> f.apply(r).n()),
            Column.<R>uint64("positive", r -> f.apply(r).positive()),
            Column.<R>scoreCounts(ColumnType.UINT64, r -> f.apply(r).counts()),
            Column.<R>uint64("version", r -> f.apply(r).version()));
    }

    private Tables() {
    }

    public static int idOf(Table<?> table) {
        int id = ALL.indexOf(table);
        if (id < 0) {
            throw new IllegalArgumentException("not one of Otklik's tables: " + table);
        }
        return id;
    }
}
