package ru.otklik.dashboards.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import ru.otklik.common.config.Settings;

/**
 * When the weekly report is e-mailed to its subscribers (issue 14 §5): on {@code day} of the week after the reported
 * one at {@code time}, both in the place's region time zone (Monday 08:00 in Vladivostok is Sunday 22:00 UTC).
 * The schedule looks every {@code checkInterval} for reports that are due.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>report.weekly.day</td><td>OTKLIK_REPORT_DAY</td><td>monday (monday … sunday of the following week)</td></tr>
 * <tr><td>report.weekly.time</td><td>OTKLIK_REPORT_TIME</td><td>08:00 (HH:mm, local time of the place's region)</td></tr>
 * <tr><td>report.schedule.interval</td><td>OTKLIK_REPORT_SCHEDULE_INTERVAL</td><td>PT5M (PT10S … PT24H)</td></tr>
 * </table>
 */
public record ReportSettings(DayOfWeek day, LocalTime time, Duration checkInterval) {

    public ReportSettings {
        if (day == null || time == null || checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("a weekly report needs a day, a time and a positive check interval");
        }
    }

    public static ReportSettings defaults() {
        return new ReportSettings(DayOfWeek.MONDAY, LocalTime.of(8, 0), Duration.ofMinutes(5));
    }

    public static ReportSettings from(Settings s) {
        return new ReportSettings(
                s.choice("report.weekly.day", "OTKLIK_REPORT_DAY", DayOfWeek.MONDAY, DayOfWeek.class),
                s.get("report.weekly.time", "OTKLIK_REPORT_TIME", "08:00", text -> {
                    if (text == null || !text.strip().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
                        throw new IllegalArgumentException("must be a time of day HH:mm like 08:00");
                    }
                    return LocalTime.parse(text.strip());
                }),
                s.duration("report.schedule.interval", "OTKLIK_REPORT_SCHEDULE_INTERVAL", "PT5M", Duration.ofSeconds(10),
                        Duration.ofHours(24)));
    }

    /** When the report of {@code week} is due: {@code day} of the following week at {@code time}, local time. */
    public java.time.Instant dueAt(IsoWeek week, java.time.ZoneId zone) {
        return week.monday().plusWeeks(1).with(java.time.temporal.TemporalAdjusters.nextOrSame(day)).atTime(time)
                .atZone(zone).toInstant();
    }
}
