package ru.otklik.common.assessment;

/** A rater's answer to an extra question: free text that never counts toward any average. */
public record ExtraAnswer(String questionCode, String text) {
}
