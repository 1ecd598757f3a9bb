package ru.otklik.streaming.aggregate.internal;

import ru.otklik.common.indicator.RollingWindow;

/** One pane of one rolling window ({@code window} is a {@link RollingWindow} ordinal), by its start in epoch seconds. */
public record PaneKey(byte window, long paneStart) {

    public RollingWindow rollingWindow() {
        return RollingWindow.values()[window];
    }
}
