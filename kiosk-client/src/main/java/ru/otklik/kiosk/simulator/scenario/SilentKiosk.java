package ru.otklik.kiosk.simulator.scenario;

/** From 30% of the run on, one kiosk sends nothing; the others of the run carry its share of taps. */
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
