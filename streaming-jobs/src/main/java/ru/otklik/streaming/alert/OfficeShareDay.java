package ru.otklik.streaming.alert;

/**
 * An office's forms of one UTC day as the shift test counts them ({@link ru.otklik.common.alert.ShareShift}), sent
 * from the office-keyed {@link ShareDays} to the region-keyed {@link ShareShiftStage}: one record per office and
 * day when the day ends, and a small increment for each form that arrives after that. Counts add up.
 *
 * @param day days since 1970-01-01 (UTC)
 */
public record OfficeShareDay(String regionCode, String officeCode, long day, int forms, int top, int positive) {
}
