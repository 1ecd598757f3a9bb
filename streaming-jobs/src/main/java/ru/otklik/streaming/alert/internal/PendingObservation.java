package ru.otklik.streaming.alert.internal;

import ru.otklik.common.alert.DropSignal;

/** An observation of a drop test waiting for the watermark to pass its time, so tests see event-time order. */
public record PendingObservation(long at, String responseId, DropSignal signal, boolean bad) {
}
