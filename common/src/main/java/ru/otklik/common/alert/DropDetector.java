package ru.otklik.common.alert;

/**
 * The statistical drop test of one scope, observation by observation: a trailing baseline of the
 * scope's own bad share per day ({@link DropTestSettings#baselineDays} whole days before today), the
 * Bernoulli CUSUM designed for it ({@link DropTestSettings#designFor}), and the {@link DropIncident}
 * it drives. Days on which an incident was open do not enter the baseline, so a fall that lasts does
 * not become the new normal and quietly close its own incident. The design is renewed at the first
 * observation of a day, when the baseline's bad share has moved by half a point or its traffic by 5 %
 * (designing costs milliseconds; the test hardly changes below that).
 *
 * <p>Days are the caller's (the office's local calendar day, as an epoch day); observations come in
 * day order. Not thread-safe; one per scope. {@link #writeTo}/{@link #readFrom} carry its whole state
 * (a Flink operator keeps it in keyed state), in a versioned format.
 */
public final class DropDetector {

    private final DropTestSettings settings;
    private final long[] dayOf;
    private final long[] observedOn;
    private final long[] badOn;
    /** The day had an incident open: it is not part of the baseline (nor of its traffic per day). */
    private final boolean[] excluded;
    private long today = Long.MIN_VALUE;
    private long todayObserved;
    private long todayBad;
    private boolean incidentToday;
    private BernoulliCusum.Design design;
    private double designedShare = Double.NaN;
    private double designedPerDay = Double.NaN;
    private double designedDispersion = Double.NaN;
    private DropIncident incident = DropIncident.WATCHING;

    public DropDetector(DropTestSettings settings) {
        this.settings = settings;
        this.dayOf = new long[settings.baselineDays()];
        this.observedOn = new long[settings.baselineDays()];
        this.badOn = new long[settings.baselineDays()];
        this.excluded = new boolean[settings.baselineDays()];
        java.util.Arrays.fill(dayOf, Long.MIN_VALUE);
    }

    /**
     * One observation on local day {@code epochDay}; what it did to the scope's incident. Observations
     * come in day order, except late ones (a kiosk's backlog, a job catching up): one of a day before
     * today still steps the test where it stands, and counts in the baseline on its own day, so a late
     * week of history is still a week of days, not one crowded day.
     */
    public DropIncident.Change observe(long epochDay, boolean isBad) {
        if (epochDay > today) {
            startDay(epochDay);
        }
        if (epochDay == today) {
            todayObserved++;
            if (isBad) {
                todayBad++;
            }
        } else {
            countLate(epochDay, isBad);
        }
        if (design == null) {
            return DropIncident.Change.NONE;
        }
        DropIncident.Step step = incident.observe(design, settings.escalateAt(), isBad);
        incident = step.incident();
        incidentToday |= incident.isOpen();
        return step.change();
    }

    /** A past day's observation into the baseline (if that day is still within it). */
    private void countLate(long day, boolean isBad) {
        if (day < today - dayOf.length) {
            return;
        }
        int slot = (int) Math.floorMod(day, (long) dayOf.length);
        if (dayOf[slot] != day) {
            if (dayOf[slot] != Long.MIN_VALUE && dayOf[slot] > day) {
                return; // the slot holds a newer day
            }
            dayOf[slot] = day;
            observedOn[slot] = 0;
            badOn[slot] = 0;
            excluded[slot] = false;
        }
        if (!excluded[slot]) {
            observedOn[slot]++;
            badOn[slot] += isBad ? 1 : 0;
        }
    }

    private void startDay(long day) {
        if (today != Long.MIN_VALUE) {
            int slot = (int) Math.floorMod(today, (long) dayOf.length);
            dayOf[slot] = today;
            excluded[slot] = incidentToday;
            observedOn[slot] = incidentToday ? 0 : todayObserved;
            badOn[slot] = incidentToday ? 0 : todayBad;
        }
        today = day;
        todayObserved = 0;
        todayBad = 0;
        incidentToday = incident.isOpen();
        long observed = 0;
        long bad = 0;
        // traffic per calendar day of the window (closed days count, as they do in a quarter), less the
        // days left out for an incident
        int span = dayOf.length;
        int daysObserved = 0;
        for (int i = 0; i < dayOf.length; i++) {
            boolean inWindow = dayOf[i] != Long.MIN_VALUE && dayOf[i] >= day - dayOf.length && dayOf[i] < day;
            if (inWindow && excluded[i]) {
                span--;
            } else if (inWindow && observedOn[i] > 0) {
                observed += observedOn[i];
                bad += badOn[i];
                daysObserved++;
            }
        }
        if (observed < settings.minimumBaseline() || daysObserved < settings.minimumBaselineDays() || span < 1) {
            if (incident.isOpen() && design != null) {
                return; // a fall longer than the window has left no baseline: judge it by the last one
            }
            design = null;
            designedShare = Double.NaN;
            return;
        }
        double share = bad / (double) observed;
        double perDay = observed / (double) span;
        double dispersion = dispersion(day, share);
        if (design == null || Double.isNaN(designedShare) || Math.abs(share - designedShare) >= 0.005
                || Math.abs(perDay - designedPerDay) >= 0.05 * designedPerDay
                || Math.abs(dispersion - designedDispersion) >= 0.1) {
            BernoulliCusum.Design d = settings.designFor(observed, bad, span);
            design = d == null ? null : d.widened(dispersion);
            designedShare = share;
            designedPerDay = perDay;
            designedDispersion = dispersion;
        }
    }

