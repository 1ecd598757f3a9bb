package ru.otklik.dashboards.office;

import java.util.List;

/**
 * {@code GET /api/v1/offices/{office}/history}: one point per UTC day (30) or hour (48) up to the bucket holding
 * {@code asOf} (the office's watermark; the wall clock only before the job's first write), gaps as n = 0.
 */
public record OfficeHistory(String office, String granularity, String questionId, String label, String audience,
                            int minimumSample, String from, String to, List<BucketFigure> points, String asOf) {
}
