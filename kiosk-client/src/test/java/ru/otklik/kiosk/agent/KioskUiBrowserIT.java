package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.KioskTap;
import ru.otklik.infra.local.HeadlessChromium;

/**
 * The touch UI in headless Debian chromium against a whole in-process agent whose forwarder sends
 * to a {@link TestIngest}: portrait 1080x1920 and landscape 1280x800, a press with a reason reaching
 * ingest once with the reason, the idle reset, a mashed smiley reaching ingest as one tap with its
 * suppressed presses, the English toggle, and the out-of-order screen. Screenshots go to
 * {@code target/screenshots/kiosk-*.png}.
 */
class KioskUiBrowserIT {

    private static final String DEVICE = "k-ui-1";
    private static final long IDLE_MS = 1_500;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path journalDir;

    private final String secret = KioskSignature.newSecret();
    private TestIngest ingest;
    private InProcessAgent agent;
    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        ingest = new TestIngest(DEVICE, secret);
        agent = InProcessAgent.start(ingest, DEVICE, secret, journalDir, IDLE_MS);
        driver = HeadlessChromium.start(1080, 1920);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (agent != null) {
            agent.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void portraitPressReasonIdleResetMashAndEnglish() throws Exception {
        viewport(1080, 1920);
        driver.get(agent.base() + "/");
        waitForScreen("start");
        assertEquals("ru", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Насколько вы довольны сегодняшним визитом?", driver.findElement(By.id("question")).getText());
        assertLargeTargetsInside(1080, 1920);
        screenshot("kiosk-start-portrait");

        // a press, then a reason: one tap at ingest, with that reason
        smiley(4).click();
        waitForScreen("thanks");
        WebElement reason = driver.findElement(By.cssSelector(".reason[data-reason='staff_attitude']"));
        assertEquals("Отношение сотрудников", reason.getText());
        screenshot("kiosk-thanks-portrait");
        waitFor("reason buttons enabled after the touch guard", reason::isEnabled);
        reason.click();
        waitForScreen("done");
        screenshot("kiosk-reason-portrait");
        TestIngest.await("the rated tap at ingest", 15_000, () -> tapsWithButton(4).size() == 1);
        KioskTap rated = tapsWithButton(4).get(0);
        assertEquals("staff_attitude", rated.reason());
        assertEquals(0, rated.suppressedPresses());

        // back to the question by itself
        waitForScreen("start");

        // no reason: the thank-you screen times out, the tap leaves after its window without a reason
        smiley(2).click();
        waitForScreen("thanks");
        waitForScreen("start");
        TestIngest.await("the tap without a reason at ingest", 15_000, () -> tapsWithButton(2).size() == 1);
        assertNull(tapsWithButton(2).get(0).reason());

        // three quick presses of one smiley (before the screen changes): one tap, two suppressed
        driver.executeScript("var b = document.querySelector(\".smiley[data-button='1']\"); b.click(); b.click(); b.click();");
        waitForScreen("thanks");
        TestIngest.await("the mashed tap at ingest", 15_000, () -> tapsWithButton(1).size() == 1);
        assertEquals(2, tapsWithButton(1).get(0).suppressedPresses());
        waitForScreen("start");
        assertEquals(2, agent.status().path("suppressedPresses").asInt());

        // English
        driver.findElement(By.id("lang-toggle")).click();
        waitFor("English question", () -> "How satisfied are you with your visit today?"
                .equals(driver.findElement(By.id("question")).getText()));
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Excellent", driver.findElement(By.cssSelector("[data-caption='4']")).getText());
        screenshot("kiosk-en-portrait");
        smiley(3).click();
        waitForScreen("thanks");
        assertEquals("Waiting time",
                driver.findElement(By.cssSelector(".reason[data-reason='waiting_time']")).getText());
        screenshot("kiosk-thanks-en-portrait");
        waitForScreen("start");
        waitFor("Russian again after the idle reset", () -> "ru".equals(
                driver.findElement(By.tagName("html")).getAttribute("lang")));

        TestIngest.await("every tap at ingest", 15_000, () -> ingest.accepted.size() == 4);
        assertEquals(4, ingest.acceptedIds().size(), "each tap exactly once");
        assertEquals(0, ingest.badSignatures.get());
    }

    @Test
    void landscapeLayoutAndTheOutOfOrderScreen() throws Exception {
        viewport(1280, 800);
        driver.get(agent.base() + "/");
        waitForScreen("start");
        assertLargeTargetsInside(1280, 800);
        screenshot("kiosk-start-landscape");
        smiley(3).click();
        waitForScreen("thanks");
        for (WebElement r : driver.findElements(By.cssSelector(".reason"))) {
            Rectangle box = r.getRect();
            assertTrue(box.getY() + box.getHeight() <= viewportHeight(), "reason button cut off: " + r.getText());
        }
        assertFalse(driver.findElement(By.id("comment")).isDisplayed(), "no comment after a happy button");
        screenshot("kiosk-thanks-landscape");
        waitForScreen("start");

        // an unhappy button: a comment, written on the on-screen keyboard, leaves with the reason in the same tap
        smiley(1).click();
        waitForScreen("thanks");
        WebElement comment = driver.findElement(By.id("comment"));
        assertTrue(comment.isDisplayed(), "the comment field after an unhappy button");
        assertEquals("Что случилось? Напишите, если хотите (необязательно)", comment.getAttribute("placeholder"));
        for (WebElement r : driver.findElements(By.cssSelector(".reason, #comment"))) {
            Rectangle box = r.getRect();
            assertTrue(box.getY() + box.getHeight() <= viewportHeight(), "cut off: " + r.getText() + r.getTagName());
        }
        comment.sendKeys("Окно 3 закрыто, очередь 40 минут");
        screenshot("kiosk-comment-landscape");
        WebElement waiting = driver.findElement(By.cssSelector(".reason[data-reason='waiting_time']"));
        waitFor("reason buttons enabled after the touch guard", waiting::isEnabled);
        waiting.click();
        waitForScreen("done");
        TestIngest.await("the commented tap at ingest", 15_000, () -> tapsWithButton(1).size() == 1);
        KioskTap complaint = tapsWithButton(1).get(0);
        assertEquals("waiting_time", complaint.reason());
        assertEquals("Окно 3 закрыто, очередь 40 минут", complaint.comment());
        waitForScreen("start");

        // the agent is gone (or refuses the tap): the visitor is told, never thanked
        agent.close();
        agent = null;
        smiley(4).click();
        waitForScreen("error");
        assertTrue(driver.findElement(By.id("screen-error")).getText().contains("сообщите"),
                driver.findElement(By.id("screen-error")).getText());
        screenshot("kiosk-error-landscape");
    }

    /** Sizes the window so the page itself (not the window with its frame) is width x height. */
    private void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long frame = ((Number) driver.executeScript("return window.outerHeight - window.innerHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(width, height + (int) frame));
    }

    private WebElement smiley(int button) {
        return driver.findElement(By.cssSelector(".smiley[data-button='" + button + "']"));
    }

    private List<KioskTap> tapsWithButton(int button) {
        return ingest.accepted.stream().filter(t -> t.button() == button).toList();
    }

    private long viewportHeight() {
        return ((Number) driver.executeScript("return window.innerHeight;")).longValue();
    }

    /** Smileys at least 150 px and wholly on screen; the language toggle reachable too. */
    private void assertLargeTargetsInside(int width, int height) {
        long vw = ((Number) driver.executeScript("return window.innerWidth;")).longValue();
        long vh = viewportHeight();
        assertEquals(width, vw, "viewport width");
        assertEquals(height, vh, "viewport height");
        for (int b = 1; b <= 4; b++) {
            Rectangle face = driver.findElement(By.cssSelector(".smiley[data-button='" + b + "'] svg")).getRect();
            assertTrue(face.getWidth() >= 150 && face.getHeight() >= 150, "smiley " + b + " is " + face.getDimension());
            assertTrue(face.getX() >= 0 && face.getX() + face.getWidth() <= vw, "smiley " + b + " off screen");
            assertTrue(face.getY() + face.getHeight() <= vh, "smiley " + b + " below the fold");
        }
        Rectangle toggle = driver.findElement(By.id("lang-toggle")).getRect();
        assertTrue(toggle.getHeight() >= 64 && toggle.getX() + toggle.getWidth() <= vw);
    }

    private void waitForScreen(String screen) {
        waitFor("screen " + screen, () -> screen.equals(driver.findElement(By.tagName("body"))
                .getAttribute("data-screen")) && driver.findElement(By.id("screen-" + screen)).isDisplayed());
    }

    private void waitFor(String what, BooleanSupplier condition) {
        HeadlessChromium.await(what, Duration.ofSeconds(20), condition);
    }

    private void screenshot(String name) {
        HeadlessChromium.screenshot(driver, SCREENSHOTS, name);
    }
}
