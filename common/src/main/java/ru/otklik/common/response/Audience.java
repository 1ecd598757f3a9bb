package ru.otklik.common.response;

/** Who answered: job seekers and employers fill the full questionnaire, visitors tap kiosks. */
public enum Audience {
    SEEKER, EMPLOYER, VISITOR, EMPLOYEE;

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
    public static Audience fromCode(String code) {
        for (Audience value : values()) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown audience code " + code);
    }
}
