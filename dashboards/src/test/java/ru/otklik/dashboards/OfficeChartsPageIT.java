package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.dashboards.MinuteRows.counts;
import static ru.otklik.infra.local.HeadlessChromium.read;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.infra.local.TestStack;

/**
 * The office page's history line, weekday x hour profile and breakdown in headless Chromium, at phone
 * (390x844) and desktop (1366x900) width, Russian and English. Screenshots: target/screenshots/office-charts-*.png.
 * PSK-01 (Moscow time) with a month of generated daily and hourly history.
 */
class OfficeChartsPageIT {

    private static final String OFFICE = "PSK-01";
    private static final String[] WINDOWS = {"1h", "24h", "7d", "30d", "quarter"};
    private static TestServer server;
    private static int daysWithData;
    private static int thinDays;

    @BeforeAll
    static void start() {
        IndicatorRows rows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        Random random = new Random(7);
        Instant now = Instant.now();
        Instant asOf = now.truncatedTo(ChronoUnit.MINUTES);

        // the live figures at the top of the page
        for (String a : List.of("seeker", "all")) {
            rows.office(OFFICE, a, "jc-seeker", "Q1", asOf, 64, counts(5, 6, 7, 10, 8, 18, 9, 12, 10, 18), WINDOWS);
            rows.office(OFFICE, a, "jc-seeker", "Q10", asOf, 52, counts(6, 8, 8, 14, 9, 12, 10, 18), WINDOWS);
        }
        for (String a : List.of("visitor", "all")) {
            rows.office(OFFICE, a, "kiosk-quick", "K1", asOf, 90, counts(1, 8, 2, 12, 3, 30, 4, 40), WINDOWS);
        }
        rows.responses("office", OFFICE, "all", "jc-seeker", asOf, 64, 64, 0, WINDOWS);
        rows.responses("office", OFFICE, "all", "kiosk-quick", asOf, 90, 90, 0, WINDOWS);
        rows.watermark("office", OFFICE, asOf);

        // daily history: most days sufficient, every fifth day thin (n < 30), two days empty
        Map<Instant, long[]> q1Days = new LinkedHashMap<>();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        for (int d = 29; d >= 0; d--) {
            if (d == 12 || d == 13) {
                continue;
            }
            int n = d % 5 == 0 ? 8 + random.nextInt(15) : 35 + random.nextInt(40);
            int positive = (int) Math.round(n * (0.62 + 0.25 * random.nextDouble()));
            q1Days.put(today.minus(Duration.ofDays(d)), counts(9, positive, 5, n - positive));
            daysWithData++;
            if (n < 30) {
                thinDays++;
            }
        }
        rows.historyBuckets("office", OFFICE, "all", "day", "jc-seeker", "Q1", q1Days);

        // hourly history, local opening hours Mon-Fri 9-18 and Sat 10-13; afternoons a little worse
        ZoneId zone = RegionTimeZone.of("PSK");
        Map<Instant, long[]> q1Hours = new LinkedHashMap<>();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(30)).plus(Duration.ofHours(1));
        for (; !hour.isAfter(now); hour = hour.plus(Duration.ofHours(1))) {
            ZonedDateTime local = hour.atZone(zone);
            boolean weekday = local.getDayOfWeek().getValue() <= 5 && local.getHour() >= 9 && local.getHour() <= 18;
            boolean saturday = local.getDayOfWeek() == DayOfWeek.SATURDAY && local.getHour() >= 10 && local.getHour() <= 13;
            if (!weekday && !saturday) {
                continue;
            }
            int n = saturday ? 1 + random.nextInt(3) : 8 + random.nextInt(8);
            double p = local.getHour() >= 14 ? 0.55 + 0.2 * random.nextDouble() : 0.75 + 0.2 * random.nextDouble();
            int positive = (int) Math.round(n * p);
            q1Hours.put(hour, counts(8, positive, 4, n - positive));
        }
        rows.historyBuckets("office", OFFICE, "all", "hour", "jc-seeker", "Q1", q1Hours);

