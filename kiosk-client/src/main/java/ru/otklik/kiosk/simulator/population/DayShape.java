package ru.otklik.kiosk.simulator.population;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Multiplier on the event rate of a real-time run ({@code --day-shape}), read from the one
 * {@link WeekShape}: kiosk taps while offices are open (Mon–Fri 9–18 with a lunch peak, Sat 10–14),
 * online forms also in the evening and at weekends, mixed as the run's kiosks and respondents weigh.
 * The week's peak is 1.0, so {@code --rate} is the peak rate. One time zone for all offices (default
 * Moscow): simple, and good enough for a load shape; {@code normal-month} uses each office's own zone.
 */
public final class DayShape {

    private final ZoneId zone;
    private final WeekShape week;
    private final double kioskWeight;
    private final double onlineWeight;
    private final double peak;

    public DayShape(ZoneId zone, WeekShape week, double kioskWeight, double onlineWeight) {
        this.zone = zone;
        this.week = week;
        this.kioskWeight = kioskWeight;
        this.onlineWeight = onlineWeight;
        this.peak = week.peak(kioskWeight, onlineWeight);
    }

    /** Moscow time, kiosks and online links weighed as in a run with these many of each. */
    public static DayShape moscow(int kiosks, int respondents) {
        return new DayShape(ZoneId.of("Europe/Moscow"), WeekShape.pilot(),
                kiosks * EventGenerator.KIOSK_WEIGHT, respondents);
    }

    /** Moscow time, as many kiosks as online links. */
    public static DayShape moscow() {
        return moscow(1, 1);
    }

    public double multiplier(Instant now) {
        if (peak <= 0) {
            return 1;
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        return week.mixed(local.getDayOfWeek(), local.getHour(), kioskWeight, onlineWeight) / peak;
    }

    public ZoneId zone() {
        return zone;
    }
}
