package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** A browser's folder and processes go when it quits, and after its JVM is killed, at the next start. */
class HeadlessChromiumIT {

    @Test
    void quitStopsTheBrowserAndDeletesItsProfile() throws Exception {
        Set<Path> before = browserFolders();
        ChromeDriver browser = HeadlessChromium.start(400, 300);
        Path dir = null;
        try {
            browser.get("data:text/html,<p id='p'>hello</p>");
            assertEquals("hello", browser.findElement(By.id("p")).getText());
            Set<Path> mine = browserFolders();
            mine.removeAll(before);
            assertEquals(1, mine.size(), "one folder per browser: " + mine);
            dir = mine.iterator().next();
            assertTrue(Files.isDirectory(dir.resolve("profile")), "the profile is in the owned folder");
            assertFalse(FolderProcesses.runningFrom(dir).isEmpty(), "chromedriver and Chromium run from it");
        } finally {
            browser.quit();
        }
        assertFalse(Files.exists(dir), "quit() deleted the browser's folder");
        assertEquals(List.of(), FolderProcesses.runningFrom(dir), "no browser process outlives quit()");
    }

    @Test
    void aKilledJvmsBrowserIsStoppedAndSweptByTheNextBrowser() throws Exception {
        Set<Path> before = browserFolders();
        try (ScenarioJvm jvm = ScenarioJvm.start("browser")) {
            Set<Path> theirs = browserFolders();
            theirs.removeAll(before);
            assertEquals(1, theirs.size(), theirs.toString());
            Path dir = theirs.iterator().next();
            try {
                jvm.kill();
                assertTrue(Files.isDirectory(dir), "no hook ran: the folder is still there");

                ChromeDriver next = HeadlessChromium.start(400, 300); // sweeps first
                next.quit();
                assertFalse(Files.exists(dir), "the next browser's start swept the killed JVM's folder");
                assertEquals(List.of(), FolderProcesses.runningFrom(dir));
            } finally {
                FolderProcesses.stop(dir, Duration.ZERO);
                FileTrees.delete(dir);
            }
        }
    }

    private static Set<Path> browserFolders() throws IOException {
        try (Stream<Path> entries = Files.list(OwnedTempDir.tempRoot())) {
            return new HashSet<>(entries.filter(p -> p.getFileName().toString().startsWith(HeadlessChromium.DIR_PREFIX))
                    .toList());
        }
    }
}
