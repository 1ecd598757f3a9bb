package ru.otklik.common.indicator;

import java.util.Arrays;

/**
 * How many answers gave each score 0…10 for one item. Every score-based indicator of the
 * methodology (positive share, kiosk satisfaction, NPS, CES, CSAT) is a function of these counts,
 * which is why the streaming job stores them per bucket and sums them for any period.
 */
public final class ScoreCounts {

    public static final int MAX_SCORE = 10;

    private final long[] counts;

    private ScoreCounts(long[] counts) {
        this.counts = counts;
    }

    public static ScoreCounts empty() {
        return new ScoreCounts(new long[MAX_SCORE + 1]);
    }

    /** counts[i] answers with score i; the array is copied and must have 11 entries. */
    public static ScoreCounts of(long... counts) {
        if (counts.length != MAX_SCORE + 1) {
            throw new IllegalArgumentException("need 11 counts (scores 0..10), got " + counts.length);
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
        }
        return new ScoreCounts(counts.clone());
    }

    public static ScoreCounts ofScores(int... scores) {
        ScoreCounts c = empty();
        for (int s : scores) {
            c = c.plus(s);
        }
        return c;
    }

    public ScoreCounts plus(int score) {
        checkScore(score);
        long[] next = counts.clone();
        next[score]++;
        return new ScoreCounts(next);
    }

    public ScoreCounts plus(ScoreCounts other) {
        long[] next = counts.clone();
        for (int i = 0; i <= MAX_SCORE; i++) {
            next[i] += other.counts[i];
        }
        return new ScoreCounts(next);
    }

    public long count(int score) {
        checkScore(score);
        return counts[score];
    }

    /** Answers with a score in [from, to]. */
    public long between(int from, int to) {
        long sum = 0;
        for (int s = Math.max(0, from); s <= Math.min(MAX_SCORE, to); s++) {
            sum += counts[s];
        }
        return sum;
    }

    public long total() {
        return between(0, MAX_SCORE);
    }

    public long[] toArray() {
        return counts.clone();
    }

    private static void checkScore(int score) {
        if (score < 0 || score > MAX_SCORE) {
            throw new IllegalArgumentException("score must be 0..10, got " + score);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreCounts other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ScoreCounts" + Arrays.toString(counts);
    }
}
