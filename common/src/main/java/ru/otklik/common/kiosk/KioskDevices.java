package ru.otklik.common.kiosk;

import java.util.List;

/** The device registry file shared by ingest and the kiosk tools: {@code {"devices":[...]}}. */
public record KioskDevices(List<KioskDevice> devices) {

    public KioskDevices {
        devices = List.copyOf(devices);
    }
}
