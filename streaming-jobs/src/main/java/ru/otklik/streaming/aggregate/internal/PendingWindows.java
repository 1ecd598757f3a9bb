package ru.otklik.streaming.aggregate.internal;

/**
 * Window changes of one key that could not be written before a checkpoint because no watermark had
 * arrived yet (nothing is "as of" anything then). Kept in union operator state and taken back, after
 * a restore, by whichever subtask owns the key. {@code excluded}: a change of the key's excluded
 * answers (its clean rows), not of its raw figures.
 */
public record PendingWindows(String key, ItemKey item, int mask, boolean excluded) {
}
