package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The "as of" of a view: {@code otklik.scope_watermark} of the view's place, the watermark the
 * streaming job last wrote the place at. Every window row of the place and of its breakdowns is current
 * as of it (rows that did not change keep an older {@code as_of}, their values still hold), and when the
 * stream is idle it does not move, so figures read after a quiet weekend say they are Friday's.
 */
public final class WatermarkQuery {

    private final ClickHouseReader reader;

    public WatermarkQuery(ClickHouseReader reader) {
        this.reader = reader;
    }

    static String sql(QueryScope scope) {
        return "SELECT toUnixTimestamp(as_of) AS as_of FROM otklik.scope_watermark FINAL WHERE " + scope.placeCondition();
    }

    /** Empty before the job wrote the place. */
    public Optional<Instant> watermark(QueryScope scope) {
        return reader.select(sql(scope)).stream().map(r -> Instant.ofEpochSecond(r.longValue("as_of")))
                .max(Instant::compareTo);
    }

    /**
     * The as-of of figures read after {@code watermark}: the watermark, unless a row read is newer (the job
     * wrote the next watermark's rows between the two reads, or an older job that writes no watermarks),
     * so the label is never older than a figure under it. ISO-8601 UTC, null when there is neither.
     */
    @SafeVarargs
    public static String asOf(Optional<Instant> watermark, List<? extends ScopedRow>... reads) {
        return Stream.concat(watermark.stream(), Arrays.stream(reads).flatMap(List::stream).map(ScopedRow::asOf))
                .max(Instant::compareTo).map(Instant::toString).orElse(null);
    }
}
