package ru.otklik.common.office;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When offices are open, in their local time: per weekday one interval or none. Written as
 * {@code "Mon-Fri 09:00-18:00; Sat 10:00-14:00"} (days not named are closed). The default is the pilot
 * job centres' schedule. The silent-kiosk flag counts only opening time: a kiosk that says nothing at
 * night or on Sunday is not silent.
 */
public final class OpeningHours implements java.io.Serializable {

    public static final String PILOT = "Mon-Fri 09:00-18:00; Sat 10:00-14:00";

    private final Map<DayOfWeek, LocalTime[]> days;
    private final String text;

    private OpeningHours(Map<DayOfWeek, LocalTime[]> days, String text) {
        this.days = days;
        this.text = text;
    }

    public static OpeningHours pilot() {
        return parse(PILOT);
    }

    /** Parses the written form; throws {@link IllegalArgumentException} saying what was expected. */
    public static OpeningHours parse(String text) {
        Map<DayOfWeek, LocalTime[]> days = new EnumMap<>(DayOfWeek.class);
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] dayAndTime = p.split("\\s+");
            if (dayAndTime.length != 2) {
                throw new IllegalArgumentException("must be like \"Mon-Fri 09:00-18:00; Sat 10:00-14:00\"");
            }
            String[] range = dayAndTime[1].split("-");
            LocalTime from;
            LocalTime to;
            try {
                from = LocalTime.parse(range[0]);
                to = LocalTime.parse(range[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("must be like \"Mon-Fri 09:00-18:00\": times as HH:MM-HH:MM");
            }
            if (range.length != 2 || !from.isBefore(to)) {
                throw new IllegalArgumentException("must be like \"Mon-Fri 09:00-18:00\": an opening before its closing");
            }
            String[] dayRange = dayAndTime[0].split("-");
            DayOfWeek first = day(dayRange[0]);
            DayOfWeek last = dayRange.length == 2 ? day(dayRange[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.put(d, new LocalTime[] {from, to});
                if (d == last) {
                    break;
                }
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("must name at least one open day");
        }
        return new OpeningHours(days, text.trim());
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("must name days as Mon, Tue, Wed, Thu, Fri, Sat, Sun; got " + name);
    }

    public boolean isOpen(Instant at, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        LocalTime[] hours = days.get(t.getDayOfWeek());
        return hours != null && !t.toLocalTime().isBefore(hours[0]) && t.toLocalTime().isBefore(hours[1]);
    }

    /**
     * The moment {@code openTime} of opening time has passed after {@code from}: the instant a kiosk
     * last heard of at {@code from} has been silent for that long while the office was open.
     */
    public Instant afterOpenTime(Instant from, Duration openTime, ZoneId zone) {
        Duration left = openTime;
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < 370; i++, day = day.plusDays(1)) {
            LocalTime[] hours = days.get(day.getDayOfWeek());
            if (hours == null) {
                continue;
            }
            Instant open = day.atTime(hours[0]).atZone(zone).toInstant();
            Instant close = day.atTime(hours[1]).atZone(zone).toInstant();
            Instant start = open.isAfter(from) ? open : from;
            if (!start.isBefore(close)) {
                continue;
            }
            Duration available = Duration.between(start, close);
            if (available.compareTo(left) >= 0) {
                return start.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("no opening time within a year: " + text);
    }

    /** The written form, e.g. for logs. */
    @Override
    public String toString() {
        return text;
    }

    /** The open intervals of each day, for documentation and tests. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        days.forEach((d, h) -> out.add(d.name().substring(0, 3).toLowerCase(Locale.ROOT) + " " + h[0] + "-" + h[1]));
        return out;
    }
}
