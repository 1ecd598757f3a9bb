package ru.otklik.dashboards.clickhouse;

import java.util.regex.Pattern;

/**
 * A code that may appear in SQL as a string literal. Only values from the product's own whitelists
 * (office directory, survey catalog, enums) are passed here; the pattern is a second line of defence
 * so that even a bad whitelist entry cannot break out of the literal.
 */
public final class SqlCode {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private SqlCode() {
    }

    public static String literal(String code) {
        if (code == null || !SAFE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a safe SQL code: " + code);
        }
        return "'" + code + "'";
    }
}
