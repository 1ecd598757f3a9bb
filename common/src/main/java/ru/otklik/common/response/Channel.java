package ru.otklik.common.response;

/** How the response reached us. Paper entry by staff is allowed but is a fraud risk (domain §2). */
public enum Channel {
    KIOSK, LINK, PAPER, RATER360;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Channel fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
