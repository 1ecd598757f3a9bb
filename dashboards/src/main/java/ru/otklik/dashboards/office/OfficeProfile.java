package ru.otklik.dashboards.office;

import java.util.List;

/**
 * {@code GET /api/v1/offices/{office}/profile}: the last 30 days of hourly history folded into local
 * weekday (1 = Monday … 7 = Sunday) x hour cells of the office's region time zone.
 *
 * @param hours the columns shown: opening hours, widened to any hour that has answers
 */
public record OfficeProfile(String office, String zone, String questionId, String label, String audience,
                            int minimumSample, String from, String to, List<Integer> hours, List<Day> days) {

    public record Day(int weekday, List<Cell> cells) {
    }

    public record Cell(int hour, long n, long positive, Double share, Double low, Double high, boolean sufficient) {
    }
}
