package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;

/**
 * The checklists' pages in headless Chromium at a tablet's size (820x1180): a staff member fills in the openness
 * checklist with an uploaded PNG and submits; an expert accepts four entries and rejects one with a comment.
 * Screenshots: target/screenshots/checklist-*.png.
 */
class ChecklistPagesIT {

    private static final int W = 820;
    private static final int H = 1180;

    @TempDir
    static Path dir;
    private static KafkaBroker kafka;
    private static TestServer server;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        kafka.createTopics(1, "checklists.reports");
        server = TestServer.start(5, java.time.Clock.systemUTC(), OperationalSettings.none()
                        .withPostgres(OperationalDatabases.fresh("checklist_pages"), PostgresServer.USER)
                        .withKafka(kafka.bootstrapServers(), "alert.reviews"),
                DeliverySettings.none(), CaseSettings.defaults());
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void staffFillInAndAnExpertReviewsOnATablet() throws Exception {
        String period = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, LocalDate.now(ZoneOffset.UTC)).code();
        Path photo = dir.resolve("stand.png");
        Files.write(photo, ChecklistIT.png());
        try (PageBrowser b = new PageBrowser(server, W, H)) {
            b.login("office-BRY-01");
            b.open("/checklists");
            b.waitFor("list", () -> b.driver.findElements(By.cssSelector("tr[data-indicator]")).size() == 13);
            b.fullPageScreenshot("checklist-list", W, H);
            b.driver.findElement(By.cssSelector("tr[data-indicator=management_openness] a")).click();
            b.waitFor("form", () -> b.driver.findElements(By.cssSelector("fieldset.entry")).size() == 5);
            List<WebElement> sets = b.driver.findElements(By.cssSelector("fieldset.entry"));
            for (int n = 0; n < sets.size(); n++) {
                WebElement fs = sets.get(n);
                fs.findElement(By.cssSelector("input[value=true]")).click();
                if (n == 0) {
                    fs.findElement(By.cssSelector("input[type=file]")).sendKeys(photo.toAbsolutePath().toString());
                } else {
                    fs.findElement(By.cssSelector("input[type=url]")).sendKeys("https://bry.example.org/p" + n);
                }
            }
            b.waitFor("thumbnail", () -> !b.driver.findElements(By.cssSelector("fieldset.entry .thumb img")).isEmpty());
            b.driver.findElement(By.id("save")).click();
            b.waitFor("draft saved", () -> b.driver.findElement(By.id("meta")).getText().contains("черновик"));
            b.fullPageScreenshot("checklist-form-draft", W, H);
            b.driver.findElement(By.id("submit")).click();
            b.waitFor("submitted", () -> b.driver.findElement(By.id("meta")).getText().contains("отправлен"));
            b.fullPageScreenshot("checklist-form-submitted", W, H);
            assertTrue(b.scrollWidth() <= W, "no horizontal scrolling on a tablet");
            // and on a phone: the list and the form without horizontal scrolling
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            b.open("/checklists");
            b.waitFor("list on a phone", () -> b.driver.findElements(By.cssSelector("tr[data-indicator]")).size() == 13);
            b.fullPageScreenshot("checklist-list-phone", 390, 844);
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling on a phone: " + b.scrollWidth());
        }
        try (PageBrowser b = new PageBrowser(server, W, H)) {
            b.login("federal");
            b.open("/checklists/review");
            b.waitFor("queue", () -> !b.driver.findElements(By.cssSelector("#queue a")).isEmpty());
            b.fullPageScreenshot("checklist-review-queue", W, H);
            b.driver.findElement(By.cssSelector("#queue a")).click();
            for (int n = 0; n < 5; n++) {
                int k = n;
                b.waitFor("entries", () -> b.driver.findElements(By.cssSelector(".review-entry")).size() == 5);
                WebElement row = b.driver.findElements(By.cssSelector(".review-entry")).get(k);
                if (k == 4) {
                    row.findElement(By.cssSelector("input[name=comment]")).sendKeys("Фото не подтверждает");
                    row.findElement(By.cssSelector("button.reject")).click();
                } else {
                    row.findElement(By.cssSelector("button.accept")).click();
                }
                b.waitFor("decided " + k, () -> b.driver.findElements(By.cssSelector(".review-entry .review.pending")).size()
                        == 4 - k);
            }
            b.fullPageScreenshot("checklist-review-done", W, H);
            String text = b.driver.findElement(By.id("review")).getText();
            assertTrue(text.contains("0.80 / 1.00"), text);
            assertTrue(text.contains("Фото не подтверждает"), text);
            assertTrue(b.scrollWidth() <= W, "no horizontal scrolling on a tablet");
        }
        assertEquals(200, server.get("/health", null).statusCode());
    }
}
