package ru.otklik.kiosk.simulator.scenario;

import java.time.Duration;

/**
 * A deviation from normal load, applied by the generator at each event. {@code progress} is the
 * run's position in [0, 1] (events generated / events wanted for counted runs, elapsed / duration
 * for timed runs, elapsed / 10 min for unlimited runs), so a scenario starts at the same point of
 * short and long runs. The defaults are "normal".
 */
public interface Scenario {

    /** When a scenario's deviation starts, as a share of the run. */
    double START = 0.3;

    String name();

    /** The office a scenario is about, or null ("normal"). */
    default String targetOffice() {
        return null;
    }

    /** Added to an office's latent quality now (quality-drop). */
    default double qualityShift(String officeCode, double progress) {
        return 0;
    }

    /** A silent kiosk sends nothing now (silent-kiosk: broken; kiosk-unplugged: off for a while). */
    default boolean silent(String deviceId, double progress) {
        return false;
    }

    /** Share of forms that are staff-entered fakes for the target office now (fraud-burst). */
    default double fakeFormShare(double progress) {
        return 0;
    }

    /**
     * How far back the run's event times reach (normal-month: 30 days, walked in time order up to
     * now); zero: every event is stamped with the real time it is generated.
     */
    default Duration history() {
        return Duration.ZERO;
    }
}
