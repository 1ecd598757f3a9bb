package ru.otklik.dashboards.clickhouse;

import ru.otklik.common.indicator.ScoreCounts;

/** Score counts of one item summed over a window, per office, survey and audience. */
public record ScoreRow(String regionCode, String officeCode, String surveyId, String audience, String questionId,
                       ScoreCounts counts) {
}
