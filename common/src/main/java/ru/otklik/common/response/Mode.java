package ru.otklik.common.response;

/** Whether the client was served in person or remotely; remote clients skip in-person-only items. */
public enum Mode {
    IN_PERSON, REMOTE;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Mode fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
