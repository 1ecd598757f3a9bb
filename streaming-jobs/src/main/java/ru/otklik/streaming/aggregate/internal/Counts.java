package ru.otklik.streaming.aggregate.internal;

import java.util.Map;

/**
 * The one counts vocabulary of every aggregate: a {@code long[11]} of score counts c0..c10 (for the
 * responses kind: responses, suppressed presses), added to in place, possibly negative while it is a
 * delta (a retraction). Rolling sums keep the five windows side by side in one {@code long[55]}.
 */
public final class Counts {

    public static final int SCORES = 11;
    public static final int WINDOWS = ru.otklik.common.indicator.RollingWindow.values().length;

    private Counts() {
    }

    public static long[] empty() {
        return new long[SCORES];
    }

    /** {@code into += delta}. */
    public static void add(long[] into, long[] delta) {
        for (int i = 0; i < SCORES; i++) {
            into[i] += delta[i];
        }
    }

    /** {@code sums[window] += sign * delta}. */
    public static void addToWindow(long[] sums, int window, long[] delta, int sign) {
        int base = window * SCORES;
        for (int i = 0; i < SCORES; i++) {
            sums[base + i] += sign * delta[i];
        }
    }

    public static long[] window(long[] sums, int window) {
        long[] out = new long[SCORES];
        System.arraycopy(sums, window * SCORES, out, 0, SCORES);
        return out;
    }

    public static boolean isZero(long[] counts) {
        for (long c : counts) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** Adds {@code delta} to {@code map[key]}, creating or (when it comes to zero) removing the entry. */
    public static <K> void merge(Map<K, long[]> map, K key, long[] delta) {
        long[] existing = map.get(key);
        if (existing == null) {
            if (!isZero(delta)) {
                map.put(key, delta.clone());
            }
            return;
        }
        add(existing, delta);
        if (isZero(existing)) {
            map.remove(key);
        }
    }

    /** Adds {@code delta} to the entry of {@code key}, creating it: for deltas being gathered. */
    public static <K> void accumulate(Map<K, long[]> map, K key, long[] delta, int sign) {
        long[] c = map.computeIfAbsent(key, k -> new long[SCORES]);
        for (int i = 0; i < SCORES; i++) {
            c[i] += sign * delta[i];
        }
    }
}
