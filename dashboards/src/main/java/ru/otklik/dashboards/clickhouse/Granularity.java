package ru.otklik.dashboards.clickhouse;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import ru.otklik.common.indicator.HistoryGranularity;

/**
 * The bucket sizes of {@code otklik.indicator_history} ({@link HistoryGranularity}) and how far back the
 * office page looks at each: the span ends with the bucket holding the view's as-of.
 */
public enum Granularity {
    DAY(HistoryGranularity.DAY, Duration.ofDays(30)),
    HOUR(HistoryGranularity.HOUR, Duration.ofHours(48));

    private final HistoryGranularity stored;
    private final Duration span;

    Granularity(HistoryGranularity stored, Duration span) {
        this.stored = stored;
        this.span = span;
    }

    public String code() {
        return stored.code();
    }

    public Duration span() {
        return span;
    }

    public Duration bucket() {
        return stored.bucket();
    }

    /** Start of the UTC hour or day holding {@code t}. */
    public Instant bucketOf(Instant t) {
        return Instant.ofEpochSecond(stored.bucketOf(t.getEpochSecond()));
    }

    /** Empty for unknown values; missing means days. */
    public static Optional<Granularity> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DAY);
        }
        return Arrays.stream(values()).filter(g -> g.code().equals(value)).findFirst();
    }
}
