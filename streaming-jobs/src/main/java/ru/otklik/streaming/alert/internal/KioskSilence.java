package ru.otklik.streaming.alert.internal;

/**
 * What the silent-kiosk stage keeps per touchpoint: its last contact (event time, ms) and the open
 * flag's id and opening time, if it is flagged.
 */
public record KioskSilence(long last, String alertId, long openedAt) {

    public boolean isFlagged() {
        return alertId != null;
    }
}
