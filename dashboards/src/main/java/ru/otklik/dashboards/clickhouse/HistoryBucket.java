package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import ru.otklik.common.indicator.ScoreCounts;

/** Score counts of one UTC hour or day of {@code otklik.indicator_history}, summed over the selected items. */
public record HistoryBucket(Instant start, ScoreCounts counts) {
}
