package ru.otklik.streaming.alert;

/**
 * A sign of life of one kiosk touchpoint: a tap (at its client time) or a heartbeat (at its receive
 * time). What the silent-kiosk flag watches.
 */
public record KioskContact(String officeCode, String touchpointId, long at) {
}
