package ru.otklik.streaming.alert.internal;

import java.util.ArrayDeque;
import java.util.List;
import ru.otklik.common.alert.FraudSignal;
import ru.otklik.common.store.AlertRow;

/**
 * One source of one fraud signal in one office: the times of its matching responses within the
 * window and, once the count has reached the threshold, the open flag with the responses it gathers.
 * Mutable; kept in keyed state by {@code FraudClusterSerializer}.
 */
public final class FraudCluster {

    final String office;
    final String region;
    final FraudSignal signal;
    final String source;

    /** Response ids a flag names at most: the latest. */
    public static final int MAX_IDS = 100;

    /** What one matching response was to its source. */
    public enum Outcome {
        /** Counted while the source is watched (no flag yet). */
        WATCHED,
        /** It brought the count to the threshold: the flag opens with the window's responses. */
        OPENED,
        /** The flag is open and the source still at the flag's rate: the response is part of the incident. */
        GATHERED,
        /**
         * The flag is open but the source is back below the threshold within the window: an ordinary response
         * of a busy kiosk or a shared terminal, not named (it would be a false accusation) and not excluded.
         */
        PASSED
    }

    final ArrayDeque<Long> times = new ArrayDeque<>();
    /** While watching: the ids of the responses in the window (aligned with times); once open: the latest involved. */
    final ArrayDeque<String> ids = new ArrayDeque<>();
    long last;
    /** The newest response the open flag gathered: it closes a window after it. */
    long lastGathered;
    String alertId;
    long startedAt;
    long openedAt;
    long involved;
    int peak;

    public FraudCluster(String office, String region, FraudSignal signal, String source) {
        this.office = office;
        this.region = region;
        this.signal = signal;
        this.source = source;
    }

    public FraudSignal signal() {
        return signal;
    }

    /** The source it counts (an address hash, a touchpoint, a duplicate's address/device/vector, or ""). */
    public String source() {
        return source;
    }

    public boolean isOpen() {
        return alertId != null;
    }

    public long last() {
        return last;
    }

    /** The open flag's id, or null while the source is only watched. */
    public String alertId() {
        return alertId;
    }

    /** While watched: the ids of the responses in the window; once open: the latest it gathered. */
    public java.util.Collection<String> ids() {
        return java.util.Collections.unmodifiableCollection(ids);
    }

    /**
     * One matching response at event time {@code at}. Times usually come in order; one that is older than
     * the newest (a late arrival) is counted against the times around its own, as far as they are still
     * kept (a window behind the newest). Once open, a flag gathers a response only while the source's count
     * within the window is still at the threshold: a kiosk that is tapped on as usual after a burst would
     * otherwise keep the flag open, and every honest tap named in it, for the rest of the day.
     */
    public Outcome observe(long at, String responseId, int threshold, long window) {
        last = Math.max(last, at);
        while (!times.isEmpty() && times.peekFirst() <= last - window) {
            times.removeFirst();
        }
        int inWindow;
        Long previous; // the source's matching response just before this one, as far as kept
        if (times.isEmpty() || at >= times.peekLast()) {
            previous = times.peekLast();
            times.addLast(at);
            inWindow = times.size(); // in order (the usual case): every time kept is within the window of this one
        } else { // out of order: keep the times sorted, and count those around its own time
            java.util.List<Long> sorted = new java.util.ArrayList<>(times);
            int i = java.util.Collections.binarySearch(sorted, at);
            int place = i < 0 ? -i - 1 : i;
            previous = place > 0 ? sorted.get(place - 1) : null;
            sorted.add(place, at);
            times.clear();
            times.addAll(sorted);
            inWindow = (int) times.stream().filter(t -> t > at - window && t <= at).count();
        }
        long gap = maximumGap(threshold, window);
        if (isOpen()) {
            boolean insideRun = at >= startedAt && at <= lastGathered; // a late one among the incident's own
            if ((inWindow < threshold && !insideRun) || previous == null || at - previous > gap) {
                return Outcome.PASSED;
            }
            if (ids.size() == MAX_IDS) {
                ids.removeFirst();
            }
            ids.addLast(responseId);
            peak = Math.max(peak, inWindow);
            involved++;
            lastGathered = Math.max(lastGathered, at);
            return Outcome.GATHERED;
        }
        while (ids.size() >= Math.max(1, times.size())) { // while watching: the ids of the times kept
            ids.removeFirst();
        }
        ids.addLast(responseId);
        peak = Math.max(peak, inWindow);
        if (inWindow >= threshold && (signal != FraudSignal.KIOSK_RHYTHM || steady(threshold))) {
            alertId = signal.alertType() + ":" + office + ":" + responseId;
            startedAt = times.stream().filter(t -> t > at - window).findFirst().orElse(at);
            openedAt = at;
            lastGathered = at;
            involved = inWindow;
            peak = inWindow;
            if (at == times.peekLast() && ids.size() == times.size()) { // in order: ids and times align
                startedAt = startOfRun(gap);
                while (ids.size() > involvedSince(startedAt)) {
                    ids.removeFirst();
                }
                involved = ids.size();
            }
            return Outcome.OPENED;
        }
        return Outcome.WATCHED;
    }

