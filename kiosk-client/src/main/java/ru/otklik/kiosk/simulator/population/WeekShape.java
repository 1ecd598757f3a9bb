package ru.otklik.kiosk.simulator.population;

import java.time.DayOfWeek;
import java.time.LocalDateTime;

/**
 * How busy an office is by day of week and hour of day, in the office's local time: the one load
 * shape of the simulator ({@code --day-shape} and the {@code normal-month} scenario both read it).
 * Two rows per hour: kiosk visitors (only while the office is open) and online forms (links and QR
 * codes, also in the evening and at weekends). Values are relative intensities; 1.0 is a Monday
 * lunch hour at a kiosk.
 *
 * <p>Assumptions, not pilot data (the pilot's own hour x weekday profile is not in our data):
 * <ul>
 *   <li>offices open Mon–Fri 09:00–18:00 and Sat 10:00–14:00, closed on Sunday (the pilot job
 *       centres' schedule, {@code OpeningHours.PILOT}); kiosks tap only then;</li>
 *   <li>a lunch peak 12–14 h; Monday the busiest weekday (the weekend's backlog), Friday lighter,
 *       Saturday shorter and lighter still;</li>
 *   <li>online forms follow the office day (most are filled in after a visit) plus a low rate in the
 *       evening, at night and at weekends.</li>
 * </ul>
 */
public final class WeekShape {

    /** Weekday factors, Monday first; Saturday and Sunday have rows of their own below. */
    private static final double[] WEEKDAY = {1.25, 1.05, 1.0, 0.95, 0.8};

    private static final double[] KIOSK_WEEKDAY = {
        0, 0, 0, 0, 0, 0, 0, 0,                         // 00-07 closed
        0, 0.55, 0.80, 0.90, 1.00, 1.00, 0.80, 0.70,    // 08-15 (opens 09:00)
        0.60, 0.45, 0, 0, 0, 0, 0, 0,                   // 16-23 (closes 18:00)
    };
    private static final double[] KIOSK_SATURDAY = {
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0.30, 0.40, 0.40, 0.30, 0, 0,             // 10:00-14:00
        0, 0, 0, 0, 0, 0, 0, 0,
    };
    private static final double[] ONLINE_WEEKDAY = {
        0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.03, 0.06,
        0.12, 0.40, 0.60, 0.70, 0.80, 0.80, 0.65, 0.55,
        0.50, 0.40, 0.25, 0.18, 0.15, 0.10, 0.06, 0.03,
    };
    private static final double[] ONLINE_SATURDAY = {
        0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.03,
        0.05, 0.07, 0.18, 0.22, 0.22, 0.18, 0.10, 0.08,
        0.08, 0.08, 0.08, 0.07, 0.07, 0.05, 0.04, 0.03,
    };
    private static final double[] ONLINE_SUNDAY = {
        0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02,
        0.03, 0.04, 0.05, 0.06, 0.06, 0.06, 0.06, 0.06,
        0.06, 0.06, 0.07, 0.07, 0.07, 0.05, 0.04, 0.03,
    };

    private static final WeekShape PILOT = build();

    private final double[][] kiosk;
    private final double[][] online;

    /** Rows Monday..Sunday of 24 hours each: kiosk taps and online forms. */
    public WeekShape(double[][] kiosk, double[][] online) {
        if (kiosk.length != 7 || online.length != 7) {
            throw new IllegalArgumentException("a week shape has 7 days");
        }
        for (int d = 0; d < 7; d++) {
            if (kiosk[d].length != 24 || online[d].length != 24) {
                throw new IllegalArgumentException("a day of a week shape has 24 hours");
            }
        }
        this.kiosk = new double[7][];
        this.online = new double[7][];
        for (int d = 0; d < 7; d++) {
            this.kiosk[d] = kiosk[d].clone();
            this.online[d] = online[d].clone();
        }
    }

    /** The assumed shape of the pilot's job centres (see the class comment). */
    public static WeekShape pilot() {
        return PILOT;
    }

    private static WeekShape build() {
        double[][] kiosk = new double[7][];
        double[][] online = new double[7][];
        for (int d = 0; d < 5; d++) {
            kiosk[d] = scaled(KIOSK_WEEKDAY, WEEKDAY[d]);
            online[d] = scaled(ONLINE_WEEKDAY, WEEKDAY[d]);
        }
        kiosk[5] = KIOSK_SATURDAY.clone();
        online[5] = ONLINE_SATURDAY.clone();
        kiosk[6] = new double[24];
        online[6] = ONLINE_SUNDAY.clone();
        return new WeekShape(kiosk, online);
    }

    private static double[] scaled(double[] hours, double factor) {
        double[] out = new double[hours.length];
        for (int h = 0; h < hours.length; h++) {
            out[h] = hours[h] * factor;
        }
        return out;
    }

    /** Relative rate of kiosk taps at this local time; 0 while the office is closed. */
    public double kiosk(LocalDateTime local) {
        return kiosk(local.getDayOfWeek(), local.getHour());
    }

    public double kiosk(DayOfWeek day, int hour) {
        return kiosk[day.getValue() - 1][hour];
    }

    /** Relative rate of online forms at this local time (never 0: someone fills in a form at night too). */
    public double online(LocalDateTime local) {
        return online(local.getDayOfWeek(), local.getHour());
    }

    public double online(DayOfWeek day, int hour) {
        return online[day.getValue() - 1][hour];
    }

    /** Both together, a kiosk weighing {@code kioskWeight} against one online link. */
    public double mixed(DayOfWeek day, int hour, double kioskWeight, double onlineWeight) {
        return kioskWeight * kiosk(day, hour) + onlineWeight * online(day, hour);
    }

    /** The highest {@link #mixed} value of the week (the peak {@code --day-shape} scales to 1.0). */
    public double peak(double kioskWeight, double onlineWeight) {
        double peak = 0;
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int h = 0; h < 24; h++) {
                peak = Math.max(peak, mixed(day, h, kioskWeight, onlineWeight));
            }
        }
        return peak;
    }
}
