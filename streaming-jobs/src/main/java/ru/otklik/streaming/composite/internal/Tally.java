package ru.otklik.streaming.composite.internal;

/**
 * What was applied to a region for one month (responses) or one reporting period (reports): how many inputs and
 * the newest input's event time. The rows' {@code version} and {@code updated_ts} come from these.
 */
public record Tally(long inputs, long newestMillis) {
    public static final Tally NONE = new Tally(0, 0);

    public Tally plus(long eventMillis) {
        return plus(1, eventMillis);
    }

    public Tally plus(long count, long eventMillis) {
        return new Tally(inputs + count, Math.max(newestMillis, eventMillis));
    }
}
