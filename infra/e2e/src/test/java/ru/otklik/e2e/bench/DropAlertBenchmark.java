package ru.otklik.e2e.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import ru.otklik.common.alert.DropDetector;
import ru.otklik.common.alert.DropIncident;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.alert.FixedDropRule;
import ru.otklik.common.office.OfficeDirectory;

/**
 * Not a test: a program that compares the two drop alerts — the statistical test ({@link DropDetector},
 * a Bernoulli CUSUM against each office's own trailing baseline) and HappyOrNot's fixed rule
 * ({@link FixedDropRule}: ≥ 50 % unhappy in 15 minutes with ≥ 4 responses) — on labelled simulated
 * quarters of the 26 pilot offices, and prints one table: false alarms per office-quarter on normal
 * offices, and on offices whose satisfaction falls by {@code drop} points at a known moment the share
 * found and the delay in opening hours.
 *
 * <p>The simulation (its assumptions are settings): offices open Monday–Friday 9–18 and Saturday
 * 10–14, traffic by hour shaped like the simulator's {@code DayShape}; kiosk taps per open hour drawn
 * per office from 8–25, questionnaire forms {@code forms} per working day (the 2022 pilot: 2,885 forms
 * in 12 days over 26 offices, about 10 a day); each office's usual bad share drawn from 12–30 % (kiosk) and
 * 20–40 % (forms), and every day its own wobble around it (normal, sd {@code wobble}) — real traffic is
 * burstier than independent draws, which is what fixed rules and naive tests trip over. 28 days before
 * each quarter build the baselines; alarms then are not counted. The detectors are the classes the
 * job runs; only their input is simulated here.
 *
 * <p>Settings (system properties): {@code quarters} (10), {@code declining} (offices per quarter whose
 * satisfaction falls, 6), {@code drop} (points, 20), {@code wobble} (0.03), {@code forms} (10), {@code seed} (1).
 */
public final class DropAlertBenchmark {

    private static final int QUARTER_DAYS = 91;
    private static final int PREHISTORY_DAYS = 28;
    /** Relative traffic per hour of the day (the simulator's shape). */
    private static final double[] BY_HOUR = {
        0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.10,
        0.30, 0.60, 0.80, 0.90, 1.00, 1.00, 0.85, 0.75,
        0.65, 0.50, 0.30, 0.12, 0.08, 0.06, 0.05, 0.04,
    };

    /** The sum of {@link #BY_HOUR} over a weekday's opening hours: a peak-hour rate times this is a day. */
    private static final double WEEKDAY_SHAPE = Arrays.stream(BY_HOUR, 9, 18).sum();

