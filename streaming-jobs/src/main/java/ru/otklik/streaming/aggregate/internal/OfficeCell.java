package ru.otklik.streaming.aggregate.internal;

/**
 * The finest cell an office's answers are gathered in between two emissions: one item of one
 * audience, channel, touchpoint and employee in one minute. Every aggregate of the office (its
 * windows, breakdowns, history, minute buckets and its share of the region and the federal total)
 * is a sum of these cells, so an answer costs one map update until the cells are applied.
 */
public record OfficeCell(String audience, String channel, String touchpoint, String employee, String surveyId,
                         String questionId, byte kind, long minute) {
}
