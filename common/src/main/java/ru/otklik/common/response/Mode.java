package ru.otklik.common.response;

/** Whether the client was served in person or remotely; remote clients skip in-person-only items. */
public enum Mode {
    IN_PERSON, REMOTE;

    /** Computed once: every raw row of the hot path spells it. */
    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    public String code() {
        return code;
    }

    /**
     * The constant whose {@link #code()} is exactly {@code code}: Otklik's JSON is case-sensitive, so
     * {@code "KIOSK"} is not {@code "kiosk"} (a case-folded match would let variants past checks that
     * compare codes).
     */
    public static Mode fromCode(String code) {
        for (Mode value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown mode code " + code);
    }
}
