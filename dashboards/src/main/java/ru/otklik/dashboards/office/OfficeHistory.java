package ru.otklik.dashboards.office;

import java.util.List;

/** {@code GET /api/v1/offices/{office}/history}: one point per UTC day (last 30) or hour (last 48), gaps as n = 0. */
public record OfficeHistory(String office, String granularity, String questionId, String label, String audience,
                            int minimumSample, String from, String to, List<BucketFigure> points) {
}
