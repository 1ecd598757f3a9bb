package ru.otklik.dashboards.clickhouse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import ru.otklik.common.indicator.RollingWindow;

/**
 * The period of the same length just before a window, in whole history buckets (issue 14 §3): for a sliding window
 * of size S as of {@code asOf}, {@code [asOf − 2S, asOf − S)} with its edges on whole hours (windows up to 7 days,
 * hourly history) or whole days (longer, daily history); for the quarter, the calendar quarter before.
 */
public record PreviousSpan(Instant from, Instant to, Granularity granularity) {

    public static PreviousSpan before(TimeWindow window, Instant asOf) {
        RollingWindow stored = RollingWindow.fromCode(window.code());
        if (stored.isCalendar()) {
            long start = RollingWindow.quarterStart(asOf.getEpochSecond());
            return new PreviousSpan(Instant.ofEpochSecond(RollingWindow.quarterStart(start - 1)),
                    Instant.ofEpochSecond(start), Granularity.DAY);
        }
        Duration size = stored.size();
        boolean hourly = size.compareTo(Duration.ofDays(7)) <= 0;
        Instant to = asOf.minus(size).truncatedTo(hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        return new PreviousSpan(to.minus(size), to, hourly ? Granularity.HOUR : Granularity.DAY);
    }
}