    /**
     * The longest pause within an incident: twice the mean spacing of a threshold's worth of responses in one
     * window (a burst of 30 taps in 10 min has them 20 s apart; a tap 3 min after the last is a visitor again).
     * The incident is the dense run: the honest responses a window holds before it, and those that follow it
     * at the source's ordinary pace, are not named.
     */
    static long maximumGap(int threshold, long window) {
        return 2 * window / Math.max(1, threshold);
    }

    /** The first time of the run of kept times, back from the newest, whose gaps are at most {@code gap}. */
    private long startOfRun(long gap) {
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        int k = t.length - 1;
        while (k > 0 && t[k] - t[k - 1] <= gap) {
            k--;
        }
        return t[k];
    }

    private int involvedSince(long start) {
        return (int) times.stream().filter(x -> x >= start).count();
    }

    /**
     * Whether the newest {@code taps} times are a steady rhythm: on average at most
     * {@link FraudSignal#RHYTHM_MAX_MEAN_MILLIS} apart and varying by at most
     * {@link FraudSignal#RHYTHM_MAX_VARIATION} of that (standard deviation over mean). People at a kiosk
     * come irregularly (a queue's taps vary by about their mean, as arrivals do); a finger or a device
     * pressing just slower than the agent's press filter does not.
     */
    boolean steady(int taps) {
        if (times.size() < taps) {
            return false;
        }
        long[] t = times.stream().skip(times.size() - taps).mapToLong(Long::longValue).toArray();
        double sum = 0;
        for (int i = 1; i < t.length; i++) {
            sum += t[i] - t[i - 1];
        }
        double mean = sum / (t.length - 1);
        if (mean <= 0 || mean > FraudSignal.RHYTHM_MAX_MEAN_MILLIS) {
            return false;
        }
        double squares = 0;
        for (int i = 1; i < t.length; i++) {
            double d = t[i] - t[i - 1] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (t.length - 2)) <= FraudSignal.RHYTHM_MAX_VARIATION * mean;
    }

    /**
     * When the source is done with, given no further response: a window after the newest response the open
     * flag gathered (the flag closes), or, while only watched, a window after the newest one (the count is gone).
     */
    public long closesAt(long window) {
        return (isOpen() ? lastGathered : last) + window;
    }

    /** Whether the source is done with as of {@code watermark} (see {@link #closesAt}). */
    public boolean expiredAt(long watermark, long window) {
        return closesAt(window) <= watermark;
    }

    /**
     * The staff pattern clusters before a quota deadline (domain §8): a staff flag that opens in the last this
     * many days of the month (the reporting period of the offices' quotas, in the office's time zone) is
     * critical; {@code days_to_month_end} in its detail says how close it was.
     */
    static final int DEADLINE_DAYS = 5;

    public AlertRow row(int threshold, long window, String status, Long closedAt, long updatedAt, long version) {
        String severity = "warning";
        String deadline = "";
        if (signal == FraudSignal.STAFF_NETWORK) {
            java.time.LocalDate day = java.time.Instant.ofEpochMilli(openedAt)
                    .atZone(ru.otklik.common.office.RegionTimeZone.of(region)).toLocalDate();
            long left = java.time.temporal.ChronoUnit.DAYS.between(day, day.withDayOfMonth(day.lengthOfMonth()));
            deadline = ",\"days_to_month_end\":" + left;
            if (left < DEADLINE_DAYS) {
                severity = "critical";
            }
        }
        String detail = "{\"signal\":\"" + signal.name().toLowerCase(java.util.Locale.ROOT) + "\",\"window_seconds\":"
                + window / 1000 + deadline + "}";
        return new AlertRow(alertId, signal.alertType(), severity, status, region, office, source, startedAt / 1000,
                openedAt / 1000, updatedAt / 1000, closedAt, peak, involved, 0, threshold, peak, threshold,
                List.copyOf(ids), detail, version);
    }
}