        // breakdown
        for (String w : WINDOWS) {
            rows.window("channel", OFFICE + "/link", "all", w, "jc-seeker", "Q1", asOf, 44, counts(5, 8, 9, 36));
            rows.window("channel", OFFICE + "/paper", "all", w, "jc-seeker", "Q1", asOf, 20, counts(4, 6, 8, 14));
            rows.window("touchpoint", OFFICE + "/hall", "all", w, "jc-seeker", "Q1", asOf, 40, counts(6, 9, 10, 31));
            rows.window("touchpoint", OFFICE + "/window-3", "all", w, "jc-seeker", "Q1", asOf, 24, counts(3, 5, 9, 19));
            rows.window("employee", OFFICE + "/e-17", "all", w, "jc-seeker", "Q1", asOf, 36, counts(5, 4, 9, 32));
            rows.window("employee", OFFICE + "/e-21", "all", w, "jc-seeker", "Q1", asOf, 31, counts(2, 9, 8, 22));
            rows.window("employee", OFFICE + "/e-40", "all", w, "jc-seeker", "Q1", asOf, 9, counts(3, 2, 10, 7));
        }
        server = TestServer.start(30);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertChartsDrawn(PageBrowser b, String insufficientWord) {
        b.waitFor("history drawn", () -> b.driver.findElements(By.cssSelector("#history-chart circle.pt")).size() == daysWithData);
        // the page redraws from its polls: each read is made whole again if it meets a replaced element
        assertEquals(thinDays, (int) read(() -> b.driver.findElements(By.cssSelector("#history-chart circle.pt.weak")).size()),
                "thin days drawn hollow");
        String[] thin = read(() -> {
            WebElement t = b.driver.findElements(By.cssSelector("#history-chart circle.pt.weak")).get(0);
            return new String[] {t.findElement(By.tagName("title")).getAttribute("textContent"), t.getAttribute("data-n")};
        });
        assertTrue(thin[0].contains(insufficientWord) && thin[0].contains("n=" + thin[1]), thin[0]);

        b.waitFor("profile drawn", () -> b.driver.findElements(By.cssSelector("#profile tbody tr")).size() == 7);
        int ok = read(() -> b.driver.findElements(By.cssSelector("#profile td.ok")).size());
        assertTrue(ok >= 40, "weekday opening hours have enough answers: " + ok);
        String okTitle = read(() -> b.driver.findElements(By.cssSelector("#profile td.ok")).get(0).getAttribute("title"));
        assertTrue(okTitle.contains("n="), okTitle);
        assertTrue(read(() -> b.driver.findElements(By.cssSelector("#profile td.few")).size()) >= 1, "saturday cells are thin");
        assertEquals(0, (int) read(() -> b.driver.findElements(By.cssSelector("#profile tbody tr:nth-child(7) td.ok")).size()),
                "sunday closed");

        b.waitFor("breakdown drawn", () -> b.driver.findElements(By.cssSelector("#breakdown .breakdown-row")).size() == 7);
        assertEquals(3, (int) read(() -> b.driver.findElements(By.cssSelector("#breakdown [data-level='employee'] .breakdown-row")).size()));
        String e40 = read(() -> b.driver.findElement(By.cssSelector("#breakdown [data-code='e-40'] .bar-value")).getText());
        assertTrue(e40.startsWith(insufficientWord), e40);
        assertEquals(3, (int) read(() -> b.driver.findElements(By.cssSelector("#breakdown [data-code='e-17'] line.whisker")).size()));
    }

    @Test
    void phoneRussianAndEnglish() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-" + OFFICE);
            assertTrue(b.driver.getCurrentUrl().endsWith("/offices/" + OFFICE), b.driver.getCurrentUrl());
            assertChartsDrawn(b, "недостаточно данных");
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + b.scrollWidth());
            b.fullPageScreenshot("office-charts-phone-ru", 390, 844);

            b.open("/offices/" + OFFICE + "?lang=en");
            assertChartsDrawn(b, "insufficient data");
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + b.scrollWidth());
            b.fullPageScreenshot("office-charts-phone-en", 390, 844);

            // switching to hourly redraws the line with 48 buckets, of which the opening hours have answers
            b.driver.findElement(By.cssSelector("#granularity button[data-granularity='hour']")).click();
            b.waitFor("hourly line", () -> b.driver.findElements(By.cssSelector("#history-chart circle.pt")).stream()
                    .allMatch(c -> c.getAttribute("data-start").endsWith(":00:00Z"))
                    && !b.driver.findElements(By.cssSelector("#history-chart circle.pt")).isEmpty()
                    && b.driver.findElements(By.cssSelector("#history-chart circle.pt")).size() != daysWithData);
            assertTrue(b.driver.getCurrentUrl().contains("granularity=hour"), b.driver.getCurrentUrl());
            b.fullPageScreenshot("office-charts-phone-en-hourly", 390, 844);
        }
    }

    @Test
    void desktopRussianAndEnglish() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 1366, 900)) {
            b.login("region-PSK");
            b.open("/offices/" + OFFICE + "?lang=ru");
            assertChartsDrawn(b, "недостаточно данных");
            b.fullPageScreenshot("office-charts-desktop-ru", 1366, 900);
            b.open("/offices/" + OFFICE + "?lang=en");
            assertChartsDrawn(b, "insufficient data");
            b.fullPageScreenshot("office-charts-desktop-en", 1366, 900);
            // picking an item follows it in all three charts: Q10 has no history and no breakdown rows here
            b.js("var s = document.getElementById('item'); s.value = 'Q10'; s.dispatchEvent(new Event('change'));");
            b.waitFor("Q10 charts", () -> b.driver.findElements(By.cssSelector("#history-chart circle.pt")).isEmpty()
                    && b.driver.findElements(By.cssSelector("#breakdown .breakdown-row")).isEmpty()
                    && b.driver.findElement(By.id("profile-item")).getText().contains("Q10"));
            assertTrue(b.driver.findElement(By.id("history-chart")).getText().contains("no answers"));
            assertTrue(b.driver.getCurrentUrl().contains("questionId=Q10"), b.driver.getCurrentUrl());
        }
    }
}
