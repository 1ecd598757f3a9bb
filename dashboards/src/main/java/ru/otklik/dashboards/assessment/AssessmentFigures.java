package ru.otklik.dashboards.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.assessment.GroupFigures;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.ResultRow;
import ru.otklik.dashboards.clickhouse.SqlCode;

/**
 * The streaming job's 360 aggregates in ClickHouse ({@code otklik.assessment_items}, {@code assessment_comments},
 * {@code assessment_completion}), read with FINAL so a row replaced by a later version is never counted twice.
 * Session ids and pseudonyms are passed as {@link SqlCode} literals (both are of the safe alphabet by construction).
 */
public final class AssessmentFigures {

    /** A session's or target's completion: submitted and expected raters, per role group ({@code ""} = all). */
    public record Completion(String targetId, String group, long expected, long submitted) {
        public double share() {
            return expected == 0 ? 0 : (double) submitted / expected;
        }
    }

    private final ClickHouseReader reader;

    public AssessmentFigures(ClickHouseReader reader) {
        this.reader = reader;
    }

    public List<TargetReport.ItemRow> items(String sessionId, String targetId) {
        List<TargetReport.ItemRow> rows = new ArrayList<>();
        for (ResultRow r : reader.select("SELECT competency_code, indicator_code, role_group, raters, points_sum,"
                + " raters_above_strength, raters_below_need, distribution FROM otklik.assessment_items FINAL"
                + " WHERE session_id = " + SqlCode.literal(sessionId) + " AND target_id = " + SqlCode.literal(targetId)
                + " AND raters > 0")) {
            List<Long> dist = new ArrayList<>();
            JsonNode d = r.node().get("distribution");
            if (d != null && d.isArray()) {
                d.forEach(n -> dist.add(n.isNumber() ? n.longValue() : Long.parseLong(n.asText())));
            }
            rows.add(new TargetReport.ItemRow(r.text("competency_code"), r.text("indicator_code"),
                    new GroupFigures(r.text("role_group"), r.longValue("raters"),
                            Double.parseDouble(r.text("points_sum")), r.longValue("raters_above_strength"),
                            r.longValue("raters_below_need"), dist)));
        }
        return rows;
    }

    public List<TargetReport.CommentRow> comments(String sessionId, String targetId) {
        List<TargetReport.CommentRow> rows = new ArrayList<>();
        for (ResultRow r : reader.select("SELECT indicator_code, role_group, comment FROM otklik.assessment_comments FINAL"
                + " WHERE session_id = " + SqlCode.literal(sessionId) + " AND target_id = " + SqlCode.literal(targetId)
                + " AND comment != ''" // '' = discarded: the session's model changed
                + " ORDER BY indicator_code, comment_id")) {
            rows.add(new TargetReport.CommentRow(r.text("indicator_code"), r.text("role_group"), r.text("comment")));
        }
        return rows;
    }

    /** Completion rows of a session: per target ({@code ""} = the whole session) and role group ({@code ""} = all). */
    public List<Completion> completion(String sessionId) {
        List<Completion> rows = new ArrayList<>();
        for (ResultRow r : reader.select("SELECT target_id, role_group, expected, submitted FROM otklik.assessment_completion"
                + " FINAL WHERE session_id = " + SqlCode.literal(sessionId) + " ORDER BY target_id, role_group")) {
            rows.add(new Completion(r.text("target_id"), r.text("role_group"), r.longValue("expected"),
                    r.longValue("submitted")));
        }
        return rows;
    }

    /** Submissions per role group for one target (the pool a comment may have come from). */
    public Map<String, Long> submittedByGroup(String sessionId, String targetId) {
        Map<String, Long> byGroup = new LinkedHashMap<>();
        for (Completion c : completion(sessionId)) {
            if (c.targetId().equals(targetId) && !c.group().isEmpty()) {
                byGroup.put(c.group(), c.submitted());
            }
        }
        return byGroup;
    }
}
