package ru.otklik.dashboards.clickhouse;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The bucket sizes of {@code otklik.indicator_history} and how far back the office page looks at each. */
public enum Granularity {
    DAY("day", Duration.ofDays(30)),
    HOUR("hour", Duration.ofHours(48));

    private final String code;
    private final Duration span;

    Granularity(String code, Duration span) {
        this.code = code;
        this.span = span;
    }

    public String code() {
        return code;
    }

    public Duration span() {
        return span;
    }

    public Duration bucket() {
        return this == DAY ? Duration.ofDays(1) : Duration.ofHours(1);
    }

    /** Empty for unknown values; missing means days. */
    public static Optional<Granularity> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DAY);
        }
        return Arrays.stream(values()).filter(g -> g.code.equals(value)).findFirst();
    }
}
