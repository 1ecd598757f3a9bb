package ru.otklik.common.validation;

/**
 * One broken rule: {@code field} is a path such as {@code answers.Q1} or {@code $} for the whole
 * body, {@code rule} a stable machine code (e.g. {@code range}, {@code required}), and
 * {@code message} a human explanation.
 */
public record Violation(String field, String rule, String message) {
}
