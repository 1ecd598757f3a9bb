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

    final ArrayDeque<Long> times = new ArrayDeque<>();
    /** While watching: the ids of the responses in the window (aligned with times); once open: the latest involved. */
    final ArrayDeque<String> ids = new ArrayDeque<>();
    long last;
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
     * One matching response at event time {@code at}; true when it opened the flag. Times usually come
     * in order; one that is older than the newest (a late arrival) is counted against the times around
     * its own, as far as they are still kept (a window behind the newest).
     */
    public boolean observe(long at, String responseId, int threshold, long window) {
        last = Math.max(last, at);
        while (!times.isEmpty() && times.peekFirst() <= last - window) {
            times.removeFirst();
        }
        int inWindow;
        if (times.isEmpty() || at >= times.peekLast()) {
            times.addLast(at);
            inWindow = times.size(); // in order (the usual case): every time kept is within the window of this one
        } else { // out of order: keep the times sorted, and count those around its own time
            java.util.List<Long> sorted = new java.util.ArrayList<>(times);
            int i = java.util.Collections.binarySearch(sorted, at);
            sorted.add(i < 0 ? -i - 1 : i, at);
            times.clear();
            times.addAll(sorted);
            inWindow = (int) times.stream().filter(t -> t > at - window && t <= at).count();
        }
        if (!isOpen()) {
            while (ids.size() >= Math.max(1, times.size())) { // while watching: the ids of the times kept
                ids.removeFirst();
            }
        } else if (ids.size() == MAX_IDS) {
            ids.removeFirst();
        }
        ids.addLast(responseId);
        peak = Math.max(peak, inWindow);
        if (isOpen()) {
            involved++;
            return false;
        }
        if (inWindow >= threshold && (signal != FraudSignal.KIOSK_RHYTHM || steady(threshold))) {
            alertId = signal.alertType() + ":" + office + ":" + responseId;
            startedAt = times.stream().filter(t -> t > at - window).findFirst().orElse(at);
            openedAt = at;
            involved = inWindow;
            peak = inWindow;
            return true;
        }
        return false;
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

    /** Whether a whole window has passed since the last matching response, as of {@code watermark}. */
    public boolean expiredAt(long watermark, long window) {
        return last + window <= watermark;
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
