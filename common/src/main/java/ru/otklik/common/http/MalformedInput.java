package ru.otklik.common.http;

/**
 * Input that does not decode: {@link #rule()} names what broke ({@code utf-8}, {@code form-encoding})
 * for the 400 answer, the message says where (a byte offset, never the bytes themselves).
 */
public final class MalformedInput extends IllegalArgumentException {

    private final String rule;

    public MalformedInput(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
