package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The weekly report page in headless Chromium on a desktop (1366x900) and a phone (390x844), Russian and English:
 * the charts and tables drawn, no horizontal scrolling, the place picker opens another place's report.
 * Screenshots: target/screenshots/weekly-report-*.png.
 */
class WeeklyReportPageIT {

    private static TestServer server;
    private static final String PATH = "/reports/weekly?scope=office:ORE-01&week=2025-W10";

    @BeforeAll
    static void start() {
        WeeklyReportData.insert();
        server = TestServer.start(5, Clock.fixed(Instant.parse("2025-03-12T09:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertDrawn(PageBrowser b) {
        b.waitFor("report drawn", () -> b.driver.findElements(By.cssSelector("#items svg rect")).size() > 10);
        assertEquals(16, b.driver.findElements(By.cssSelector("#items tbody tr")).size(), "every 1–10 item");
        assertEquals(7, b.driver.findElements(By.cssSelector("#weekdays svg text")).stream()
                .filter(t -> t.getText().contains("n=")).count(), "seven days");
        assertEquals(2, b.driver.findElements(By.cssSelector("#comments li")).size());
    }

    @Test
    void onAPhoneTheReportFitsTheScreen() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("region-ORE");
            b.open(PATH + "&lang=ru");
            assertDrawn(b);
            assertTrue(b.driver.findElement(By.cssSelector("tr[data-item=\"Q2\"]")).getText().contains("недостаточно данных"));
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + b.scrollWidth());
            b.fullPageScreenshot("weekly-report-phone-ru", 390, 844);
            b.open(PATH + "&lang=en");
            assertDrawn(b);
            assertTrue(b.driver.findElement(By.cssSelector("tr[data-item=\"Q2\"]")).getText().contains("insufficient data"));
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + b.scrollWidth());
            b.fullPageScreenshot("weekly-report-phone-en", 390, 844);
        }
    }

    @Test
    void onADesktopThePlacePickerOpensAnotherPlacesReport() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 1366, 900)) {
            b.login("region-ORE");
            b.open(PATH + "&lang=ru");
            assertDrawn(b);
            assertTrue(b.scrollWidth() <= 1366, "no horizontal scrolling, got " + b.scrollWidth());
            b.fullPageScreenshot("weekly-report-desktop-ru", 1366, 900);
            b.driver.findElement(By.cssSelector("#scope option[value=\"region:ORE\"]")).click();
            b.waitFor("the region's report", () -> b.driver.getCurrentUrl().contains("scope=region%3AORE"));
            b.waitFor("drawn", () -> b.driver.findElement(By.id("report-scope")).getText().startsWith("ORE ·"));
            assertTrue(b.driver.getCurrentUrl().contains("week=2025-W10"), "the week is kept");
            b.fullPageScreenshot("weekly-report-desktop-region-ru", 1366, 900);
        }
    }
}