    /**
     * How much more the baseline's daily bad shares vary than independent observations would (the
     * Pearson dispersion of the days with at least 20 observations; at least 1). Real traffic has
     * good and bad days — a queue, a new rule, one rude visitor at the kiosk twice — and a test that
     * takes every tap as an independent draw raises its false alarms several-fold on such data (the
     * benchmark measured 2 a quarter where 0.5 was designed); its limit is widened by this factor.
     */
    private double dispersion(long day, double share) {
        double chi = 0;
        int k = 0;
        for (int i = 0; i < dayOf.length; i++) {
            boolean inWindow = dayOf[i] != Long.MIN_VALUE && dayOf[i] >= day - dayOf.length && dayOf[i] < day;
            if (inWindow && !excluded[i] && observedOn[i] >= 20) {
                double expected = observedOn[i] * share;
                double variance = expected * (1 - share);
                chi += (badOn[i] - expected) * (badOn[i] - expected) / variance;
                k++;
            }
        }
        return k < 7 || share <= 0 || share >= 1 ? 1 : Math.max(1, chi / (k - 1));
    }

    public DropIncident incident() {
        return incident;
    }

    /** The day of the last observation (epoch day), or {@link Long#MIN_VALUE} before the first. */
    public long today() {
        return today;
    }

    /** The format {@link #writeTo} writes; {@link #readFrom} reads it and every older one. */
    static final int FORMAT = 1;

    /** The settings it runs under. */
    public DropTestSettings settings() {
        return settings;
    }

    /**
     * The same detector under other settings (the configuration changed): the stored days are fitted
     * into a baseline of the new length (the newest kept); the test is redesigned at the next day.
     */
    public DropDetector reconfigured(DropTestSettings other) {
        if (other.equals(settings)) {
            return this;
        }
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            writeTo(new java.io.DataOutputStream(bytes));
            DropDetector d = read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), other);
            d.designedShare = Double.NaN; // force a redesign under the new settings at the next day
            d.designedPerDay = Double.NaN;
            d.designedDispersion = Double.NaN;
            return d;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /** The whole state with its settings, in a versioned format. */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeByte(FORMAT);
        out.writeDouble(settings.shift());
        out.writeInt(settings.baselineDays());
        out.writeInt(settings.minimumBaseline());
        out.writeInt(settings.minimumBaselineDays());
        out.writeDouble(settings.falseAlarmsPerQuarter());
        out.writeDouble(settings.escalateAt());
        int days = 0;
        for (long d : dayOf) {
            days += d == Long.MIN_VALUE ? 0 : 1;
        }
        out.writeInt(days);
        for (int i = 0; i < dayOf.length; i++) {
            if (dayOf[i] != Long.MIN_VALUE) {
                out.writeLong(dayOf[i]);
                out.writeLong(observedOn[i]);
                out.writeLong(badOn[i]);
                out.writeBoolean(excluded[i]);
            }
        }
        out.writeLong(today);
        out.writeLong(todayObserved);
        out.writeLong(todayBad);
        out.writeBoolean(incidentToday);
        out.writeBoolean(design != null);
        if (design != null) {
            out.writeDouble(design.p0());
            out.writeDouble(design.p1());
            out.writeInt(design.up());
            out.writeInt(design.down());
            out.writeInt(design.limit());
            out.writeDouble(design.inControlRunLength());
        }
        out.writeDouble(designedShare);
        out.writeDouble(designedPerDay);
        out.writeDouble(designedDispersion);
        out.writeInt(incident.statistic());
        out.writeByte(incident.phase().ordinal());
        out.writeLong(incident.observed());
        out.writeLong(incident.bad());
    }

    /** A detector as {@link #writeTo} left it, under the settings it was written with. */
    public static DropDetector readFrom(java.io.DataInput in) throws java.io.IOException {
        return read(in, null);
    }

    private static DropDetector read(java.io.DataInput in, DropTestSettings override) throws java.io.IOException {
        int format = in.readUnsignedByte();
        if (format < 1 || format > FORMAT) {
            throw new java.io.IOException("drop detector state of format " + format + "; this version reads 1.." + FORMAT);
        }
        DropTestSettings stored = new DropTestSettings(in.readDouble(), in.readInt(), in.readInt(), in.readInt(),
                in.readDouble(), in.readDouble());
        DropDetector d = new DropDetector(override == null ? stored : override);
        int days = in.readInt();
        for (int k = 0; k < days; k++) {
            long day = in.readLong();
            long observed = in.readLong();
            long bad = in.readLong();
            boolean excluded = in.readBoolean();
            int slot = (int) Math.floorMod(day, (long) d.dayOf.length);
            if (day > d.dayOf[slot] || d.dayOf[slot] == Long.MIN_VALUE) { // a shorter baseline keeps the newest days
                d.dayOf[slot] = day;
                d.observedOn[slot] = observed;
                d.badOn[slot] = bad;
                d.excluded[slot] = excluded;
            }
        }
        d.today = in.readLong();
        d.todayObserved = in.readLong();
        d.todayBad = in.readLong();
        d.incidentToday = in.readBoolean();
        if (in.readBoolean()) {
            d.design = new BernoulliCusum.Design(in.readDouble(), in.readDouble(), in.readInt(), in.readInt(),
                    in.readInt(), in.readDouble());
        }
        d.designedShare = in.readDouble();
        d.designedPerDay = in.readDouble();
        d.designedDispersion = in.readDouble();
        int statistic = in.readInt();
        DropIncident.Phase phase = DropIncident.Phase.values()[in.readUnsignedByte()];
        d.incident = new DropIncident(statistic, phase, in.readLong(), in.readLong());
        return d;
    }

    /** The test in force, or null while the baseline is too thin. */
    public BernoulliCusum.Design design() {
        return design;
    }
}
