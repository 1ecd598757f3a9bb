package ru.otklik.dashboards.office;

/** The office page's charts beyond the live figures: history line, hour x weekday profile, breakdown bars. */
public record OfficeCharts(TrackedItems items, OfficeHistoryQuery history, OfficeProfileQuery profile,
                           OfficeBreakdownQuery breakdown) {
}
