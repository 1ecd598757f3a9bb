package ru.otklik.dashboards;

import static ru.otklik.dashboards.MinuteRows.counts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;

/**
 * Two weeks of Orenburg (ORE, Asia/Yekaterinburg, UTC+5) as the streaming job writes them: hourly history rows of
 * office ORE-01 and region ORE, and response rows for coverage and comments. Week 2025-W10 is Monday 2025-03-03
 * 00:00 local = 2025-03-02T19:00Z to 2025-03-09T19:00Z; the week before (W09) ends where it starts. Rows sit on
 * both sides of that local midnight, so a week cut at UTC midnight would count them wrongly. Inserting twice is
 * harmless: same keys and versions, FINAL keeps one.
 */
final class WeeklyReportData {

    static final String OFFICE = "ORE-01";
    static final String OTHER_OFFICE = "ORE-02";
    static final String REGION = "ORE";
    static final String WEEK = "2025-W10";
    static final String OFFICE_NAME = "ГКУ «ЦЗН города Оренбурга и Оренбургского района»";

    /** Sunday 23:00 local of W09 and Monday 00:00 local of W10, as UTC. */
    static final Instant LAST_HOUR_OF_W09 = Instant.parse("2025-03-02T18:00:00Z");
    static final Instant FIRST_HOUR_OF_W10 = Instant.parse("2025-03-02T19:00:00Z");

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private WeeklyReportData() {
    }

    static void insert() {
        ClickHouseHttp ch = TestStack.shared().clickHouseHttp();
        IndicatorRows rows = new IndicatorRows(ch);
        Instant monday10 = Instant.parse("2025-03-03T05:00:00Z");
        Instant tuesday = Instant.parse("2025-03-04T06:00:00Z");
        // Q1 this week: 40 answers on Monday (seekers 26, employers 14) + 6 in the very first local hour
        rows.history("office", OFFICE, "all", "hour", monday10, "jc-seeker", "Q1", 40, counts(10, 20, 8, 10, 5, 10));
        rows.history("office", OFFICE, "seeker", "hour", monday10, "jc-seeker", "Q1", 26, counts(10, 20, 5, 6));
        rows.history("office", OFFICE, "employer", "hour", monday10, "jc-employer", "Q1", 14, counts(8, 10, 5, 4));
        rows.history("office", OFFICE, "all", "hour", FIRST_HOUR_OF_W10, "jc-seeker", "Q1", 6, counts(9, 4, 3, 2));
        rows.history("office", OFFICE, "seeker", "hour", FIRST_HOUR_OF_W10, "jc-seeker", "Q1", 6, counts(9, 4, 3, 2));
        rows.history("office", OFFICE, "all", "hour", monday10, "jc-seeker", "Q2", 12, counts(10, 12));
        rows.history("office", OFFICE, "all", "hour", tuesday, "jc-seeker", "Q5", 35, counts(9, 30, 4, 5));
        rows.history("office", OFFICE, "all", "hour", tuesday, "jc-seeker", "Q6", 35, counts(3, 20, 8, 15));
        rows.history("office", OFFICE, "all", "hour", tuesday, "jc-seeker", "Q9", 32, counts(8, 20, 6, 12));
        rows.history("office", OFFICE, "all", "hour", tuesday, "jc-seeker", "Q10", 31, counts(10, 31));
        // the week before: Q1 in its last local hour (18:00Z = Sunday 23:00 local)
        rows.history("office", OFFICE, "all", "hour", LAST_HOUR_OF_W09, "jc-seeker", "Q1", 50, counts(10, 25, 2, 25));
        rows.history("office", OFFICE, "all", "hour", Instant.parse("2025-02-26T07:00:00Z"), "jc-seeker", "Q5", 10,
                counts(9, 10));
        // kiosk taps: Monday 40 (30 happy), Wednesday 10, Sunday's last hour 3
        rows.history("office", OFFICE, "all", "hour", Instant.parse("2025-03-03T06:00:00Z"), "kiosk-quick", "K1", 40,
                counts(4, 25, 3, 5, 1, 10));
        rows.history("office", OFFICE, "all", "hour", Instant.parse("2025-03-05T08:00:00Z"), "kiosk-quick", "K1", 10,
                counts(4, 5, 2, 5));
        rows.history("office", OFFICE, "all", "hour", Instant.parse("2025-03-09T18:00:00Z"), "kiosk-quick", "K1", 3,
                counts(3, 3));
        // a day row of the same week must not be added to the hourly ones
        rows.history("office", OFFICE, "all", "day", Instant.parse("2025-03-03T00:00:00Z"), "jc-seeker", "Q1", 99,
                counts(10, 99));
        // the other office, and the region's own rows (n = 20: insufficient)
        rows.history("office", OTHER_OFFICE, "all", "hour", monday10, "jc-seeker", "Q1", 70, counts(1, 70));
        rows.history("region", REGION, "all", "hour", monday10, "jc-seeker", "Q1", 20, counts(10, 12, 3, 8));

        response(ch, "wr-r1", OFFICE, "jc-seeker", "seeker", "2025-03-04T07:00:00Z", "Очень вежливый консультант, спасибо");
        response(ch, "wr-r2", OFFICE, "jc-seeker", "seeker", "2025-03-04T09:00:00Z", "");
        response(ch, "wr-r3", OFFICE, "jc-employer", "employer", "2025-03-06T10:00:00Z",
                "Долго ждали; нужен \"второй\" специалист");
        response(ch, "wr-r4", OFFICE, "kiosk-quick", "visitor", "2025-03-03T06:10:00Z", "");
        response(ch, "wr-r5", OFFICE, "jc-seeker", "seeker", "2025-03-01T09:00:00Z", "Комментарий прошлой недели");
        response(ch, "wr-r6", OTHER_OFFICE, "jc-seeker", "seeker", "2025-03-05T09:00:00Z", "Комментарий другого офиса");
    }

    private static void response(ClickHouseHttp ch, String id, String office, String survey, String audience, String at,
                                 String comment) {
        String ts = TS.format(Instant.parse(at));
        ch.execute("INSERT INTO otklik.responses (response_id, survey_id, survey_version, audience, channel, region_code,"
                + " office_code, client_ts, received_ts, comment, version) VALUES ('" + id + "', '" + survey + "', 1, '"
                + audience + "', 'link', '" + office.substring(0, 3) + "', '" + office + "', '" + ts + "', '" + ts + "', '"
                + comment.replace("\\", "\\\\").replace("'", "\\'") + "', 1)");
    }
}
