package ru.otklik.kiosk.simulator.population;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Multiplier on the event rate by hour of day, for long runs: offices open 9–18 with a lunch
 * peak, online forms trickle in at night. The peak is 1.0, so {@code --rate} is the peak rate.
 * One time zone for all offices (default Moscow): simple, and good enough for a load shape.
 */
public record DayShape(ZoneId zone) {

    private static final double[] BY_HOUR = {
        0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.10, // 00-07
        0.30, 0.60, 0.80, 0.90, 1.00, 1.00, 0.85, 0.75, // 08-15
        0.65, 0.50, 0.30, 0.12, 0.08, 0.06, 0.05, 0.04, // 16-23
    };

    public static DayShape moscow() {
        return new DayShape(ZoneId.of("Europe/Moscow"));
    }

    public double multiplier(Instant now) {
        int hour = now.atZone(zone).getHour();
        return BY_HOUR[hour];
    }
}
