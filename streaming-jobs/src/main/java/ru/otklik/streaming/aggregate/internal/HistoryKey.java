package ru.otklik.streaming.aggregate.internal;

import ru.otklik.common.indicator.HistoryGranularity;

/** One hour or day of the history ({@code granularity} is a {@link HistoryGranularity} ordinal), by its start. */
public record HistoryKey(byte granularity, long bucketStart) {

    public HistoryGranularity historyGranularity() {
        return HistoryGranularity.values()[granularity];
    }

    public long endSeconds() {
        return bucketStart + historyGranularity().seconds();
    }
}
