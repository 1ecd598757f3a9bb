package ru.otklik.kiosk.agent;

import ru.otklik.common.response.KioskTap;

/** A tap with its journal sequence number; {@code tap.suppressedPresses()} already folds in suppressed presses. */
public record JournaledTap(long sequence, KioskTap tap) {
}
