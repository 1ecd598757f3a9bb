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
 * day order. Not thread-safe; one per scope.
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

    /** One observation on local day {@code epochDay}; what it did to the scope's incident. */
    public DropIncident.Change observe(long epochDay, boolean isBad) {
        if (epochDay != today) {
            if (epochDay < today) {
                throw new IllegalArgumentException("observations must come in day order: " + epochDay + " after " + today);
            }
            startDay(epochDay);
        }
        todayObserved++;
        if (isBad) {
            todayBad++;
        }
        if (design == null) {
            return DropIncident.Change.NONE;
        }
        DropIncident.Step step = incident.observe(design, settings.escalateAt(), isBad);
        incident = step.incident();
        incidentToday |= incident.isOpen();
        return step.change();
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
        if (design == null || Math.abs(share - designedShare) >= 0.005
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

    /** The test in force, or null while the baseline is too thin. */
    public BernoulliCusum.Design design() {
        return design;
    }
}
