package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.dashboards.MinuteRows.counts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import ru.otklik.infra.local.HeadlessChromium;
import ru.otklik.infra.local.TestStack;

/** The live pages in headless Debian chromium: login, charts at phone and desktop width, live update without reload. */
class DashboardPagesIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static final String[] WINDOWS = {"1h", "24h", "7d", "30d", "quarter"};
    private static IndicatorRows windows;
    private static Instant bucket;
    private ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        bucket = MinuteRows.minutesAgo(3);
        windows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        // VLA-01: Q1 35 of 40 positive; Q2 only 10 answers (insufficient); kiosk taps; pulse (rolling window rows)
        for (String a : List.of("seeker", "all")) {
            windows.office("VLA-01", a, "jc-seeker", "Q1", bucket, 40, counts(4, 5, 9, 20, 10, 15), WINDOWS);
            windows.office("VLA-01", a, "jc-seeker", "Q2", bucket, 10, counts(6, 4, 9, 6), WINDOWS);
            windows.office("VLA-01", a, "jc-seeker", "Q10", bucket, 36, counts(5, 6, 8, 10, 10, 20), WINDOWS);
            windows.office("VLA-01", a, "pulse", "NPS", bucket, 40, counts(10, 18, 9, 8, 8, 6, 5, 8), WINDOWS);
            windows.office("VLA-01", a, "pulse", "CES", bucket, 31, counts(1, 12, 2, 10, 3, 4, 4, 3, 5, 2), WINDOWS);
            windows.office("VLA-01", a, "pulse", "CSAT", bucket, 12, counts(3, 6, 4, 6), WINDOWS);
            windows.office("VLA-02", a, "jc-seeker", "Q1", bucket, 50, counts(6, 20, 8, 30), WINDOWS);
        }
        for (String a : List.of("employer", "all")) {
            windows.office("VLA-01", a, "jc-employer", "Q5", bucket, 32, counts(3, 8, 7, 8, 8, 16), WINDOWS);
        }
        for (String a : List.of("visitor", "all")) {
            windows.office("VLA-01", a, "kiosk-quick", "K1", bucket, 60, counts(1, 6, 2, 9, 3, 20, 4, 25), WINDOWS);
        }
        windows.responses("office", "VLA-01", "all", "jc-seeker", bucket, 40, 40, 0, WINDOWS);
        windows.responses("office", "VLA-01", "all", "jc-employer", bucket, 32, 32, 0, WINDOWS);
        windows.responses("office", "VLA-01", "all", "kiosk-quick", bucket, 60, 60, 0, WINDOWS);
        windows.responses("office", "VLA-01", "all", "pulse", bucket, 40, 40, 0, WINDOWS);
        windows.responses("office", "VLA-02", "all", "jc-seeker", bucket, 50, 50, 0, WINDOWS);
        windows.watermark("office", "VLA-01", bucket);
        windows.watermark("office", "VLA-02", bucket);
        // Vladimir's own rows, not its offices pooled (87 of 118 + 30 of 50; 222 responses)
        for (String w : WINDOWS) {
            windows.window("region", "VLA", "all", w, "jc-seeker", "Q1", bucket, 100, counts(9, 70, 5, 30));
            windows.window("region", "VLA", "all", w, "kiosk-quick", "K1", bucket, 100, counts(3, 40, 4, 40, 1, 20));
        }
        windows.responses("region", "VLA", "all", "jc-seeker", bucket, 300, 200, 0, WINDOWS);
        windows.responses("region", "VLA", "all", "kiosk-quick", bucket, 100, 100, 0, WINDOWS);
        windows.watermark("region", "VLA", bucket);
        // Vladimir in the 30 days before the federal page's 30 days: 50 of 100 (now 70 of 100: +20 points, z = 2.89)
        windows.history("region", "VLA", "all", "day", bucket.minus(java.time.Duration.ofDays(45))
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS), "jc-seeker", "Q1", 1, counts(3, 50, 9, 50));
        server = TestServer.start(1);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void browser() {
        driver = HeadlessChromium.start(1280, 800);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private void login(String user, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        driver.get(server.base() + "/");
        waitFor("login page", () -> driver.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        waitFor("signed in", () -> !driver.getCurrentUrl().contains("/login"));
    }

    private String value(String questionId) {
        return driver.findElement(By.cssSelector(".indicator[data-question='" + questionId + "'] .bar-value")).getText();
    }

    private String text(By by) {
        return driver.findElement(by).getText();
    }

    /** What the share chart the selector finds plots: its share, colour and 95% interval, or "no chart". */
    private String plotted(String css) {
        JsonNode o = EChartsOnPage.option(driver, css);
        if (o == null) {
            return "no chart";
        }
        JsonNode bar = o.path("series").get(0).path("data").get(0);
        JsonNode interval = o.path("series").get(1).path("data");
        return number(bar.path("value")) + " " + bar.path("itemStyle").path("color").asText()
                + (interval.isEmpty() ? "" : " " + number(interval.get(0).get(0)) + "–" + number(interval.get(0).get(1)));
    }

    /** A figure as the same text whether JSON wrote it as 1 (the page) or 1.0 (the API). */
    private static String number(JsonNode n) {
        return n.isNull() ? "null" : String.valueOf(n.asDouble());
    }

    /** The same as the API gives it to the page: share, the colour of a sufficient (accent) or thin (grey) sample, interval. */
    private static String expectedBar(JsonNode s) {
        return number(s.path("share")) + " " + (s.path("sufficient").asBoolean() ? "#1f6feb" : "#9aa4b2")
                + (s.path("low").isNull() ? "" : " " + number(s.path("low")) + "–" + number(s.path("high")));
    }

    /** One office item's figure from the API the page reads, in the page's window, for all audiences. */
    private JsonNode officeItem(String user, String office, String questionId) throws Exception {
        String window = (String) ((JavascriptExecutor) driver).executeScript("return document.body.dataset.window || '30d';");
        JsonNode d = JSON.readTree(server.get("/api/v1/offices/" + office + "/indicators?window=" + window, server.login(user)).body());
        for (JsonNode it : d.path("byAudience").path("all")) {
            if (it.path("questionId").asText().equals(questionId)) {
                return it;
            }
        }
        throw new AssertionError("the API has no " + questionId + ": " + d);
    }

    /**
     * The page shows {@code expected} there. The pages redraw themselves from live polls, so an element
     * found a moment ago may be replaced (stale) by the time it is read: read again until it holds.
     */
    private void shows(String what, String expected, java.util.function.Supplier<String> read) {
        showsThat(what + " = " + expected, expected::equals, read);
    }

    private void showsThat(String what, java.util.function.Predicate<String> holds, java.util.function.Supplier<String> read) {
        String[] last = {null};
        try {
            waitFor(what, () -> holds.test(last[0] = read.get()));
        } catch (AssertionError e) {
            throw new AssertionError(what + ": the page shows " + (last[0] == null ? "nothing readable" : "\"" + last[0] + "\""), e);
        }
    }

    private void waitFor(String what, BooleanSupplier condition) {
        HeadlessChromium.await(what, Duration.ofSeconds(15), condition);
    }

    private void screenshot(String name) {
        HeadlessChromium.screenshot(driver, SCREENSHOTS, name);
    }

    /** Full-page screenshot: grow the window to the document height first (headless allows it). */
    private void fullPageScreenshot(String name, int width) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // the window size includes browser chrome: grow until the viewport holds the whole document
        for (int i = 0; i < 3; i++) {
            long doc = (Long) js.executeScript("return document.documentElement.scrollHeight");
            long viewport = (Long) js.executeScript("return window.innerHeight");
            if (viewport >= doc) {
                break;
            }
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(size.getHeight() + doc - viewport + 10, 5000)));
            Thread.sleep(200);
        }
        screenshot(name);
    }

    private long scrollWidth() {
        return (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
    }

    @Test
    void officePageAtPhoneWidthDrawsChartsAndUpdatesLive() throws Exception {
        login("office-VLA-01", 390, 844);
        assertTrue(driver.getCurrentUrl().endsWith("/offices/VLA-01"), driver.getCurrentUrl());
        waitFor("indicator bars drawn", () -> driver.findElements(By.cssSelector("#indicators .indicator")).size() == 16);
        shows("responses", "172", () -> text(By.id("responses")));
        showsThat("as of", t -> t.startsWith("данные на ") && t.endsWith("назад)"), () -> text(By.id("as-of")));
        shows("Q1", "87,5% (n=40)", () -> value("Q1"));
        shows("Q2", "недостаточно данных (n=10)", () -> value("Q2"));
        // the bars plot the API's figures: Q1's share with its interval, Q2's thin share in grey
        JsonNode q1 = officeItem("office-VLA-01", "VLA-01", "Q1");
        assertEquals(0.875, q1.path("share").asDouble(), 1e-9);
        shows("Q1 bar", expectedBar(q1), () -> plotted(".indicator[data-question='Q1'] .share-bar"));
        assertTrue(expectedBar(q1).matches("0\\.875 #1f6feb 0\\.\\d+–0\\.\\d+"), expectedBar(q1));
        shows("Q2 bar", expectedBar(officeItem("office-VLA-01", "VLA-01", "Q2")),
                () -> plotted(".indicator[data-question='Q2'] .share-bar"));
        String q2Chart = EChartsOnPage.instance(driver, ".indicator[data-question='Q2'] .share-bar");
        shows("kiosk satisfaction", "75%", () -> text(By.id("kiosk-satisfaction")));
        shows("CSAT", "недостаточно данных", () -> text(By.id("csat")));
        shows("kiosk buttons", "[6, 9, 20, 25]", () -> {
            JsonNode o = EChartsOnPage.option(driver, "#kiosk-chart .kiosk-bars");
            return o == null ? "no chart" : java.util.stream.StreamSupport.stream(o.path("series").get(0).path("data").spliterator(), false)
                    .map(b -> b.path("value").asText()).toList().toString();
        });
        showsThat("kiosk buttons' shares", t -> t.endsWith("41,7%\"]"), () -> {
            JsonNode o = EChartsOnPage.option(driver, "#kiosk-chart .kiosk-bars");
            return o == null ? "no chart" : o.path("xAxis").get(0).path("data").toString();
        });
        assertTrue(scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + scrollWidth());
        screenshot("office-phone-top");
        fullPageScreenshot("office-phone-full", 390);
        driver.manage().window().setSize(new Dimension(390, 844));

        // live update: new version of the Q2 bucket and more responses; the page must change without reloading
        ((JavascriptExecutor) driver).executeScript("window.__noReload = 'still-here';");
        for (String a : List.of("seeker", "all")) {
            windows.office("VLA-01", a, "jc-seeker", "Q2", bucket, 40, counts(6, 4, 9, 6, 10, 30), WINDOWS);
        }
        windows.responses("office", "VLA-01", "all", "jc-seeker", bucket, 70, 70, 0, WINDOWS);
        waitFor("Q2 updated", () -> value("Q2").equals("90% (n=40)"));
        shows("Q2 bar updated", expectedBar(officeItem("office-VLA-01", "VLA-01", "Q2")),
                () -> plotted(".indicator[data-question='Q2'] .share-bar"));
        assertEquals(q2Chart, EChartsOnPage.instance(driver, ".indicator[data-question='Q2'] .share-bar"),
                "the live update redraws Q2's chart in place");
        showsThat("responses updated to 202", t -> t.startsWith("202 /"),
                () -> text(By.id("responses")) + " / status: " + text(By.id("status")));
        assertEquals("still-here", ((JavascriptExecutor) driver).executeScript("return window.__noReload;"));
        screenshot("office-phone-after-update");

        // audience switch re-draws from the same data
        driver.findElement(By.cssSelector("#audience button[data-audience='employer']")).click();
        waitFor("employer view", () -> value("Q5").equals("50% (n=32)") && value("Q1").equals("нет ответов"));
    }

    @Test
    void anOfficeWithFlaggedResponsesShowsTheCleanIndexWithTheRawBesideAndTheNumberLeftOut() throws Exception {
        // VLA-02's Q1: 30 eights and 20 sixes; ten of the eights are fakes under a fraud flag
        for (String a : List.of("seeker", "all")) {
            for (String w : WINDOWS) {
                windows.cleanWindow("office", "VLA-02", a, w, "jc-seeker", "Q1", bucket, 51, 10, counts(6, 20, 8, 20));
            }
        }
        for (String w : WINDOWS) {
            windows.cleanResponses("office", "VLA-02", "all", w, "jc-seeker", bucket, 51, 40, 10);
        }
        login("office-VLA-02", 390, 844);
        waitFor("indicator bars drawn", () -> driver.findElements(By.cssSelector("#indicators .indicator")).size() == 16);
        showsThat("clean notice", t -> t.startsWith("Чистый индекс: без 10 ответов"), () -> text(By.id("clean-notice")));
        shows("clean Q1", "50% (n=40)", () -> value("Q1"));
        shows("raw Q1 beside", "все ответы: 60% (n=50)", () -> driver.findElement(
                By.cssSelector(".indicator[data-question='Q1'] .bar-meta")).getText());
        shows("responses", "40", () -> text(By.id("responses")));
        shows("raw responses", "все ответы: 50", () -> text(By.id("responses-sub")));
        assertTrue(scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + scrollWidth());
        screenshot("office-clean-phone");
    }

    @Test
    void officePageAtDesktopWidthInEnglish() throws Exception {
        login("office-VLA-01", 1280, 900);
        driver.get(server.base() + "/offices/VLA-01?lang=en");
        waitFor("indicator bars drawn", () -> driver.findElements(By.cssSelector("#indicators .indicator")).size() == 16);
        waitFor("english values", () -> value("Q2").startsWith("insufficient data") || value("Q2").startsWith("90%"));
        assertTrue(driver.findElement(By.cssSelector(".indicator[data-question='Q1'] .bar-label")).getText()
                .contains("I consider my visit to the job centre useful"));
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
        fullPageScreenshot("office-desktop-en", 1280);
        // the choice is remembered: the next page without ?lang is English too
        driver.get(server.base() + "/offices/VLA-01");
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    void regionAndFederalPagesRankOffices() throws Exception {
        login("federal", 390, 844);
        assertTrue(driver.getCurrentUrl().endsWith("/regions"), driver.getCurrentUrl());
        waitFor("regions drawn", () -> driver.findElements(By.cssSelector("#regions .region")).size() == 13);
        // Vladimir's region rows, not its offices pooled
        shows("Vladimir's value", "70% (n=100)", () -> text(By.cssSelector("#regions .region[data-region='VLA'] .bar-value")));
        showsThat("Vladimir's bar", t -> t.startsWith("0.7 #1f6feb 0."),
                () -> plotted("#regions .region[data-region='VLA'] .share-bar"));
        assertTrue(text(By.cssSelector("#regions .region[data-region='VLA'] .bar-meta")).contains("децентрализованная сеть"));
        String lipetsk = text(By.cssSelector("#regions .region[data-region='LIP'] .bar-meta"));
        assertTrue(lipetsk.contains("централизованная сеть") && !lipetsk.contains("децентрализованная"), lipetsk);
        assertTrue(text(By.cssSelector("#regions .region:first-child .qid")).startsWith("1. "), "ranked");
        // beside the period before, the rise marked as significant
        showsThat("Vladimir's previous period", t -> t.contains("прошлый период: 50%") && t.contains("+20") && t.contains("▲"),
                () -> text(By.cssSelector("#regions .region[data-region='VLA'] .bar-meta.previous")));
        fullPageScreenshot("regions-phone", 390);
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(server.base() + "/regions/VLA");
        waitFor("offices drawn", () -> driver.findElements(By.cssSelector("#offices .office")).size() == 2);
        waitFor("region total drawn", () -> driver.findElement(By.id("total-responses")).getText().equals("300"));
        shows("region positive", "70%", () -> text(By.id("total-positive")));
        shows("region kiosk", "80%", () -> text(By.id("total-kiosk")));
        showsThat("as of", t -> t.startsWith("данные на "), () -> text(By.id("as-of")));
        // pooled 87 of 118 ranks above 30 of 50
        shows("first office", "VLA-01", () -> driver.findElements(By.cssSelector("#offices .office")).get(0)
                .getAttribute("data-office"));
        JsonNode offices = JSON.readTree(server.get("/api/v1/regions/VLA/offices?window="
                + ((JavascriptExecutor) driver).executeScript("return document.body.dataset.window || '30d';"), server.login("federal")).body());
        assertEquals("VLA-01", offices.path("offices").get(0).path("office").asText(), offices.toString());
        shows("VLA-01's bar", expectedBar(offices.path("offices").get(0).path("positive")),
                () -> plotted("#offices .office[data-office='VLA-01'] .share-bar"));
        assertTrue(scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + scrollWidth());
        screenshot("region-phone");
        driver.manage().window().setSize(new Dimension(1280, 800));
        Thread.sleep(300);
        screenshot("region-desktop");
    }
}
