package ru.otklik.common.response;

/** Who answered: job seekers and employers fill the full questionnaire, visitors tap kiosks. */
public enum Audience {
    SEEKER, EMPLOYER, VISITOR, EMPLOYEE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Audience fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
