package ru.otklik.dashboards;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;
import ru.otklik.infra.local.ClickHouseHttp;

/**
 * Inserts {@code response_minute} rows the way the streaming job does (test data only; the dashboards no longer
 * read them: tests write them to show they are not summed), and the clock and score helpers of the fixtures.
 */
public record MinuteRows(ClickHouseHttp ch) {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The start of the minute {@code minutesAgo} before now (UTC, as the server stores DateTime). */
    public static Instant minutesAgo(long minutes) {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(minutes, ChronoUnit.MINUTES);
    }

    public void responses(String office, String survey, String audience, String channel, Instant bucket, long responses,
                          long suppressed, long version) {
        String region = office.substring(0, office.indexOf('-'));
        ch.execute("INSERT INTO otklik.response_minute (region_code, office_code, survey_id, audience, channel,"
                + " bucket_start, responses, suppressed_presses, version) VALUES ('" + region + "', '" + office + "', '"
                + survey + "', '" + audience + "', '" + channel + "', '" + TS.format(bucket) + "', " + responses + ", "
                + suppressed + ", " + version + ")");
    }

    /** Scores as counts: {@code counts(8, 5, 10, 3)} = five 8s and three 10s. */
    public static long[] counts(long... scoreAndCount) {
        long[] c = new long[11];
        for (int i = 0; i < scoreAndCount.length; i += 2) {
            c[(int) scoreAndCount[i]] += scoreAndCount[i + 1];
        }
        return c;
    }
}
