package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.clickhouse.ClickHouseQueryException;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.ConcurrentReads;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.clickhouse.PreviousPeriodTotals;
import ru.otklik.dashboards.clickhouse.PreviousSpan;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.infra.local.TestStack;

/**
 * The period before a window is read once a minute per place (issue 14: the comparisons' cost), over the real
 * ClickHouse: a late answer to that closed period is not seen while the totals are kept, and is seen once they are a
 * minute old; another span (the window moved on by an hour) is its own entry. And a read started concurrently
 * throws what it would have thrown in the caller's thread.
 */
class PreviousPeriodTotalsIT {

    private static final OfficeDirectory DIRECTORY = OfficeDirectory.pilot();

    @Test
    void aClosedPeriodIsKeptForAMinute() {
        String url = TestStack.shared().clickHouse().httpUrl();
        IndicatorRows rows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        Instant asOf = Instant.parse("2026-10-20T12:30:00Z");
        PreviousSpan span = PreviousSpan.before(TimeWindow.DAY, asOf);
        // [10-18 12:00, 10-19 12:00) hourly: 30 of 50 positive on Q1 of the office KYA-01
        rows.history("office", "KYA-01", "all", "hour", Instant.parse("2026-10-18T15:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30);
        MovableClock clock = new MovableClock(Instant.parse("2026-12-04T10:00:00Z"));
        PreviousPeriodTotals totals = new PreviousPeriodTotals(
                new HistoryQuery(new ClickHouseReader(url, Duration.ofSeconds(10))), clock);
        QueryScope office = QueryScope.office(DIRECTORY, "KYA-01");
        assertEquals(50, n(totals.totals(office, List.of("all"), span, List.of("jc-seeker"), List.of("Q1"))));

        // a late answer to that closed period: kept figures for a minute, then the new ones
        rows.history("office", "KYA-01", "all", "hour", Instant.parse("2026-10-19T09:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 6);
        clock.move(Duration.ofSeconds(59));
        assertEquals(50, n(totals.totals(office, List.of("all"), span, List.of("jc-seeker"), List.of("Q1"))));
        clock.move(Duration.ofSeconds(2));
        assertEquals(60, n(totals.totals(office, List.of("all"), span, List.of("jc-seeker"), List.of("Q1"))));

        // an hour on, the span is another, [10-18 13:00, 10-19 13:00): read at once, with the 10-19 12:00 bucket
        PreviousSpan later = PreviousSpan.before(TimeWindow.DAY, asOf.plus(Duration.ofHours(1)));
        rows.history("office", "KYA-01", "all", "hour", Instant.parse("2026-10-19T12:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1);
        assertEquals(62, n(totals.totals(office, List.of("all"), later, List.of("jc-seeker"), List.of("Q1"))));
        // the region shape, per office
        QueryScope region = QueryScope.region(DIRECTORY, "KYA");
        assertEquals(60, totals.pooledByPlace(region, "all", span, List.of("jc-seeker"), List.of("Q1"),
                        QueryScope.Rows.OFFICES)
                .get("KYA-01").between(1, 10));
    }

    @Test
    void aConcurrentReadThrowsWhatItThrew() {
        ClickHouseReader reader = new ClickHouseReader(TestStack.shared().clickHouse().httpUrl(), Duration.ofSeconds(10));
        var read = ConcurrentReads.start(() -> reader.select("SELECT no_such_column FROM system.one"));
        ClickHouseQueryException e = assertThrows(ClickHouseQueryException.class, read::get);
        assertEquals(true, e.getMessage().contains("no_such_column"), e.getMessage());
        assertEquals(1, ConcurrentReads.start(() -> reader.select("SELECT 1 AS one")).get().size());
    }

    private static long n(List<HistoryQuery.ItemTotal> totals) {
        return totals.stream().mapToLong(t -> t.counts().between(1, 10)).sum();
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
