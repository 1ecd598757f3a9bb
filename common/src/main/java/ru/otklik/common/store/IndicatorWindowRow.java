package ru.otklik.common.store;

/**
 * One row of {@code otklik.indicator_window}: an item's score counts in one rolling window of one
 * scope as of the watermark {@code asOf}, with the favourable share by the methodology formulas in
 * common ({@code share} is NaN when nobody answered).
 */
public record IndicatorWindowRow(String level, String code, String audience, String window, String surveyId,
                                 String questionId, long asOf, long n, long positive, double share, double low,
                                 double high, boolean sufficient, long[] counts, long version) {
}
