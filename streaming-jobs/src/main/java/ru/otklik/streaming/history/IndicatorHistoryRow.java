package ru.otklik.streaming.history;

/**
 * One row of {@code otklik.indicator_history}: an item's score counts in one UTC hour or day of one
 * scope, with the favourable count by the methodology formulas in common. The version is the number
 * of answers counted in the bucket ({@code n}), which only grows, so a replay writes the same row.
 */
public record IndicatorHistoryRow(String level, String code, String audience, String granularity, long bucketStart,
                                  String surveyId, String questionId, long n, long positive, long[] counts,
                                  long version) {
}
