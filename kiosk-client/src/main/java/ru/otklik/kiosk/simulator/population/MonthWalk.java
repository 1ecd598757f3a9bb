package ru.otklik.kiosk.simulator.population;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.RegionTimeZone;

/**
 * The simulated clock of the {@code normal-month} scenario: it walks from {@code start} (now − 30
 * days) to {@code end} (now), and the events of each simulated hour are as many as the
 * {@link WeekShape} gives for each client's office in its local time ({@link RegionTimeZone}):
 * kiosk taps only while offices are open, online forms around the clock at their lower rate.
 *
 * <p>The walk is a non-homogeneous process over hour segments (boundaries on whole UTC hours; every
 * pilot zone is a whole number of hours from UTC, so a segment is one local hour everywhere):
 * <ul>
 *   <li>a timed run maps its progress p in [0, 1] to the time where the cumulative intensity of all
 *       clients reaches p of the month's total ({@link #next(double)}); the event is a tap or a form
 *       in proportion to the two intensities of that hour;</li>
 *   <li>a counted run ({@link #counted}) places its j-th of n taps at the quantile (j + u)/n of the
 *       taps' cumulative intensity (u uniform in [0, 1)), likewise the forms, and merges the two by
 *       time ({@link #next()}): exactly n taps and m forms, spread over the month by the shape.</li>
 * </ul>
 * Either way the times never go back, so the pipeline's watermarks advance with the walk; within
 * an hour the client is drawn by its office's weight at that hour. Not thread-safe: the generating
 * thread calls it.
 */
public final class MonthWalk {

    /** Where the walk is: a time and the hour segment it lies in. */
    public record Slot(EventGenerator.Kind kind, Instant at, int segment) {
    }

    private final Instant start;
    private final Instant end;
    private final long[] bounds;
    private final double[] tapCum;
    private final double[] formCum;
    private final List<Group<VirtualKiosk>> kioskZones;
    private final List<Group<OnlineRespondent>> respondentZones;
    /** Per segment, per zone group: the weight of one client there at that hour. */
    private final double[][] kioskWeight;
    private final double[][] respondentWeight;
    private final RandomGenerator rng;

    private long tapsWanted;
    private long formsWanted;
    private long tapsPlaced;
    private long formsPlaced;
    private Slot nextTap;
    private Slot nextForm;
    private Instant last;

    private record Group<T>(ZoneId zone, List<T> members) {
    }

