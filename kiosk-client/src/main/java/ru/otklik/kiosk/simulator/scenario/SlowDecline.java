package ru.otklik.kiosk.simulator.scenario;

/**
 * From 30% of the run on, one office's service gets worse little by little: its latent quality falls linearly
 * until it is {@code shift} lower at the end of the run. Not one bad hour a fixed rule would notice, but the
 * sequential drop test, which accumulates evidence, must find it (issue 11: "a slow decline of one office").
 */
public record SlowDecline(String targetOffice, double shift) implements Scenario {

    /** As far as quality-drop falls at once, reached only at the end. */
    public static final double DEFAULT_SHIFT = QualityDrop.DEFAULT_SHIFT;

    @Override
    public String name() {
        return "slow-decline";
    }

    @Override
    public double qualityShift(String officeCode, double progress) {
        if (progress < START || !officeCode.equals(targetOffice)) {
            return 0;
        }
        return shift * Math.min(1, (progress - START) / (1 - START));
    }
}
