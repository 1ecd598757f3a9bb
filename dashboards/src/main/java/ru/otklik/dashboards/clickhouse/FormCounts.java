package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * How many forms and taps came in, per office and survey, with client times in a span: the counts behind a weekly
 * report's coverage and a wave's coverage against its quota. From {@code otklik.responses FINAL}, so a resend or a
 * replay counts once. Region codes come from the directory, never from a request as text.
 */
public final class FormCounts {

    private final ClickHouseReader reader;

    public FormCounts(ClickHouseReader reader) {
        this.reader = reader;
    }

    /** office code to survey id to count, for one region's responses with client time in [from, to). */
    public Map<String, Map<String, Long>> byOffice(String regionCode, Instant from, Instant to) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (ResultRow row : reader.select("SELECT office_code, survey_id, toString(count()) AS forms"
                + " FROM otklik.responses FINAL WHERE region_code = " + SqlCode.literal(regionCode)
                // the partition key (event_date, the client's day in the server's zone): a day's margin each side,
                // so only the span's months are read, not the whole year (coverage was 0.6 s at 10M responses)
                + " AND event_date >= toDate(toDateTime(" + from.getEpochSecond() + ")) - 1"
                + " AND event_date <= toDate(toDateTime(" + to.getEpochSecond() + ")) + 1"
                + " AND client_ts >= toDateTime(" + from.getEpochSecond() + ") AND client_ts < toDateTime("
                + to.getEpochSecond() + ") AND survey_id IN (" + String.join(", ", SurveyItems.ALL_SURVEYS.stream()
                .map(SqlCode::literal).toList()) + ") GROUP BY office_code, survey_id")) {
            out.computeIfAbsent(row.text("office_code"), o -> new HashMap<>())
                    .put(row.text("survey_id"), row.longValue("forms"));
        }
        return out;
    }

    /** The same summed over the region's offices, or for one office when {@code officeCode} is not null. */
    public Map<String, Long> total(String regionCode, String officeCode, Instant from, Instant to) {
        Map<String, Long> sum = new HashMap<>();
        byOffice(regionCode, from, to).forEach((office, bySurvey) -> {
            if (officeCode == null || officeCode.equals(office)) {
                bySurvey.forEach((survey, n) -> sum.merge(survey, n, Long::sum));
            }
        });
        return sum;
    }
}
