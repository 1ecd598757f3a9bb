package ru.otklik.streaming.alert.internal;

/**
 * Where an item waits in an {@link EventTimeQueue}: the time it is handed out with (its own, or just
 * after the watermark when it came late), its own event time, and its id.
 */
public record QueueSlot(long slot, long at, String id) {
}
