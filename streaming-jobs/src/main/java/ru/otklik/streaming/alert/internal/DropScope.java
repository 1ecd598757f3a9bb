package ru.otklik.streaming.alert.internal;

import java.util.ArrayDeque;
import java.util.List;
import ru.otklik.common.alert.BernoulliCusum;
import ru.otklik.common.alert.DropDetector;
import ru.otklik.common.alert.DropIncident;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.common.store.AlertRow;

/**
 * The drop test of one signal of one office with what an alert needs beside the detector: the bad
 * responses of the run that raised the statistic (the latest {@link #MAX_IDS}), when that run began,
 * and the open incident's id and highest evidence. Mutable; kept in keyed state by
 * {@code OfficeDropsSerializer}.
 */
public final class DropScope {

    /** Response ids an alert names at most: the latest bad ones of its run. */
    public static final int MAX_IDS = 100;

    DropDetector detector;
    final ArrayDeque<String> badIds = new ArrayDeque<>();
    /** Event time (ms) of the first observation of the run that raised the statistic; 0 when none. */
    long runStart;
    /** The open incident's id, or null while watching. */
    String alertId;
    long openedAt;
    boolean escalated;
    /** The open incident's highest statistic (lattice units) and the evidence it had then. */
    int peakStatistic;
    long peakObserved;
    long peakBad;

    DropScope(DropDetector detector) {
        this.detector = detector;
    }

    public DropDetector detector() {
        return detector;
    }

    public boolean isOpen() {
        return alertId != null;
    }

    /**
     * One observation at event time {@code at} (ms) on local day {@code day} (a late one of an earlier
     * day steps the test where it stands and counts in the baseline on its own day); the row to write
     * when it opened, escalated or closed the incident, else null.
     */
    AlertRow observe(String office, String region, DropSignal signal, long at, long day, String responseId,
                     boolean bad, long version) {
        DropIncident before = detector.incident();
        DropIncident.Change change = detector.observe(day, bad);
        DropIncident after = detector.incident();
        boolean inRun = after.isOpen() || after.statistic() > 0 || change == DropIncident.Change.CLOSED;
        if (inRun && before.statistic() == 0 && !before.isOpen()) {
            runStart = at; // the statistic left zero: a new run of evidence
            badIds.clear();
        }
        if (inRun && bad) {
            if (badIds.size() == MAX_IDS) {
                badIds.removeFirst();
            }
            badIds.addLast(responseId);
        }
        if (after.isOpen() && after.statistic() >= peakStatistic) {
            peakStatistic = after.statistic();
            peakObserved = after.observed();
            peakBad = after.bad();
        }
        AlertRow row = switch (change) {
            case NONE -> null;
            case OPENED -> {
                alertId = signal.alertType() + ":" + office + ":" + responseId;
                openedAt = at;
                escalated = false;
                yield row(office, region, signal, at, "open", null, version + 1);
            }
            case ESCALATED -> {
                escalated = true;
                yield row(office, region, signal, at, "escalated", null, version + 2);
            }
            case CLOSED -> {
                AlertRow closed = row(office, region, signal, at, "closed", at / 1000, version + 3);
                alertId = null;
                escalated = false;
                peakStatistic = 0;
                peakObserved = 0;
                peakBad = 0;
                yield closed;
            }
        };
        if (!after.isOpen() && after.statistic() == 0) {
            badIds.clear(); // back at zero: the evidence so far is spent
            runStart = 0;
        }
        return row;
    }

    private AlertRow row(String office, String region, DropSignal signal, long at, String status, Long closedAt,
                         long version) {
        BernoulliCusum.Design d = detector.design();
        String detail = "{\"signal\":\"" + signal.name().toLowerCase(java.util.Locale.ROOT)
                + "\",\"in_control_run_length\":" + Math.round(d.inControlRunLength())
                + ",\"lattice\":{\"up\":" + d.up() + ",\"down\":" + d.down() + ",\"limit\":" + d.limit() + "}"
                + ",\"baseline_days\":" + detector.settings().baselineDays() + "}";
        return new AlertRow(alertId, signal.alertType(), escalated ? "critical" : "warning", status, region, office, "",
                (runStart == 0 ? openedAt : runStart) / 1000, openedAt / 1000, at / 1000, closedAt,
                peakObserved, peakBad, d.p0(), d.p1(), d.llr(peakStatistic), d.h(), List.copyOf(badIds), detail, version);
    }
}
