package ru.otklik.common.store;

/**
 * One row of {@code otklik.indicator_history}: an item's score counts in one UTC hour or day of one
 * scope, with the favourable count by the methodology formulas in common.
 */
public record IndicatorHistoryRow(String level, String code, String audience, String granularity, long bucketStart,
                                  String surveyId, String questionId, long n, long positive, long[] counts,
                                  long version) {
}
