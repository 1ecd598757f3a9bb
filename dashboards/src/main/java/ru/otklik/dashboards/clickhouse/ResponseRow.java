package ru.otklik.dashboards.clickhouse;

/** Responses (and suppressed kiosk presses) of one office and survey summed over a window. */
public record ResponseRow(String regionCode, String officeCode, String surveyId, long responses, long suppressedPresses) {
}
