package ru.otklik.dashboards.comments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.response.Audience;
import ru.otklik.common.survey.Question;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.ResultRow;
import ru.otklik.dashboards.clickhouse.SqlCode;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * The one reading of what respondents wrote (issue 14 §4; the weekly report's latest comments too): non-empty comments
 * of {@code otklik.responses FINAL} (a resent response once, as its latest version) of the questionnaires and the pulse
 * survey, newest first, with the scored answers of the same response from {@code otklik.answers FINAL}.
 * <p>
 * Paging is by keyset, not offset: the next page is "older than the last comment shown", so a comment arriving
 * between two requests neither repeats nor hides one. Ties of {@code client_ts} (seconds) are ordered by
 * {@code cityHash64(response_id)}: the id stays inside ClickHouse (the answers are joined on it there, by
 * {@code IN} a subquery, since 18.16's JOINs are too limited), and the cursor carries only the hash. Two responses of
 * the same second with the same 64-bit hash would be one position: not a case worth a third key.
 * <p>
 * Never selected: employee ids, touchpoints, devices, the response id, or anything else that reaches a person.
 */
public final class RespondentComments {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** The audiences a comment list can be narrowed to. */
    public static final List<String> AUDIENCES = List.of(Audience.SEEKER.code(), Audience.EMPLOYER.code());

    private static final String TIE = "cityHash64(response_id)";

    private final ClickHouseReader reader;
    private final SurveyItems items;
    private final Set<String> agreementIds;

    public RespondentComments(ClickHouseReader reader, SurveyItems items) {
        this.reader = reader;
        this.items = items;
        this.agreementIds = items.agreementItems().stream().map(Question::id).collect(Collectors.toSet());
    }

    public SurveyItems items() {
        return items;
    }

    /** The newest {@code size} comments of the filter, or the page after/before {@code cursor} (null: the first page). */
    public CommentPage page(CommentFilter filter, CommentCursor cursor, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_SIZE + ": " + size);
        }
        boolean upwards = cursor != null && cursor.direction() == CommentCursor.Direction.NEWER;
        List<RespondentComment> rows = read(filter, cursor, size + 1); // one more: is there another page that way?
        boolean more = rows.size() > size;
        if (more) {
            rows = new ArrayList<>(rows.subList(0, size));
        }
        if (upwards) {
            Collections.reverse(rows); // read upwards from the cursor; shown newest first
        }
        if (rows.isEmpty()) {
            return new CommentPage(rows, null, null);
        }
        CommentCursor first = rows.get(0).position();
        CommentCursor last = rows.get(rows.size() - 1).position();
        // down from a cursor there is something above it (we came from there); up from one, something below
        boolean older = upwards || more;
        boolean newer = upwards ? more : cursor != null;
        return new CommentPage(rows, older ? at(last, CommentCursor.Direction.OLDER) : null,
                newer ? at(first, CommentCursor.Direction.NEWER) : null);
    }

    /** The newest {@code limit} comments of the filter (the weekly report's). */
    public List<RespondentComment> latest(CommentFilter filter, int limit) {
        return read(filter, null, limit);
    }

    private static CommentCursor at(CommentCursor position, CommentCursor.Direction direction) {
        return new CommentCursor(direction, position.epochSecond(), position.tie());
    }

    /** Up to {@code limit} comments from the cursor on, in reading order (newest first, or oldest first upwards). */
    private List<RespondentComment> read(CommentFilter filter, CommentCursor cursor, int limit) {
        boolean upwards = cursor != null && cursor.direction() == CommentCursor.Direction.NEWER;
        StringBuilder where = new StringBuilder(" WHERE region_code = ").append(SqlCode.literal(filter.regionCode()));
        if (filter.officeCode() != null) {
            where.append(" AND office_code = ").append(SqlCode.literal(filter.officeCode()));
        }
        if (filter.audience() != null) {
            if (!AUDIENCES.contains(filter.audience())) {
                throw new IllegalArgumentException("audience must be one of " + AUDIENCES);
            }
            where.append(" AND audience = ").append(SqlCode.literal(filter.audience()));
        }
        // each bound also on the partition key (event_date, a day's margin): only the span's months are read
        if (filter.from() != null) {
            where.append(" AND event_date >= toDate(toDateTime(").append(filter.from().getEpochSecond()).append(")) - 1")
                    .append(" AND client_ts >= toDateTime(").append(filter.from().getEpochSecond()).append(')');
        }
        if (filter.to() != null) {
            where.append(" AND event_date <= toDate(toDateTime(").append(filter.to().getEpochSecond()).append(")) + 1")
                    .append(" AND client_ts < toDateTime(").append(filter.to().getEpochSecond()).append(')');
        }
        where.append(" AND survey_id IN (").append(surveys()).append(')')
                // a comment of spaces only is no comment; match() is re2, on every server version
                .append(" AND match(comment, '\\\\S')");
        if (cursor != null) { // numbers parsed from the cursor, nothing else of it
            String ts = "toDateTime(" + cursor.epochSecond() + ")";
            String tie = Long.toUnsignedString(cursor.tie());
            where.append(upwards
                    ? " AND (client_ts > " + ts + " OR (client_ts = " + ts + " AND " + TIE + " < " + tie + "))"
                    : " AND (client_ts < " + ts + " OR (client_ts = " + ts + " AND " + TIE + " > " + tie + "))");
        }
        String order = upwards ? " ORDER BY client_ts ASC, " + TIE + " DESC" : " ORDER BY client_ts DESC, " + TIE + " ASC";
        String selected = "SELECT toUnixTimestamp(client_ts) AS ts, " + TIE + " AS tie, survey_id, audience, channel,"
                + " office_code, comment FROM otklik.responses FINAL" + where + order + " LIMIT " + limit;
        List<ResultRow> rows = reader.select(selected);
        if (rows.isEmpty()) {
            return new ArrayList<>();
        }
        // the same responses' scored answers, matched on the id inside ClickHouse and handed back by its hash
        Map<Long, List<ItemScore>> scores = new HashMap<>();
        String ids = "SELECT response_id FROM otklik.responses FINAL" + where + order + " LIMIT " + limit;
        for (ResultRow row : reader.select("SELECT " + TIE + " AS tie, question_id, score FROM otklik.answers FINAL"
                + " WHERE region_code = " + SqlCode.literal(filter.regionCode())
                + (filter.officeCode() == null ? "" : " AND office_code = " + SqlCode.literal(filter.officeCode()))
                + " AND isNotNull(score) AND response_id IN (" + ids + ") ORDER BY tie, question_id")) {
            String question = row.text("question_id");
            int score = (int) row.longValue("score");
            scores.computeIfAbsent(Long.parseUnsignedLong(row.text("tie")), k -> new ArrayList<>())
                    .add(new ItemScore(question, score, low(question, score)));
        }
        List<RespondentComment> out = new ArrayList<>(rows.size());
        for (ResultRow row : rows) {
            long tie = Long.parseUnsignedLong(row.text("tie"));
            long ts = row.longValue("ts");
            List<ItemScore> own = new ArrayList<>(scores.getOrDefault(tie, List.of()));
            own.sort(java.util.Comparator.comparingInt((ItemScore s) -> order(s.questionId())).thenComparing(ItemScore::questionId));
            out.add(new RespondentComment(Instant.ofEpochSecond(ts), row.text("survey_id"), row.text("audience"),
                    row.text("channel"), row.text("office_code"), row.text("comment"), List.copyOf(own),
                    new CommentCursor(CommentCursor.Direction.OLDER, ts, tie)));
        }
        return out;
    }

    private static String surveys() {
        List<String> surveys = new ArrayList<>(SurveyItems.QUESTIONNAIRES);
        surveys.add(SurveyItems.PULSE_SURVEY);
        return surveys.stream().map(SqlCode::literal).collect(Collectors.joining(", "));
    }

    /** Questionnaire order (Q2 before Q10), then the pulse items after them. */
    private int order(String questionId) {
        List<Question> agreement = items.agreementItems();
        for (int i = 0; i < agreement.size(); i++) {
            if (agreement.get(i).id().equals(questionId)) {
                return i;
            }
        }
        return agreement.size();
    }

    private boolean low(String questionId, int score) {
        if (agreementIds.contains(questionId)) {
            return score < Indicators.POSITIVE_FROM;
        }
        return questionId.equals(items.npsQuestion()) && score <= 6;
    }
}
