package ru.otklik.kiosk.simulator.scenario;

/**
 * Between 30% and 60% of the run, staff of one office enter fake forms: in person, every item
 * 10, identical vectors, as {@code share} of all forms, i.e. a burst far above the office's
 * normal rate. The fraud signals (burst, duplicates, distribution shift) must flag them.
 */
public record FraudBurst(String targetOffice, double share) implements Scenario {

    public static final double DEFAULT_SHARE = 0.25;
    public static final double END = 0.6;

    @Override
    public String name() {
        return "fraud-burst";
    }

    @Override
    public double fakeFormShare(double progress) {
        return progress >= START && progress < END ? share : 0;
    }
}
