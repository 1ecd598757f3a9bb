package ru.otklik.common.response;

/** How the response reached us. Paper entry by staff is allowed but is a fraud risk (domain §2). */
public enum Channel {
    KIOSK, LINK, PAPER, RATER360;

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
    public static Channel fromCode(String code) {
        for (Channel value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown channel code " + code);
    }
}