    /** One detector's tally over all simulated office-quarters. */
    private static final class Tally {
        final String name;
        long normalOfficeQuarters;
        long falseAlarms;
        long decliningOffices;
        long found;
        final List<Double> delaysHours = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }
    }

    /** A detector fed one office's observations in time order. */
    private interface Detector {
        DropIncident.Change observe(long second, boolean bad);
    }

    public static void main(String[] args) {
        int quarters = Integer.getInteger("quarters", 10);
        int decliningPerQuarter = Integer.getInteger("declining", 6);
        double drop = Integer.getInteger("drop", 20) / 100.0;
        double wobble = Double.parseDouble(System.getProperty("wobble", "0.03"));
        double formsPerDay = Double.parseDouble(System.getProperty("forms", "10"));
        long seed = Long.getLong("seed", 1);
        int offices = OfficeDirectory.pilot().offices().size();
        System.out.printf("drop alert benchmark: %d simulated quarters × %d offices (%d falling by %.0f points per"
                + " quarter), daily wobble sd %.2f, %.0f forms per working day%n", quarters, offices,
                decliningPerQuarter, drop * 100, wobble, formsPerDay);
        long started = System.nanoTime();
        Tally[] kiosk = {new Tally("CUSUM vs own baseline"), new Tally("fixed rule (HappyOrNot)")};
        Tally[] forms = {new Tally("CUSUM vs own baseline"), new Tally("fixed rule (HappyOrNot)")};
        long observations = 0;
        Random random = new Random(seed);
        for (int q = 0; q < quarters; q++) {
            List<Integer> order = new ArrayList<>();
            for (int o = 0; o < offices; o++) {
                order.add(o);
            }
            java.util.Collections.shuffle(order, random);
            for (int o = 0; o < offices; o++) {
                boolean declining = order.indexOf(o) < decliningPerQuarter;
                // the fall starts at a random opening hour between day 30 and day 70 of the quarter
                long dropAt = declining ? dropStart(random) : Long.MAX_VALUE;
                double kioskPerHour = 8 + random.nextDouble() * 17;
                observations += office(random, kiosk, kioskPerHour, 0.12 + random.nextDouble() * 0.18, wobble,
                        declining, dropAt, drop);
                observations += office(random, forms, formsPerDay / WEEKDAY_SHAPE, 0.20 + random.nextDouble() * 0.20, wobble,
                        declining, dropAt, drop);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%,d observations in %.1f s%n%n", observations, seconds);
        System.out.println("| input | detector | false alarms per normal office-quarter | falls found | median delay"
                + " (opening hours) | found within one working day (9 h) |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        print("kiosk taps", kiosk);
        print("questionnaire forms", forms);
    }

    private static void print(String input, Tally[] tallies) {
        for (Tally t : tallies) {
            double[] d = t.delaysHours.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long withinDay = Arrays.stream(d).filter(x -> x <= 9).count();
            System.out.printf("| %s | %s | %.2f | %d of %d | %s | %d of %d |%n", input, t.name,
                    t.falseAlarms / (double) Math.max(1, t.normalOfficeQuarters), t.found, t.decliningOffices,
                    d.length == 0 ? "—" : String.format("%.1f", d[d.length / 2]), withinDay, t.decliningOffices);
        }
    }

    /** Simulates one office's quarter (after its prehistory) through both detectors; returns the observations. */
    private static long office(Random random, Tally[] tallies, double perPeakHour, double usualBad, double wobble,
                               boolean declining, long dropAt, double drop) {
        DropDetector cusum = new DropDetector(DropTestSettings.DEFAULTS);
        FixedDropRule fixed = FixedDropRule.happyOrNotDefault();
        Detector[] detectors = {(s, bad) -> cusum.observe(Math.floorDiv(s, 86_400), bad), fixed::observe};
        long[] falseAlarms = new long[2];
        long[] foundAt = {-1, -1};
        long n = 0;
        for (int day = -PREHISTORY_DAYS; day < QUARTER_DAYS; day++) {
            int weekday = Math.floorMod(day, 7); // day 0 is a Monday
            if (weekday == 6) {
                continue; // Sunday: closed
            }
            double dayBad = Math.min(0.95, Math.max(0.01, usualBad + random.nextGaussian() * wobble));
            int open = weekday == 5 ? 10 : 9;
            int close = weekday == 5 ? 14 : 18;
            for (int hour = open; hour < close; hour++) {
                double mean = perPeakHour * BY_HOUR[hour] * (weekday == 5 ? 0.4 : 1.0);
                int count = poisson(random, mean);
                long[] times = new long[count];
                for (int i = 0; i < count; i++) {
                    times[i] = (day + PREHISTORY_DAYS) * 86_400L + hour * 3_600L + random.nextInt(3_600);
                }
                Arrays.sort(times);
                for (long t : times) {
                    long quarterSecond = t - PREHISTORY_DAYS * 86_400L;
                    boolean fallen = declining && quarterSecond >= dropAt;
                    boolean bad = random.nextDouble() < Math.min(0.99, dayBad + (fallen ? drop : 0));
                    n++;
                    for (int k = 0; k < detectors.length; k++) {
                        DropIncident.Change c = detectors[k].observe(t, bad);
                        if (c != DropIncident.Change.OPENED || day < 0) {
                            continue; // prehistory: the baseline is being built
                        }
                        if (fallen) {
                            if (foundAt[k] < 0) {
                                foundAt[k] = quarterSecond;
                            }
                        } else {
                            falseAlarms[k]++;
                        }
                    }
                }
            }
        }
        for (int k = 0; k < tallies.length; k++) {
            Tally t = tallies[k];
            if (declining) {
                t.decliningOffices++;
                if (foundAt[k] >= 0) {
                    t.found++;
                    t.delaysHours.add(openingHoursBetween(dropAt, foundAt[k]));
                }
            } else {
                t.normalOfficeQuarters++;
                t.falseAlarms += falseAlarms[k];
            }
        }
        return n;
    }

    /** A random opening hour (start of it) between day 30 and day 70, in seconds of the quarter. */
    private static long dropStart(Random random) {
        while (true) {
            int day = 30 + random.nextInt(40);
            int weekday = Math.floorMod(day, 7);
            if (weekday < 5) {
                return day * 86_400L + (9 + random.nextInt(9)) * 3_600L;
            }
        }
    }

    /** Opening hours (Mon–Fri 9–18, Sat 10–14) between two moments of the quarter. */
    static double openingHoursBetween(long from, long to) {
        double hours = 0;
        for (long t = from; t < to; t += 60) {
            long day = Math.floorDiv(t, 86_400);
            int weekday = (int) Math.floorMod(day, 7);
            int hour = (int) (Math.floorMod(t, 86_400) / 3_600);
            boolean open = weekday < 5 ? hour >= 9 && hour < 18 : weekday == 5 && hour >= 10 && hour < 14;
            if (open) {
                hours += 1 / 60.0;
            }
        }
        return hours;
    }

    private static int poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
