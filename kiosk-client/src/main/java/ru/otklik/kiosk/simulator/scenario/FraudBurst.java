package ru.otklik.kiosk.simulator.scenario;

/**
 * Between 30% and 60% of the run, staff of one office enter fake forms, the way the pilot found them
 * doing it (domain §8): in person, top-ish scores that differ from form to form (mostly 9–10, some 8,
 * an occasional 7), from the office's own network (varying addresses of its staff subnet, a few staff
 * browsers and a phone), at a human pace, spaced steadily over the window as {@code share} of all
 * forms (about the office's own volume again at the default, not a flood). No single identical-vector
 * or one-address burst gives them away: the staff-network, all-top-scores and distribution-shift
 * signals must.
 */
public record FraudBurst(String targetOffice, double share) implements Scenario {

    /** With 26 offices an office gets about 3.8 % of the forms: the fakes more than double its count. */
    public static final double DEFAULT_SHARE = 0.05;
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
