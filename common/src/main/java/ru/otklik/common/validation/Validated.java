package ru.otklik.common.validation;

import java.util.List;

/** Either a valid value or every violation found; never both. */
public record Validated<T>(T value, List<Violation> violations) {

    public Validated {
        violations = List.copyOf(violations);
        if ((value == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("a result is a value or violations");
        }
    }

    public static <T> Validated<T> valid(T value) {
        return new Validated<>(value, List.of());
    }

    public static <T> Validated<T> invalid(List<Violation> violations) {
        return new Validated<>(null, violations);
    }

    public boolean isValid() {
        return value != null;
    }
}
