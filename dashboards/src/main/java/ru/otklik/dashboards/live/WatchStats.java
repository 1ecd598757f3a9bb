package ru.otklik.dashboards.live;

/**
 * A watcher's counters since it started (the dashboards have no metrics endpoint; tests and logs read these).
 *
 * @param subscribers streams open now
 * @param ticks       polls started
 * @param queries     ClickHouse queries made: one per tick, however many subscribers
 * @param failures    queries that failed (ClickHouse unreachable or erring); the watcher keeps polling
 * @param changes     times the state differed from the last one seen (the first reading is not a change)
 * @param token       the current state's token ({@code id:} of the events), 0 before the first reading
 */
public record WatchStats(int subscribers, long ticks, long queries, long failures, long changes, long token) {
}
