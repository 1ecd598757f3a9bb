package ru.otklik.streaming.alert.internal;

import java.util.TreeMap;

/**
 * The shift test's state of every office: its region, its forms per day over the window and the baseline (at most
 * {@code ShiftSettings.daysKept()} days), and its open incident if any. Offices in code order, days in order, so
 * an evaluation and its rows are the same on a replay.
 */
public final class OfficeShares {

    /** One office: its region, day → {forms, top, positive}; the open incident's id, first day and whether it escalated. */
    public static final class Office {
        public String region = "";
        public final TreeMap<Long, int[]> days = new TreeMap<>();
        public String alertId;
        public long startedDay;
        public long openedAt;
        public boolean escalated;

        /** Sums {forms, top, positive} over the days {@code from..to}, both included. */
        public long[] sum(long from, long to) {
            long[] s = new long[3];
            for (int[] d : days.subMap(from, true, to, true).values()) {
                s[0] += d[0];
                s[1] += d[1];
                s[2] += d[2];
            }
            return s;
        }

        public boolean idle() {
            return days.isEmpty() && alertId == null;
        }
    }

    public final TreeMap<String, Office> offices = new TreeMap<>();
}
