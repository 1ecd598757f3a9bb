package ru.otklik.infra.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by its chromedriver, headless, for the browser tests: the one place
 * that knows the paths and the flags this machine needs (no network, no sandbox as root, its own
 * profile directory so parallel browsers do not share one). Selenium must be on the caller's
 * test class path.
 */
public final class HeadlessChromium {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {
    }

    /** A browser with a window of the given size (e.g. 390×844 for a phone). */
    public static ChromeDriver start(int width, int height) {
        return start(width, height, options -> { });
    }

    /** The same, with test-specific options added (e.g. JavaScript switched off). */
    public static ChromeDriver start(int width, int height, Consumer<ChromeOptions> extra) {
        if (!new File(BINARY).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
                    + "run infra/install-packages.sh --browsers");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--hide-scrollbars", "--lang=ru-RU", "--user-data-dir=" + profileDir());
        extra.accept(options);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }

    private static String profileDir() {
        try {
            return Files.createTempDirectory("otklik-chromium-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
