package ru.otklik.streaming.aggregate.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What changed for one Flink key since it was last written: per item the windows whose sums moved
 * (a bit mask over {@code RollingWindow} ordinals), per history bucket and per minute the cells.
 * Held in memory only; the operator writes it out at every emission tick and before every
 * checkpoint barrier, so nothing of it needs to survive a restore.
 */
public final class Changes {

    final Map<ItemKey, Integer> windows = new HashMap<>();
    final Map<HistoryKey, Set<ItemKey>> history = new HashMap<>();
    final Map<Long, Set<MinuteCell>> minutes = new HashMap<>();

    public boolean isEmpty() {
        return windows.isEmpty() && history.isEmpty() && minutes.isEmpty();
    }

    public boolean hasWindowChanges() {
        return !windows.isEmpty();
    }

    public void window(ItemKey item, int window) {
        windows.merge(item, 1 << window, (a, b) -> a | b);
    }

    public void windows(ItemKey item, int mask) {
        windows.merge(item, mask, (a, b) -> a | b);
    }

    void history(HistoryKey bucket, ItemKey item) {
        history.computeIfAbsent(bucket, k -> new HashSet<>()).add(item);
    }

    void minute(long minute, MinuteCell cell) {
        minutes.computeIfAbsent(minute, k -> new HashSet<>()).add(cell);
    }

    /** The window changes, for keeping across a checkpoint when they cannot be written yet. */
    public Map<ItemKey, Integer> windowChanges() {
        return windows;
    }
}
