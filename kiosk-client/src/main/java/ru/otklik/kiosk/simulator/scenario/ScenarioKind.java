package ru.otklik.kiosk.simulator.scenario;

import java.util.Locale;

/** The scenarios {@code --scenario} accepts. */
public enum ScenarioKind {
    NORMAL, FRAUD_BURST, SILENT_KIOSK, KIOSK_UNPLUGGED, QUALITY_DROP, SLOW_DECLINE, NORMAL_MONTH;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ScenarioKind fromCode(String code) {
        for (ScenarioKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + code + "'; one of " + codes());
    }

    /** Every code, comma-separated, in declaration order. */
    public static String codes() {
        return java.util.Arrays.stream(values()).map(ScenarioKind::code)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The scenario for a run. {@code targetOffice} is the office it affects (a good office for
     * quality-drop and slow-decline, so the fall is visible); {@code targetDevice} the kiosk that falls silent
     * (silent-kiosk, kiosk-unplugged).
     */
    public Scenario create(String targetOffice, String targetDevice) {
        return switch (this) {
            case NORMAL -> () -> "normal";
            case QUALITY_DROP -> new QualityDrop(targetOffice, QualityDrop.DEFAULT_SHIFT);
            case SLOW_DECLINE -> new SlowDecline(targetOffice, SlowDecline.DEFAULT_SHIFT);
            case SILENT_KIOSK -> new SilentKiosk(targetOffice, targetDevice);
            case KIOSK_UNPLUGGED -> new KioskUnplugged(targetOffice, targetDevice);
            case NORMAL_MONTH -> new NormalMonth();
            case FRAUD_BURST -> new FraudBurst(targetOffice, FraudBurst.DEFAULT_SHARE);
        };
    }
}
