package ru.otklik.infra.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by its chromedriver, headless, for the browser tests: the one place
 * that knows the paths and the flags this machine needs (no network, no sandbox as root, its own
 * profile directory so parallel browsers do not share one). Selenium must be on the caller's
 * test class path.
 *
 * <p>Each browser gets an {@link OwnedTempDir} {@code otklik-chromium-*} holding its profile:
 * {@link ChromeDriver#quit()} of the returned driver also stops what still runs from it and deletes
 * it; a browser never quit goes at JVM exit; the folders of a killed JVM are swept by the next
 * browser started. chromedriver runs under a {@link ParentWatchdog}, so it does not outlive the JVM.
 */
public final class HeadlessChromium {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";
    /** {@code <java.io.tmpdir>/otklik-chromium-<random>}: what a sweep looks for. */
    public static final String DIR_PREFIX = "otklik-chromium-";
    private static final Duration QUIT_GRACE = Duration.ofSeconds(5);
    /** 107 bytes minus Chromium's {@code /org.chromium.Chromium.XXXXXX/SingletonSocket}, with a margin. */
    private static final int MAX_TMPDIR_FOR_SOCKETS = 60;

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
        OwnedTempDir dir = OwnedTempDir.create(DIR_PREFIX);
        try {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(guardedDriver(dir.path()).toFile()).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", "--hide-scrollbars", "--lang=ru-RU",
                    "--user-data-dir=" + dir.path().resolve("profile"));
            extra.accept(options);
            ChromeDriver driver = new Browser(service, options, dir);
            driver.manage().window().setSize(new Dimension(width, height));
            return driver;
        } catch (RuntimeException e) {
            dir.release(QUIT_GRACE);
            throw e;
        }
    }

    /**
     * A script in the browser's folder that runs chromedriver under the {@link ParentWatchdog}
     * (Selenium takes one executable, no wrapper command) and names the folder on chromedriver's
     * command line (chromedriver ignores the unknown flag), so a release or a sweep finds it; and
     * points Chromium's TMPDIR into the folder.
     */
    private static Path guardedDriver(Path dir) {
        Path script = dir.resolve("chromedriver-guarded");
        try {
            // Chromium's own temp files (org.chromium.Chromium.*, left when it is killed) go in the folder
            // too — unless the folder's path is so long that Chromium's socket in there would pass the
            // 107-byte limit of a Unix socket path (it then fails with "Chrome instance exited")
            String tmpdir = dir.toString().length() <= MAX_TMPDIR_FOR_SOCKETS ? "export TMPDIR=" + dir + "\n" : "";
            // chromedriver's and Chromium's output goes to a file in the folder, not to Selenium's pipe: Chromium's
            // helpers outlive chromedriver for a moment and, holding the pipe, kept quit() waiting ~20 s for its end
            Files.writeString(script, "#!/bin/bash\n"
                    + "exec >>" + dir.resolve("chromedriver.log") + " 2>&1\n"
                    + tmpdir
                    + "set -- " + DRIVER + " --otklik-owner=" + dir + " \"$@\"\n"
                    + ParentWatchdog.SCRIPT + "\n");
            if (!script.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + script + " executable");
            }
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The driver whose {@link #quit()} also takes the browser's folder away. */
    private static final class Browser extends ChromeDriver {

        private final OwnedTempDir dir;

        Browser(ChromeDriverService service, ChromeOptions options, OwnedTempDir dir) {
            super(service, options);
            this.dir = dir;
        }

        @Override
        public void quit() {
            try {
                super.quit();
            } finally {
                dir.release(QUIT_GRACE);
            }
        }
    }

    /**
     * Polls until the page shows what the test waits for. selenium-support (WebDriverWait) is not a
     * dependency; a driver error counts as "not yet", since the page may be between two documents.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (WebDriverException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    /**
     * Reads something off a page that redraws itself (the dashboards poll and re-render): an element
     * found a moment ago may have been replaced by the time it is read, so a read that meets a stale
     * element is made again, whole, until it completes (at most 15 s). Only staleness is retried: any
     * other failure, and any value read, is the caller's to judge.
     */
    public static <T> T read(java.util.function.Supplier<T> read) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return read.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Saves what the browser shows as {@code dir/name.png} (the directory is created if needed). */
    public static Path screenshot(ChromeDriver driver, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }
}
