package ru.otklik.streaming.alert;

import ru.otklik.common.alert.DropSignal;

/**
 * One counted response as the drop test sees it ({@link DropSignal}): which of the office's tests, good
 * or bad, at its event time. Made next to the office stage, so what crosses the network to the drop
 * stage is this, not the whole response.
 */
public record DropObservation(String officeCode, String regionCode, long at, String responseId, DropSignal signal,
                              boolean bad) {
}
