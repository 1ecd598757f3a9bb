package ru.otklik.dashboards.report;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO week, {@code 2026-W48}: Monday to Sunday. The report's week is the week of the place's region time zone,
 * so its span in UTC is {@link #start(ZoneId)} to {@link #end(ZoneId)}; the zones are whole hours, so the span is
 * a whole number of the UTC hours {@code indicator_history} keeps.
 */
public record IsoWeek(int year, int week) {

    private static final Pattern CODE = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        if (week < 1 || week > weeksIn(year)) {
            throw new IllegalArgumentException("no week " + week + " in " + year);
        }
    }

    /** Empty for anything that is not an existing week like {@code 2026-W48}. */
    public static Optional<IsoWeek> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(code.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        return year < 2000 || week < 1 || week > weeksIn(year) ? Optional.empty() : Optional.of(new IsoWeek(year, week));
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The last week that has ended in {@code zone}: on a Monday, the week that ended at midnight. */
    public static IsoWeek lastFull(Clock clock, ZoneId zone) {
        return of(LocalDate.now(clock.withZone(zone))).previous();
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public IsoWeek previous() {
        return of(monday().minusDays(7));
    }

    public Instant start(ZoneId zone) {
        return monday().atStartOfDay(zone).toInstant();
    }

    public Instant end(ZoneId zone) {
        return monday().plus(1, ChronoUnit.WEEKS).atStartOfDay(zone).toInstant();
    }

    public String code() {
        return String.format("%04d-W%02d", year, week);
    }

    private static int weeksIn(int year) {
        return (int) LocalDate.of(year, 12, 28).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    }

    @Override
    public String toString() {
        return code();
    }
}
