package ru.otklik.e2e.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.infra.local.ClickHouseHttp;

/**
 * Bulk data for {@link DashboardQueryBenchmark}, generated inside ClickHouse with {@code INSERT ... SELECT ... FROM
 * numbers(N)} (no HTTP ingest, no Flink job). The raw rows ({@code responses}, {@code answers}) are generated; the
 * aggregates the dashboards read ({@code indicator_history}, {@code indicator_window}, {@code response_window}) are
 * computed from those raw rows by GROUP BY here, in the streaming job's row shape (scope codes, windows, counts
 * c0..c10). Synthetic rather than the job's own: n/positive/share/low/high (a Wald interval, the dashboards
 * recompute figures from c0..c10), the {@code _clean} tables (1% of each count marked excluded, all places),
 * {@code scope_watermark} (every place as of "now"), {@code alerts} (15 per office over the year) and
 * {@code composite_index} (index + 3 groups per place and quarter, values from a hash).
 */
final class BenchData {

    private static final String Q_ITEMS = "['Q1','Q2','Q3','Q5','Q6','Q7','Q8','Q9','Q10','Q11']";
    private final ClickHouseHttp ch;
    private final OfficeDirectory directory;
    private final Instant now;

    BenchData(ClickHouseHttp ch, OfficeDirectory directory, Instant now) {
        this.ch = ch;
        this.directory = directory;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    Instant now() {
        return now;
    }

    private List<Office> offices() {
        return directory.regions().keySet().stream().flatMap(r -> directory.officesOf(r).stream()).toList();
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(",", "[", "]"));
    }

    private long timed(String what, String sql) {
        long t0 = System.nanoTime();
        ch.execute(sql);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("  %-44s %,8d ms%n", what, ms);
        return ms;
    }

    /** The generated rows, one response per number: office, survey, audience, channel, time spread over a year. */
    private String responseSource(long n) {
        List<Office> offices = offices();
        String officeCodes = array(offices.stream().map(Office::code).toList());
        String regionCodes = array(offices.stream().map(Office::regionCode).toList());
        long end = now.getEpochSecond();
        long span = 365L * 86_400;
        return "SELECT number AS i, intHash32(number) AS h, 1 + h % " + offices.size() + " AS o,"
                + " arrayElement(" + officeCodes + ", o) AS office, arrayElement(" + regionCodes + ", o) AS region,"
                + " intHash32(number * 7 + 1) % 100 AS s,"
                + " multiIf(s < 60, 'kiosk-quick', s < 80, 'jc-seeker', s < 90, 'jc-employer', 'pulse') AS survey,"
                + " multiIf(s < 60, 'visitor', s < 80, 'seeker', s < 90, 'employer', 'seeker') AS aud,"
                + " multiIf(s < 60, 'kiosk', 'link') AS chan,"
                + " multiIf(s < 60, 'hall', s < 90, arrayElement(['desk-1','desk-2','desk-3'], 1 + h % 3), 'web') AS tp,"
                + " if(s >= 60 AND s < 90, concat('e-', toString(h % 12)), '') AS emp,"
                + " toDateTime(" + (end - span) + " + intDiv(number * " + span + ", " + n + ")) AS ts"
                + " FROM numbers(" + n + ")";
    }

    /** 18.16 allows one ARRAY JOIN: each (level, code) pair twice, with the row's audience and with 'all'. */
    private static String withAudiences(List<String[]> places) {
        List<String> out = new java.util.ArrayList<>();
        for (String[] p : places) {
            out.add("('" + p[0] + "', " + p[1] + ", audience)");
            out.add("('" + p[0] + "', " + p[1] + ", 'all')");
        }
        return "[" + String.join(", ", out) + "]";
    }

