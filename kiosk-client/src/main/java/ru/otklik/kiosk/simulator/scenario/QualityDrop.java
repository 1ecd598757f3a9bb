package ru.otklik.kiosk.simulator.scenario;

/**
 * From 30% of the run on, one office's service gets much worse (its latent quality falls by
 * {@code shift}, e.g. from clearly good to clearly weak): the drop alert must fire for it.
 */
public record QualityDrop(String targetOffice, double shift) implements Scenario {

    public static final double DEFAULT_SHIFT = -2.4;

    @Override
    public String name() {
        return "quality-drop";
    }

    @Override
    public double qualityShift(String officeCode, double progress) {
        return progress >= START && officeCode.equals(targetOffice) ? shift : 0;
    }
}
