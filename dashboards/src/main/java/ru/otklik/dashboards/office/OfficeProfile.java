package ru.otklik.dashboards.office;

import java.util.List;

/**
 * {@code GET /api/v1/offices/{office}/profile}: the 30 days of hourly history up to the hour holding {@code asOf}
 * (the office's watermark; the wall clock only before the job's first write) folded into local weekday
 * (1 = Monday … 7 = Sunday) x hour cells of the office's region time zone.
 *
 * @param hours the columns shown: opening hours, widened to any hour that has answers
 */
public record OfficeProfile(String office, String zone, String questionId, String label, String audience,
                            int minimumSample, String from, String to, List<Integer> hours, List<Day> days,
                            String asOf) {

    public record Day(int weekday, List<Cell> cells) {
    }

    public record Cell(int hour, long n, long positive, Double share, Double low, Double high, boolean sufficient) {
    }
}
