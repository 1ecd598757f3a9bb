package ru.otklik.dashboards.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RenderedReportsTest {

    private static final RenderedReports.Key BRY_01 = new RenderedReports.Key("pdf", "office:BRY-01", "2026-W48", "ru");

    @Test
    void anEndedWeekIsBuiltOnceForTenMinutesARunningOneForHalfAMinute() {
        AtomicLong now = new AtomicLong(0);
        AtomicInteger built = new AtomicInteger();
        RenderedReports reports = new RenderedReports(now::get);
        java.util.function.Supplier<byte[]> build = () -> new byte[] {(byte) built.incrementAndGet()};

        assertArrayEquals(new byte[] {1}, reports.get(BRY_01, true, build));
        now.addAndGet(RenderedReports.ENDED.minusSeconds(1).toNanos());
        assertArrayEquals(new byte[] {1}, reports.get(BRY_01, true, build), "the same bytes within ten minutes");
        now.addAndGet(java.time.Duration.ofSeconds(2).toNanos());
        assertArrayEquals(new byte[] {2}, reports.get(BRY_01, true, build), "built again after them");

        RenderedReports.Key running = new RenderedReports.Key("pdf", "office:BRY-01", "2026-W49", "ru");
        assertArrayEquals(new byte[] {3}, reports.get(running, false, build));
        now.addAndGet(RenderedReports.RUNNING.plusSeconds(1).toNanos());
        assertArrayEquals(new byte[] {4}, reports.get(running, false, build), "a running week: half a minute");
        // another format, language or place is another report
        reports.get(new RenderedReports.Key("csv", "office:BRY-01", "2026-W48", "ru"), true, build);
        reports.get(new RenderedReports.Key("pdf", "office:BRY-01", "2026-W48", "en"), true, build);
        assertEquals(6, built.get());
    }
}
