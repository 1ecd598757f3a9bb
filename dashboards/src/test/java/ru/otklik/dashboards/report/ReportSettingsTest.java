package ru.otklik.dashboards.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import ru.otklik.common.config.Settings;
import ru.otklik.dashboards.DashboardsConfig;

/** The weekly report's settings (one precedence rule, named errors) and its weeks in a region's time zone. */
class ReportSettingsTest {

    @Test
    void dayAndTimeComeFromTheEnvironmentAndBadValuesNameTheirVariable() {
        DashboardsConfig c = DashboardsConfig.fromEnvironment(Map.of("OTKLIK_REPORT_DAY", "friday",
                "OTKLIK_REPORT_TIME", "07:30", "OTKLIK_REPORT_SCHEDULE_INTERVAL", "PT1M"));
        assertEquals(new ReportSettings(DayOfWeek.FRIDAY, LocalTime.of(7, 30), java.time.Duration.ofMinutes(1)), c.reports());
        assertEquals(ReportSettings.defaults(), DashboardsConfig.defaults().reports());
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> ReportSettings.from(Settings.of("dashboards", new Properties(), Map.of("OTKLIK_REPORT_TIME", "8 am"))));
        assertTrue(time.getMessage().contains("OTKLIK_REPORT_TIME"), time.getMessage());
        IllegalArgumentException day = assertThrows(IllegalArgumentException.class,
                () -> ReportSettings.from(Settings.of("dashboards", new Properties(), Map.of("OTKLIK_REPORT_DAY", "mon"))));
        assertTrue(day.getMessage().contains("OTKLIK_REPORT_DAY"), day.getMessage());
    }

    @Test
    void aWeeksReportIsDueOnTheConfiguredDayOfTheFollowingWeekInLocalTime() {
        IsoWeek w48 = IsoWeek.parse("2026-W48").orElseThrow();
        assertEquals(LocalDate.of(2026, 11, 23), w48.monday());
        ZoneId vladivostok = ZoneId.of("Asia/Vladivostok");
        assertEquals(Instant.parse("2026-11-29T22:00:00Z"), ReportSettings.defaults().dueAt(w48, vladivostok),
                "Monday 08:00 in Vladivostok is Sunday 22:00 UTC");
        assertEquals(Instant.parse("2026-12-04T04:30:00Z"), new ReportSettings(DayOfWeek.FRIDAY, LocalTime.of(7, 30),
                java.time.Duration.ofMinutes(5)).dueAt(w48, ZoneId.of("Europe/Moscow")));
    }

    @Test
    void weeksParseAndTheLastFullWeekIsOfTheRegionsClock() {
        assertEquals(Optional.empty(), IsoWeek.parse("2025-W53"), "2025 has 52 ISO weeks");
        assertEquals("2026-W53", IsoWeek.parse("2026-W53").orElseThrow().code());
        assertEquals(Optional.empty(), IsoWeek.parse("2026-48"));
        assertEquals(Optional.empty(), IsoWeek.parse(" 2026-W00"));
        assertEquals("2026-W01", IsoWeek.of(LocalDate.of(2025, 12, 29)).code(), "a Monday in December opens 2026-W01");
        assertEquals("2026-W52", IsoWeek.parse("2026-W53").orElseThrow().previous().code());
        // Sunday 2026-11-29 20:00 UTC: already Monday in Vladivostok, still Sunday in Moscow
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T20:00:00Z"), ZoneOffset.UTC);
        assertEquals("2026-W48", IsoWeek.lastFull(clock, ZoneId.of("Asia/Vladivostok")).code());
        assertEquals("2026-W47", IsoWeek.lastFull(clock, ZoneId.of("Europe/Moscow")).code());
        assertEquals(Instant.parse("2026-11-22T14:00:00Z"), IsoWeek.parse("2026-W48").orElseThrow()
                .start(ZoneId.of("Asia/Vladivostok")));
    }
}