    public MonthWalk(List<VirtualKiosk> kiosks, List<OnlineRespondent> respondents, WeekShape shape,
                     Instant start, Instant end, long seed) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a month walk needs start before end");
        }
        this.start = start;
        this.end = end;
        this.rng = new SplittableRandom(seed ^ 0x40A7L);
        this.kioskZones = groups(kiosks, VirtualKiosk::office);
        this.respondentZones = groups(respondents, OnlineRespondent::office);

        List<Long> b = new ArrayList<>();
        b.add(start.toEpochMilli());
        for (Instant t = start.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)); t.isBefore(end);
             t = t.plus(Duration.ofHours(1))) {
            b.add(t.toEpochMilli());
        }
        b.add(end.toEpochMilli());
        int segments = b.size() - 1;
        bounds = b.stream().mapToLong(Long::longValue).toArray();
        tapCum = new double[segments + 1];
        formCum = new double[segments + 1];
        kioskWeight = new double[segments][kioskZones.size()];
        respondentWeight = new double[segments][respondentZones.size()];
        for (int i = 0; i < segments; i++) {
            Instant mid = Instant.ofEpochMilli((bounds[i] + bounds[i + 1]) / 2);
            double hours = (bounds[i + 1] - bounds[i]) / 3_600_000.0;
            double taps = 0;
            for (int z = 0; z < kioskZones.size(); z++) {
                Group<VirtualKiosk> g = kioskZones.get(z);
                kioskWeight[i][z] = EventGenerator.KIOSK_WEIGHT * shape.kiosk(LocalDateTime.ofInstant(mid, g.zone()));
                taps += kioskWeight[i][z] * g.members().size();
            }
            double forms = 0;
            for (int z = 0; z < respondentZones.size(); z++) {
                Group<OnlineRespondent> g = respondentZones.get(z);
                respondentWeight[i][z] = shape.online(LocalDateTime.ofInstant(mid, g.zone()));
                forms += respondentWeight[i][z] * g.members().size();
            }
            tapCum[i + 1] = tapCum[i] + taps * hours;
            formCum[i + 1] = formCum[i] + forms * hours;
        }
        if (tapCum[segments] + formCum[segments] <= 0) {
            throw new IllegalArgumentException("no kiosks and no respondents: nothing to walk a month with");
        }
    }

    /** A walk over the {@code span} before {@code now}. */
    public static MonthWalk before(Instant now, Duration span, List<VirtualKiosk> kiosks,
                                   List<OnlineRespondent> respondents, long seed) {
        return new MonthWalk(kiosks, respondents, WeekShape.pilot(), now.minus(span), now, seed);
    }

    /** Makes this a counted walk: exactly {@code taps} taps and {@code forms} forms, merged by time. */
    public MonthWalk counted(long forms, long taps) {
        if ((taps > 0 && tapCum[tapCum.length - 1] <= 0) || (forms > 0 && formCum[formCum.length - 1] <= 0)) {
            throw new IllegalArgumentException("taps or forms wanted but no client of that kind");
        }
        this.formsWanted = forms;
        this.tapsWanted = taps;
        this.tapsPlaced = 0;
        this.formsPlaced = 0;
        this.nextTap = taps > 0 ? quantile(EventGenerator.Kind.TAP, 0, taps) : null;
        this.nextForm = forms > 0 ? quantile(EventGenerator.Kind.FORM, 0, forms) : null;
        return this;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** Counted walk: the next event in time order, or null when every tap and form is placed. */
    public Slot next() {
        Slot slot;
        if (nextTap == null && nextForm == null) {
            return null;
        }
        if (nextForm == null || (nextTap != null && !nextTap.at().isAfter(nextForm.at()))) {
            slot = nextTap;
            tapsPlaced++;
            nextTap = tapsPlaced < tapsWanted ? quantile(EventGenerator.Kind.TAP, tapsPlaced, tapsWanted) : null;
        } else {
            slot = nextForm;
            formsPlaced++;
            nextForm = formsPlaced < formsWanted ? quantile(EventGenerator.Kind.FORM, formsPlaced, formsWanted) : null;
        }
        return slot;
    }

    /** Timed walk: the event at run position {@code progress}, a tap or a form as that hour's mix has it. */
    public Slot next(double progress) {
        double total = tapCum[tapCum.length - 1] + formCum[formCum.length - 1];
        double x = Math.max(0, Math.min(1, progress)) * total;
        int i = segment(x, tapCum, formCum);
        Instant at = within(i, x - tapCum[i] - formCum[i], tapCum[i + 1] - tapCum[i] + formCum[i + 1] - formCum[i]);
        if (last != null && at.isBefore(last)) {
            at = last; // progress never goes back; rounding must not either
        }
        last = at;
        double taps = tapCum[i + 1] - tapCum[i];
        double forms = formCum[i + 1] - formCum[i];
        EventGenerator.Kind kind = rng.nextDouble() * (taps + forms) < taps ? EventGenerator.Kind.TAP
                : EventGenerator.Kind.FORM;
        return new Slot(kind, at, i);
    }

    /** The kiosk a visitor taps in this slot: by its office's weight at that local hour. */
    public VirtualKiosk kiosk(Slot slot) {
        return pick(kioskZones, kioskWeight[slot.segment()]);
    }

    /** The link a form comes through in this slot. */
    public OnlineRespondent respondent(Slot slot) {
        return pick(respondentZones, respondentWeight[slot.segment()]);
    }

    /** The event of a slot, stamped with the slot's simulated time. */
    public EventGenerator.Event event(EventGenerator generator, Slot slot, double progress) {
        return slot.kind() == EventGenerator.Kind.TAP
                ? generator.tapOn(kiosk(slot), slot.at(), progress)
                : generator.formBy(respondent(slot), slot.at(), progress);
    }

    private Slot quantile(EventGenerator.Kind kind, long j, long n) {
        double[] cum = kind == EventGenerator.Kind.TAP ? tapCum : formCum;
        double x = (j + rng.nextDouble()) / n * cum[cum.length - 1];
        int i = segment(x, cum);
        return new Slot(kind, within(i, x - cum[i], cum[i + 1] - cum[i]), i);
    }

    /** The first segment where the summed cumulative intensities pass x (so empty hours are never chosen). */
    private static int segment(double x, double[]... cums) {
        int segments = cums[0].length - 1;
        if (x >= cum(segments, cums)) {
            int last = segments - 1;
            while (last > 0 && cum(last + 1, cums) - cum(last, cums) <= 0) {
                last--;
            }
            return last;
        }
        int lo = 0;
        int hi = segments - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum(mid + 1, cums) > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double cum(int i, double[]... cums) {
        double sum = 0;
        for (double[] c : cums) {
            sum += c[i];
        }
        return sum;
    }

    /** The time {@code into} of {@code weight} into segment i (linear: the intensity is flat within it). */
    private Instant within(int i, double into, double weight) {
        double f = weight <= 0 ? 0 : Math.max(0, Math.min(1, into / weight));
        long ms = bounds[i] + (long) Math.floor(f * (bounds[i + 1] - bounds[i]));
        return Instant.ofEpochMilli(Math.min(ms, bounds[i + 1] - 1));
    }

    private <T> T pick(List<Group<T>> groups, double[] weights) {
        double total = 0;
        for (int z = 0; z < groups.size(); z++) {
            total += weights[z] * groups.get(z).members().size();
        }
        if (total <= 0) {
            throw new IllegalStateException("no client of this kind is active at that hour");
        }
        double x = rng.nextDouble() * total;
        int lastActive = -1;
        for (int z = 0; z < groups.size(); z++) {
            List<T> members = groups.get(z).members();
            double w = weights[z] * members.size();
            if (w <= 0) {
                continue;
            }
            if (x < w) {
                return members.get(Math.min(members.size() - 1, (int) (x / weights[z])));
            }
            x -= w;
            lastActive = z;
        }
        List<T> members = groups.get(lastActive).members(); // rounding at the very top
        return members.get(members.size() - 1);
    }

    private static <T> List<Group<T>> groups(List<T> clients, Function<T, Office> office) {
        Map<ZoneId, List<T>> byZone = new LinkedHashMap<>();
        for (T c : clients) {
            byZone.computeIfAbsent(RegionTimeZone.of(office.apply(c).regionCode()), z -> new ArrayList<>()).add(c);
        }
        List<Group<T>> groups = new ArrayList<>();
        byZone.forEach((zone, members) -> groups.add(new Group<>(zone, List.copyOf(members))));
        return groups;
    }
}
