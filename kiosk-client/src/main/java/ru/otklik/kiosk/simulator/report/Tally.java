package ru.otklik.kiosk.simulator.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import ru.otklik.common.office.Office;
import ru.otklik.kiosk.simulator.report.SimulationSummary.Counts;
import ru.otklik.kiosk.simulator.send.Delivery;

/**
 * Live counters of a run, updated from the generator and from HTTP completion threads; each
 * office's counters are guarded by that office's monitor (a few thousand updates per second).
 */
public final class Tally {

    /** The first problems seen, kept for the report; more are only counted. */
    static final int MAX_PROBLEMS = 20;

    private final Map<String, OfficeTally> offices = new LinkedHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong problemCount = new AtomicLong();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    public Tally(List<Office> offices) {
        offices.forEach(o -> this.offices.put(o.code(), new OfficeTally(o)));
    }

    public void formSent(String officeCode, String audience, String surveyId) {
        sent.incrementAndGet();
        office(officeCode).formSent(audience, surveyId);
    }

    public void formDone(String officeCode, String audience, String surveyId, boolean fake, Delivery d) {
        count(d);
        office(officeCode).formDone(audience, surveyId, fake, d);
    }

    public void tapsSent(String officeCode, int taps, long suppressedPresses) {
        sent.addAndGet(taps);
        batches.incrementAndGet();
        office(officeCode).tapsSent(taps, suppressedPresses);
    }

    public void tapsDone(String officeCode, Delivery d) {
        count(d);
        office(officeCode).tapsDone(d);
    }

    public void retry(String officeCode) {
        retries.incrementAndGet();
        office(officeCode).retry();
    }

    private void count(Delivery d) {
        accepted.addAndGet(d.accepted());
        rejected.addAndGet(d.rejected());
        failed.addAndGet(d.failed());
        if (d.problem() != null) {
            problemCount.incrementAndGet();
            synchronized (problems) {
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add(d.problem());
                }
            }
        }
    }

    private OfficeTally office(String code) {
        OfficeTally t = offices.get(code);
        if (t == null) {
            throw new IllegalArgumentException("unknown office " + code);
        }
        return t;
    }

    public Live live() {
        return new Live(sent.get(), accepted.get(), rejected.get(), failed.get(), retries.get());
    }

    /** The headline numbers for the progress bar. */
    public record Live(long sent, long accepted, long rejected, long failed, long retries) {
        public long done() {
            return accepted + rejected + failed;
        }
    }

    public long problemCount() {
        return problemCount.get();
    }

    public List<String> problems() {
        synchronized (problems) {
            List<String> list = new ArrayList<>(problems);
            long more = problemCount.get() - list.size();
            if (more > 0) {
                list.add("… and " + more + " more");
            }
            return list;
        }
    }

    public List<SimulationSummary.OfficeSummary> offices(Map<String, Double> quality) {
        List<SimulationSummary.OfficeSummary> list = new ArrayList<>();
        for (OfficeTally t : offices.values()) {
            list.add(t.summary(quality.getOrDefault(t.office.code(), 0.0)));
        }
        return list;
    }

    public long batches() {
        return batches.get();
    }

    private static final class OfficeTally {
        private final Office office;
        private final Map<String, long[]> byAudience = new TreeMap<>();
        private final Map<String, long[]> bySurvey = new TreeMap<>();
        private final long[] forms = new long[4];
        private final long[] taps = new long[4];
        private long fake;
        private long suppressed;
        private long retries;

        OfficeTally(Office office) {
            this.office = office;
        }

        synchronized void formSent(String audience, String surveyId) {
            forms[0]++;
            byAudience.computeIfAbsent(audience, k -> new long[4])[0]++;
            bySurvey.computeIfAbsent(surveyId, k -> new long[4])[0]++;
        }

        synchronized void formDone(String audience, String surveyId, boolean isFake, Delivery d) {
            for (long[] c : List.of(forms, byAudience.computeIfAbsent(audience, k -> new long[4]),
                    bySurvey.computeIfAbsent(surveyId, k -> new long[4]))) {
                add(c, d);
            }
            if (isFake) {
                fake++;
            }
        }

        synchronized void tapsSent(int n, long suppressedPresses) {
            taps[0] += n;
            suppressed += suppressedPresses;
        }

        synchronized void tapsDone(Delivery d) {
            add(taps, d);
        }

        synchronized void retry() {
            retries++;
        }

        private static void add(long[] c, Delivery d) {
            c[1] += d.accepted();
            c[2] += d.rejected();
            c[3] += d.failed();
        }

        synchronized SimulationSummary.OfficeSummary summary(double quality) {
            return new SimulationSummary.OfficeSummary(office.regionCode(), office.code(), quality,
                    counts(byAudience), counts(bySurvey), counts(forms), counts(taps), fake, suppressed, retries);
        }

        private static Map<String, Counts> counts(Map<String, long[]> map) {
            Map<String, Counts> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(k, counts(v)));
            return out;
        }

        private static Counts counts(long[] c) {
            return new Counts(c[0], c[1], c[2], c[3]);
        }
    }
}
