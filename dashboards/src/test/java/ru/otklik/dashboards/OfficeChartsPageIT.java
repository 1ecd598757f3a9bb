package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.dashboards.MinuteRows.counts;
import static ru.otklik.infra.local.HeadlessChromium.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** One of the office's chart APIs as the page reads it (Q1, all audiences). */
    private static JsonNode api(String path) throws Exception {
        return JSON.readTree(server.get("/api/v1/offices/" + OFFICE + path + (path.contains("?") ? "&" : "?")
                + "questionId=Q1&audience=all", server.login("region-PSK")).body());
    }

    /** The option of the chart css selects once it holds (the page draws from its polls), the last one read if never. */
    private static JsonNode drawn(PageBrowser b, String what, String css, Predicate<JsonNode> holds) {
        JsonNode[] last = {null};
        try {
            b.waitFor(what, () -> (last[0] = EChartsOnPage.option(b.driver, css)) != null && holds.test(last[0]));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": the chart plots " + last[0], e);
        }
        return last[0];
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The history line's points, one per bucket: its share, or "-" where the bucket had no answers. */
    private static List<String> line(JsonNode option) {
        return list(option.path("series").get(0).path("data")).stream()
                .map(p -> p.isObject() ? String.valueOf(p.path("value").asDouble()) : p.asText()).toList();
    }

    private static List<JsonNode> answered(JsonNode option) {
        return list(option.path("series").get(0).path("data")).stream().filter(JsonNode::isObject).toList();
    }

    private static void assertChartsDrawn(PageBrowser b, String insufficientWord) throws Exception {
        // the line plots the API's shares bucket by bucket, an interval for each sufficient one, thin days hollow
        JsonNode history = drawn(b, "history drawn", "#history-chart", o -> answered(o).size() == daysWithData);
        JsonNode days = api("/history?granularity=day");
        assertEquals(list(days.path("points")).stream().map(p -> p.path("share").isNull() ? "-" : String.valueOf(p.path("share").asDouble())).toList(),
                line(history));
        assertEquals(list(days.path("points")).stream().filter(p -> p.path("sufficient").asBoolean())
                        .map(p -> List.of(p.path("low").asDouble(), p.path("high").asDouble())).toList(),
                list(history.path("series").get(1).path("data")).stream()
                        .map(i -> List.of(i.get(1).asDouble(), i.get(2).asDouble())).toList(), "the intervals");
        List<JsonNode> hollow = answered(history).stream().filter(p -> p.path("symbol").asText().equals("emptyCircle")).toList();
        assertEquals(thinDays, hollow.size(), "thin days drawn hollow");
        assertTrue(hollow.stream().noneMatch(p -> p.path("sufficient").asBoolean()), hollow.toString());
        assertEquals(List.of("inside", "slider"), list(history.path("dataZoom")).stream().map(z -> z.path("type").asText()).toList());
        int thin = list(history.path("series").get(0).path("data")).indexOf(hollow.get(0));
        String tip = EChartsOnPage.tooltip(b.driver, "#history-chart", 0, thin);
        assertTrue(tip.contains(insufficientWord) && tip.contains("n=" + hollow.get(0).path("n").asInt()), tip);

        // weekday x hour: coloured where the API says the answers are enough, hatched where thin, Sunday closed
        JsonNode heat = drawn(b, "profile drawn", "#profile .heat", o -> o.path("yAxis").get(0).path("data").size() == 7);
        long enough = list(api("/profile").path("days")).stream().flatMap(d -> list(d.path("cells")).stream())
                .filter(c -> c.path("sufficient").asBoolean()).count();
        List<JsonNode> ok = list(heat.path("series").get(0).path("data"));
        assertEquals(enough, ok.size(), "a coloured cell for each sufficient hour");
        assertTrue(ok.size() >= 40, "weekday opening hours have enough answers: " + ok.size());
        assertTrue(heat.path("series").get(1).path("data").size() >= 1, "saturday cells are thin");
        assertEquals(0, ok.stream().filter(c -> c.get(6).asInt() == 7).count(), "sunday closed");
        String okTip = EChartsOnPage.tooltip(b.driver, "#profile .heat", 0, 0);
        assertTrue(okTip.contains("n=" + ok.get(0).get(3).asInt()), okTip);

        b.waitFor("breakdown drawn", () -> b.driver.findElements(By.cssSelector("#breakdown .breakdown-row")).size() == 7);
        assertEquals(3, (int) read(() -> b.driver.findElements(By.cssSelector("#breakdown [data-level='employee'] .breakdown-row")).size()));
        String e40 = read(() -> b.driver.findElement(By.cssSelector("#breakdown [data-code='e-40'] .bar-value")).getText());
        assertTrue(e40.startsWith(insufficientWord), e40);
        // e-17's bar: the API's share with its 95% interval
        JsonNode e17 = list(api("/breakdown?window=30d").path("byLevel").path("employee")).stream()
                .filter(r -> r.path("code").asText().equals("e-17")).findFirst().orElseThrow();
        JsonNode bar = drawn(b, "e-17's bar", "#breakdown [data-code='e-17'] .share-bar",
                o -> o.path("series").get(1).path("data").size() == 1);
        assertEquals(e17.path("share").asDouble(), bar.path("series").get(0).path("data").get(0).path("value").asDouble());
        assertEquals(List.of(e17.path("low").asDouble(), e17.path("high").asDouble()),
                List.of(bar.path("series").get(1).path("data").get(0).get(0).asDouble(), bar.path("series").get(1).path("data").get(0).get(1).asDouble()));
    }

    /** Every page the browser opens from now on records what its CSP refuses (from before its scripts run). */
    private static void recordCspRefusals(PageBrowser b) {
        b.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "window.refusedByCsp = [];"
                + " document.addEventListener('securitypolicyviolation', function (e) {"
                + " window.refusedByCsp.push(e.violatedDirective + ' ' + e.blockedURI); });"));
    }

    private static String refusedByCsp(PageBrowser b) {
        // the violation events are dispatched after the task that caused them: let the page run a frame first
        return (String) b.driver.executeAsyncScript("var done = arguments[0]; requestAnimationFrame(function () {"
                + " setTimeout(function () { done((window.refusedByCsp || ['no recorder']).join('; ')); }, 50); });");
    }

    @Test
    void phoneRussianAndEnglish() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            recordCspRefusals(b);
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
            drawn(b, "hourly line", "#history-chart", o -> {
                List<String> starts = answered(o).stream().map(p -> p.path("start").asText()).toList();
                return !starts.isEmpty() && starts.stream().allMatch(t -> t.endsWith(":00:00Z"))
                        && starts.stream().anyMatch(t -> !t.endsWith("T00:00:00Z")) && starts.size() != daysWithData;
            });
            assertTrue(b.driver.getCurrentUrl().contains("granularity=hour"), b.driver.getCurrentUrl());
            b.fullPageScreenshot("office-charts-phone-en-hourly", 390, 844);
            assertEquals("", refusedByCsp(b), "the charts need nothing the CSP refuses (tooltips, zoom, heatmap)");

            // a tablet held upright: the same charts, wider
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
            b.open("/offices/" + OFFICE + "?lang=ru&granularity=day");
            assertChartsDrawn(b, "недостаточно данных");
            assertTrue(b.scrollWidth() <= 820, "no horizontal scrolling at 820 px, got " + b.scrollWidth());
            b.fullPageScreenshot("office-charts-tablet-ru", 820, 1180);
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
            b.waitFor("Q10 charts", () -> b.driver.findElements(By.cssSelector("#breakdown .breakdown-row")).isEmpty()
                    && b.driver.findElement(By.id("profile-item")).getText().contains("Q10"));
            JsonNode none = drawn(b, "Q10's empty line", "#history-chart", o -> answered(o).isEmpty());
            assertEquals("no answers", none.path("title").get(0).path("text").asText(), none.toString());
            assertTrue(b.driver.getCurrentUrl().contains("questionId=Q10"), b.driver.getCurrentUrl());
        }
    }
}
