package ru.otklik.dashboards.coverage;

import java.time.LocalDate;

/**
 * A survey wave (domain §9): the days, in each office's local calendar, in which every office is to collect its
 * quota of questionnaire forms.
 *
 * @param end the wave's last day (inclusive)
 */
public record SurveyWave(String code, LocalDate start, LocalDate end) {

    public SurveyWave {
        if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")) {
            throw new IllegalArgumentException("a wave's code must be 1-40 of [A-Za-z0-9_.-], got " + code);
        }
        if (start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("wave " + code + ": its last day must not be before its first");
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** Days left from {@code today} to the wave's end, today included; 0 once it is over. */
    public long daysLeft(LocalDate today) {
        if (today.isAfter(end)) {
            return 0;
        }
        LocalDate from = today.isBefore(start) ? start : today;
        return end.toEpochDay() - from.toEpochDay() + 1;
    }
}
