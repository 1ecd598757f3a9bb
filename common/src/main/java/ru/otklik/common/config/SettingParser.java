package ru.otklik.common.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a setting's text into its value or throws {@link IllegalArgumentException} saying what was
 * expected ("must be ..."); {@link Settings} adds the setting's name and the offending text.
 */
@FunctionalInterface
public interface SettingParser<T> {

    T parse(String text);

    SettingParser<String> TEXT = text -> text;

    SettingParser<String> REQUIRED_TEXT = text -> {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        return text;
    };

    SettingParser<Duration> DURATION = text -> {
        if (text == null) {
            throw new IllegalArgumentException("is required");
        }
        try {
            return Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 duration such as PT5S");
        }
    };

    SettingParser<Boolean> FLAG = text -> {
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    };

    static SettingParser<Integer> integer(int min, int max) {
        return text -> {
            long value = longValue(min, max).parse(text);
            return (int) value;
        };
    }

    static SettingParser<Long> longValue(long min, long max) {
        return text -> {
            long value;
            try {
                value = Long.parseLong(text == null ? "" : text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number " + min + ".." + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be a whole number " + min + ".." + max);
            }
            return value;
        };
    }

    /** A decimal number (a dot, no exponent needed) within {@code [min, max]}. */
    static SettingParser<Double> decimal(double min, double max) {
        return text -> {
            double value;
            try {
                value = Double.parseDouble(text == null ? "" : text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number " + min + ".." + max);
            }
            if (!(value >= min && value <= max)) { // NaN fails too
                throw new IllegalArgumentException("must be a number " + min + ".." + max);
            }
            return value;
        };
    }

    static SettingParser<Duration> duration(Duration min, Duration max) {
        return text -> {
            Duration value = DURATION.parse(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be a duration between " + min + " and " + max);
            }
            return value;
        };
    }

    /** An enum constant by its lower-case name ({@code rocksdb} for {@code ROCKSDB}); exact, not case-folded. */
    static <E extends Enum<E>> SettingParser<E> choice(Class<E> type) {
        return text -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.joining(", ")));
        };
    }
}
