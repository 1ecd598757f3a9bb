package ru.otklik.dashboards.clickhouse;

import ru.otklik.common.indicator.ScoreCounts;

/** The c0..c10 columns every aggregate table has: SQL list and reading them back into {@link ScoreCounts}. */
final class ScoreColumns {

    /** {@code toString(cN) AS cN}: UInt64 arrive as JSON strings anyway; this keeps it explicit. */
    static final String SELECT;

    static {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i <= ScoreCounts.MAX_SCORE; i++) {
            s.append(i == 0 ? "" : ", ").append("toString(c").append(i).append(") AS c").append(i);
        }
        SELECT = s.toString();
    }

    private ScoreColumns() {
    }

    static ScoreCounts read(ResultRow row) {
        long[] counts = new long[ScoreCounts.MAX_SCORE + 1];
        for (int s = 0; s <= ScoreCounts.MAX_SCORE; s++) {
            counts[s] = row.longValue("c" + s);
        }
        return ScoreCounts.of(counts);
    }
}
