package ru.otklik.kiosk.simulator.scenario;

/**
 * One kiosk is powered off "for an afternoon": from 30% to 60% of the run it sends nothing, then it is
 * plugged back in and taps as before. Nothing is caught up afterwards: while it was off nobody could
 * tap it, so there is no backlog (a kiosk that was merely offline would send its journal late). The
 * silence alert must fire during the gap and clear after it; unlike {@link SilentKiosk}, which stays
 * silent to the end. The simulator sends no heartbeats, so "nothing" is: no taps.
 */
public record KioskUnplugged(String targetOffice, String deviceId) implements Scenario {

    public static final double END = 0.6;

    @Override
    public String name() {
        return "kiosk-unplugged";
    }

    @Override
    public boolean silent(String device, double progress) {
        return progress >= START && progress < END && device.equals(deviceId);
    }
}
