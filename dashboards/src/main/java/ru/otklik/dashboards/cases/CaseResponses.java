package ru.otklik.dashboards.cases;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.ResultRow;
import ru.otklik.dashboards.clickhouse.SqlCode;

/**
 * What the respondents of feedback cases wrote and scored, read from {@code otklik.responses} and
 * {@code otklik.answers}: the case queue keeps only the response id, so the comment lives in one place. Ids are
 * response ids (validated by ingest to {@code [A-Za-z0-9_-]}) and office codes of the directory, passed as
 * {@link SqlCode} literals.
 */
public final class CaseResponses {

    /** One response's comment and its scored answers, in question order. */
    public record Said(String comment, Map<String, Integer> scores) {
    }

    private final ClickHouseReader reader;

    public CaseResponses(ClickHouseReader reader) {
        this.reader = reader;
    }

    /** The responses of {@code responseIds} (of offices {@code officeCodes}) that ClickHouse has, by id. */
    public Map<String, Said> of(Collection<String> responseIds, Collection<String> officeCodes) {
        Map<String, Said> said = new HashMap<>();
        if (responseIds.isEmpty()) {
            return said;
        }
        String ids = responseIds.stream().distinct().map(SqlCode::literal).collect(Collectors.joining(", "));
        String offices = officeCodes.stream().distinct().map(SqlCode::literal).collect(Collectors.joining(", "));
        Map<String, Map<String, Integer>> scores = new HashMap<>();
        for (ResultRow row : reader.select("SELECT response_id, question_id, score FROM otklik.answers FINAL"
                + " WHERE office_code IN (" + offices + ") AND response_id IN (" + ids + ") AND isNotNull(score)"
                + " ORDER BY response_id, question_id")) {
            scores.computeIfAbsent(row.text("response_id"), k -> new LinkedHashMap<>())
                    .put(row.text("question_id"), (int) row.longValue("score"));
        }
        for (ResultRow row : reader.select("SELECT response_id, comment FROM otklik.responses FINAL"
                + " WHERE office_code IN (" + offices + ") AND response_id IN (" + ids + ")")) {
            String id = row.text("response_id");
            said.put(id, new Said(row.text("comment"), scores.getOrDefault(id, Map.of())));
        }
        return said;
    }
}
