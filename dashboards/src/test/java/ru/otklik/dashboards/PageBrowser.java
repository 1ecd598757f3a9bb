package ru.otklik.dashboards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import ru.otklik.infra.local.HeadlessChromium;

/** Headless Chromium signed in to a test server: waiting, sizing and full-page screenshots into target/screenshots. */
final class PageBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final TestServer server;

    PageBrowser(TestServer server, int width, int height) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        this.server = server;
        this.driver = HeadlessChromium.start(width, height);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void login(String user) {
        driver.get(server.base() + "/");
        waitFor("login page", () -> driver.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        waitFor("signed in", () -> !driver.getCurrentUrl().contains("/login"));
    }

    void open(String path) {
        driver.get(server.base() + path);
    }

    void waitFor(String what, BooleanSupplier condition) {
        HeadlessChromium.await(what, Duration.ofSeconds(15), condition);
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    long scrollWidth() {
        return (Long) js("return document.documentElement.scrollWidth");
    }

    /** Grows the window to the document height (headless allows it), takes the shot, restores the size. */
    void fullPageScreenshot(String name, int width, int height) throws Exception {
        for (int i = 0; i < 3; i++) {
            long doc = (Long) js("return document.documentElement.scrollHeight");
            long viewport = (Long) js("return window.innerHeight");
            if (viewport >= doc) {
                break;
            }
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(size.getHeight() + doc - viewport + 10, 7000)));
            Thread.sleep(300);
        }
        HeadlessChromium.screenshot(driver, SCREENSHOTS, name);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * The ECharts option of the chart drawn into the first element the selector finds, as the library holds it
     * (ECharts' getOption), once it is drawn: an instance on the element and its canvas in it.
     */
    com.fasterxml.jackson.databind.JsonNode chartOption(String selector) {
        String script = "var el = document.querySelector(arguments[0]);"
                + " var chart = el && window.echarts && echarts.getInstanceByDom(el);"
                + " return chart && el.querySelector('canvas') ? JSON.stringify(chart.getOption()) : null;";
        waitFor("a chart drawn in " + selector, () -> ((JavascriptExecutor) driver).executeScript(script, selector) != null);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    (String) ((JavascriptExecutor) driver).executeScript(script, selector));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("the chart's option is not JSON", e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