    void generate(long n) {
        System.out.printf("bulk data: %,d responses over a year to %s, %d regions / %d offices%n", n, now,
                directory.regions().size(), offices().size());
        timed("responses", "INSERT INTO otklik.responses (response_id, survey_id, survey_version, audience, channel,"
                + " mode, region_code, office_code, touchpoint_id, employee_id, client_ts, received_ts, answer_count,"
                + " suppressed_presses, traits, comment, version) SELECT concat('r-', toString(i)), survey, 1, aud,"
                + " chan, if(chan = 'kiosk', 'kiosk', 'web'), region, office, tp, emp, ts, ts + 5,"
                + " toUInt16(multiIf(survey = 'kiosk-quick', 1, survey = 'pulse', 3, 10)), toUInt32(0), emptyArrayString(),"
                + " if(s >= 60 AND s < 90 AND h % 50 = 0, 'Очередь была долгой, но консультант помог', ''), 1"
                + " FROM (" + responseSource(n) + ")");
        // score distributions: three office profiles (good, middling, weak) so offices and regions differ
        String score = "multiIf(q = 'K1', toInt16(arrayElement([1,2,3,3,4,4,4,4,2,3], 1 + (g + o % 3) % 10)),"
                + " q = 'NPS', toInt16(g % 11), q IN ('CES','CSAT'), toInt16(1 + (g + o % 2) % 5),"
                + " toInt16(arrayElement([3,5,6,7,8,8,9,9,10,10,7,8,9,10,6,8,9,10,4,8], 1 + (g + o % 3) % 20)))";
        timed("answers", "INSERT INTO otklik.answers (response_id, survey_id, survey_version, question_id, audience,"
                + " channel, mode, region_code, office_code, touchpoint_id, employee_id, score, choice, client_ts, version)"
                + " SELECT concat('r-', toString(i)), survey, 1, q, aud, chan, if(chan = 'kiosk', 'kiosk', 'web'),"
                + " region, office, tp, emp, " + score + ", '', ts, 1 FROM (SELECT i, o, office, region, survey, aud, chan, tp, emp, ts, q, intHash32(i * 64 + length(q) * 3"
                + " + toUInt64(q = 'CES')) AS g FROM (" + responseSource(n) + ") ARRAY JOIN multiIf(survey = 'kiosk-quick',"
                + " ['K1'], survey = 'pulse', ['NPS','CES','CSAT'], " + Q_ITEMS + ") AS q)");
        String counts = java.util.stream.IntStream.rangeClosed(0, 10).mapToObj(k -> "toUInt64(countIf(score = " + k
                + ")) AS c" + k).collect(Collectors.joining(", "));
        String sums = java.util.stream.IntStream.rangeClosed(0, 10).mapToObj(k -> "sum(c" + k + ") AS c" + k)
                .collect(Collectors.joining(", "));
        String cs = java.util.stream.IntStream.rangeClosed(0, 10).mapToObj(k -> "c" + k).collect(Collectors.joining(", "));
        String nPos = "c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 AS nn, multiIf(question_id = 'K1', c3 + c4,"
                + " question_id = 'NPS', c9 + c10, question_id IN ('CES','CSAT'), c4 + c5, c8 + c9 + c10) AS pos";
        ch.execute("DROP TABLE IF EXISTS otklik.bench_hour");
        timed("(scratch) office-hour counts", "CREATE TABLE otklik.bench_hour ENGINE = MergeTree ORDER BY tuple() AS"
                + " SELECT office_code, region_code, audience, survey_id, question_id, toStartOfHour(client_ts) AS bucket, "
                + counts + " FROM otklik.answers GROUP BY office_code, region_code, audience, survey_id, question_id, bucket");
        List<String[]> places = List.of(new String[] {"office", "office_code"}, new String[] {"region", "region_code"},
                new String[] {"federal", "'RU'"});
        // one place level and (hourly) one quarter of the year per INSERT: the query memory limit (3.7 GiB) of the
        // project's ClickHouse config does not hold a year of hourly keys of every level at once
        for (String g : List.of("hour", "day")) {
            String bucket = g.equals("hour") ? "bucket" : "toStartOfDay(bucket)";
            int slices = g.equals("hour") ? 4 : 1;
            long end = now.getEpochSecond() + 3_600;
            long from = end - 366L * 86_400;
            long step = (end - from) / slices + 1;
            long ms = 0;
            for (String[] place : places) {
                for (int k = 0; k < slices; k++) {
                    String slice = " WHERE bucket >= toDateTime(" + (from + k * step) + ") AND bucket < toDateTime("
                            + (from + (k + 1) * step) + ")";
                    long t0 = System.nanoTime();
                    ch.execute("INSERT INTO otklik.indicator_history (scope_level, scope_code, audience,"
                            + " granularity, bucket_start, survey_id, question_id, n, positive, " + cs + ", version)"
                            + " SELECT lvl, code, aud, '" + g + "', b, survey_id, question_id, " + nPos + ", " + cs
                            + ", 1 FROM (SELECT tupleElement(p, 1) AS lvl, tupleElement(p, 2) AS code, tupleElement(p, 3)"
                            + " AS aud, " + bucket + " AS b, survey_id, question_id, " + sums + " FROM otklik.bench_hour"
                            + " ARRAY JOIN " + withAudiences(List.<String[]>of(place)) + " AS p" + slice
                            + " GROUP BY lvl, code, aud, b, survey_id, question_id)");
                    ms += (System.nanoTime() - t0) / 1_000_000;
                }
            }
            System.out.printf("  %-44s %,8d ms%n", "indicator_history " + g, ms);
        }
        ch.execute("DROP TABLE otklik.bench_hour");

        // rolling windows as of now: the job's 1h/24h/7d/30d sliding windows and the calendar quarter
        long t = now.getEpochSecond();
        String[][] windows = {{"1h", Long.toString(t - 3_600)}, {"24h", Long.toString(t - 86_400)},
                {"7d", Long.toString(t - 7 * 86_400)}, {"30d", Long.toString(t - 30 * 86_400)},
                {"quarter", "toUnixTimestamp(toStartOfQuarter(toDateTime(" + t + ")))"}};
        String asOf = "toDateTime(" + t + ")";
        ch.execute("DROP TABLE IF EXISTS otklik.bench_win");
        ch.execute("CREATE TABLE otklik.bench_win (w String, office_code String, region_code String, audience String,"
                + " channel String, touchpoint_id String, employee_id String, survey_id String, question_id String, "
                + java.util.stream.IntStream.rangeClosed(0, 10).mapToObj(k -> "c" + k + " UInt64")
                .collect(Collectors.joining(", ")) + ") ENGINE = MergeTree ORDER BY tuple()");
        ch.execute("DROP TABLE IF EXISTS otklik.bench_rwin");
        ch.execute("CREATE TABLE otklik.bench_rwin (w String, office_code String, region_code String, audience String,"
                + " survey_id String, responses UInt64) ENGINE = MergeTree ORDER BY tuple()");
        for (String[] w : windows) {
            timed("(scratch) window " + w[0], "INSERT INTO otklik.bench_win SELECT '" + w[0] + "', office_code,"
                    + " region_code, audience, channel, touchpoint_id, employee_id, survey_id, question_id, " + counts
                    + " FROM otklik.answers WHERE client_ts >= toDateTime(" + w[1] + ") AND client_ts <= " + asOf
                    + " GROUP BY office_code, region_code, audience, channel, touchpoint_id, employee_id, survey_id, question_id");
            ch.execute("INSERT INTO otklik.bench_rwin SELECT '" + w[0] + "', office_code, region_code, audience,"
                    + " survey_id, count() FROM otklik.responses WHERE client_ts >= toDateTime(" + w[1]
                    + ") AND client_ts <= " + asOf + " GROUP BY office_code, region_code, audience, survey_id");
        }
        List<String[]> scopes = new java.util.ArrayList<>(places);
        scopes.add(new String[] {"channel", "concat(office_code, '/', channel)"});
        scopes.add(new String[] {"touchpoint", "concat(office_code, '/', touchpoint_id)"});
        scopes.add(new String[] {"employee", "if(employee_id = '', '', concat(office_code, '/', employee_id))"});
        String share = "if(nn = 0, nan, pos / nn)";
        String half = "if(nn = 0, nan, 1.96 * sqrt((pos / nn) * (1 - pos / nn) / nn))";
        timed("indicator_window", "INSERT INTO otklik.indicator_window (scope_level, scope_code, audience, window,"
                + " survey_id, question_id, as_of, n, positive, share, low, high, sufficient, " + cs + ", version)"
                + " SELECT lvl, code, aud, w, survey_id, question_id, " + asOf + ", " + nPos + ", " + share + ", greatest(0, "
                + share + " - " + half + "), least(1, " + share + " + " + half + "), toUInt8(nn >= 30), " + cs + ", " + t
                + " FROM (SELECT tupleElement(p, 1) AS lvl, tupleElement(p, 2) AS code, tupleElement(p, 3) AS aud, w, survey_id,"
                + " question_id, " + sums + " FROM otklik.bench_win ARRAY JOIN " + withAudiences(scopes) + " AS p"
                + " WHERE code != '' GROUP BY lvl, code, aud, w, survey_id, question_id)");
        timed("response_window", "INSERT INTO otklik.response_window (scope_level, scope_code, audience, window,"
                + " survey_id, as_of, responses, suppressed_presses, version) SELECT tupleElement(p, 1) AS lvl,"
                + " tupleElement(p, 2) AS code, tupleElement(p, 3) AS aud, w, survey_id, " + asOf + ", sum(responses),"
                + " toUInt64(intDiv(sum(responses), 20) * (survey_id = 'kiosk-quick')), " + t + " FROM otklik.bench_rwin"
                + " ARRAY JOIN " + withAudiences(places) + " AS p"
                + " GROUP BY lvl, code, aud, w, survey_id");
        ch.execute("DROP TABLE otklik.bench_win");
        ch.execute("DROP TABLE otklik.bench_rwin");
        // synthetic: 1% of each count under a fraud flag, every place
        String cleanCs = java.util.stream.IntStream.rangeClosed(0, 10).mapToObj(k -> "c" + k + " - intDiv(c" + k + ", 100)")
                .collect(Collectors.joining(", "));
        String excluded = java.util.stream.IntStream.rangeClosed(0, 10).mapToObj(k -> "intDiv(c" + k + ", 100)")
                .collect(Collectors.joining(" + "));
        timed("indicator_window_clean (synthetic)", "INSERT INTO otklik.indicator_window_clean (scope_level, scope_code,"
                + " audience, window, survey_id, question_id, as_of, n, positive, share, low, high, sufficient, " + cs
                + ", version, excluded) SELECT scope_level, scope_code, audience, window, survey_id, question_id, as_of,"
                + " n - intDiv(n, 100), positive - intDiv(positive, 100), share, low, high, sufficient, " + cleanCs
                + ", version, " + excluded + " FROM otklik.indicator_window WHERE scope_level IN ('office','region','federal')"
                + " AND (" + excluded + ") > 0");
        timed("response_window_clean (synthetic)", "INSERT INTO otklik.response_window_clean (scope_level, scope_code,"
                + " audience, window, survey_id, as_of, responses, suppressed_presses, version, excluded) SELECT"
                + " scope_level, scope_code, audience, window, survey_id, as_of, responses - intDiv(responses, 100),"
                + " suppressed_presses, version, intDiv(responses, 100) FROM otklik.response_window"
                + " WHERE intDiv(responses, 100) > 0");
        timed("scope_watermark", "INSERT INTO otklik.scope_watermark (scope_level, scope_code, as_of, version)"
                + " SELECT DISTINCT scope_level, scope_code, " + asOf + ", " + t + " FROM otklik.response_window");
        List<Office> offices = offices();
        String officeCodes = array(offices.stream().map(Office::code).toList());
        String regionCodes = array(offices.stream().map(Office::regionCode).toList());
        timed("alerts (synthetic)", "INSERT INTO otklik.alerts (alert_id, alert_type, severity, status, region_code,"
                + " office_code, scope_id, started_ts, opened_ts, updated_ts, closed_ts, observed, flagged, baseline,"
                + " alarm_level, statistic, threshold, response_ids, detail, version) SELECT concat('a-', toString(number)),"
                + " arrayElement(['drop_kiosk','drop_forms','shift_share'], 1 + number % 3), if(number % 4 = 0, 'high', 'medium'),"
                + " if(op < " + (t - 30 * 86_400) + ", 'closed', 'open'), arrayElement(" + regionCodes + ", o),"
                + " arrayElement(" + officeCodes + ", o), arrayElement(" + officeCodes + ", o), toDateTime(op - 7200),"
                + " toDateTime(op), toDateTime(op + 600), if(op < " + (t - 30 * 86_400) + ", toDateTime(op + 86400), NULL),"
                + " toUInt64(40 + number % 30), toUInt64(12 + number % 9), 0.8, 0.6, 4.2, 3.0, emptyArrayString(), '', 1"
                + " FROM (SELECT number, 1 + number % " + offices.size() + " AS o, " + (t - 365L * 86_400)
                + " + intDiv(number * " + (365L * 86_400) + ", " + offices.size() * 15 + ") AS op FROM numbers("
                + offices.size() * 15 + "))");
        // synthetic composite index: index + 3 groups per place and quarter (the newest one live), values from a hash
        java.time.LocalDate q = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        q = q.withMonth(((q.getMonthValue() - 1) / 3) * 3 + 1).withDayOfMonth(1);
        List<String[]> placeRows = new java.util.ArrayList<>();
        placeRows.add(new String[] {"federal", "RU", ""});
        directory.regions().keySet().forEach(r -> placeRows.add(new String[] {"region", r, r}));
        offices.forEach(o -> placeRows.add(new String[] {"office", o.code(), o.regionCode()}));
        String[][] components = {{"index", "", "0"}, {"group", "G1", "0.4"}, {"group", "G2", "0.35"}, {"group", "G3", "0.25"}};
        StringBuilder values = new StringBuilder();
        for (int k = 4; k >= 0; k--) {
            java.time.LocalDate start = q.minusMonths(3L * k);
            String period = start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            for (String[] pl : placeRows) {
                for (String[] c : components) {
                    double value = 55 + Math.floorMod((pl[1] + period + c[1]).hashCode(), 400) / 10.0;
                    values.append(values.length() == 0 ? "" : ", ").append("(1, '").append(period).append("', '")
                            .append(start).append("', '").append(pl[0]).append("', '").append(pl[1]).append("', '")
                            .append(pl[2]).append("', '").append(c[0]).append("', '").append(c[1]).append("', '', '', 1, ")
                            .append(value).append(", 'ok', 800, 0, 0, 0, ").append(c[2]).append(", ").append(k == 0 ? 1 : 0)
                            .append(", ").append(t).append(", 1)");
                }
            }
        }
        timed("composite_index (synthetic)", "INSERT INTO otklik.composite_index (methodology_version, period, period_start,"
                + " scope_level, scope_code, region_code, component_level, component, group_code, kind, has_value, value,"
                + " status, n, positive, points, max_points, weight, live, updated_ts, version) VALUES " + values);
        for (String table : List.of("responses", "answers", "indicator_history", "indicator_window",
                "response_window", "indicator_window_clean", "response_window_clean", "scope_watermark", "alerts",
                "composite_index")) {
            System.out.printf("  %-26s %,14d rows%n", table, ch.selectLong("SELECT count() FROM otklik." + table));
        }
    }
}
