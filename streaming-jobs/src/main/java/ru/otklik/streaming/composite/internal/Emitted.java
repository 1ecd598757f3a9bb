package ru.otklik.streaming.composite.internal;

/** What the stage last wrote for one (methodology version, period): the rows' version and live flag. */
public record Emitted(long version, boolean live) {
}
