package ru.otklik.common.checklist;

/** An expert's decision on one checklist entry (domain §6): only accepted entries score. */
public enum Review {
    PENDING, ACCEPTED, REJECTED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String json() {
        return code();
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Review fromCode(String code) {
        for (Review r : values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("review must be pending, accepted or rejected, got " + code);
    }
}
