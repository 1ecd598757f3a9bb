package ru.otklik.kiosk.simulator.scenario;

/**
 * From 30% of the run to its end, one kiosk sends nothing (broken, or unplugged and never plugged
 * back in); the other kiosks of the run carry its share of taps. Compare {@link KioskUnplugged}, which
 * comes back.
 */
public record SilentKiosk(String targetOffice, String deviceId) implements Scenario {

    @Override
    public String name() {
        return "silent-kiosk";
    }

    @Override
    public boolean silent(String device, double progress) {
        return progress >= START && device.equals(deviceId);
    }
}
