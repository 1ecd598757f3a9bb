package ru.otklik.ingest.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.HeadlessChromium;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.SurveyLink;
import ru.otklik.ingest.testing.TopicReader;

/** The web questionnaire in headless Chromium at phone width, against a real Kafka. */
class QuestionnaireIT {

    private static final TestStack STACK = TestStack.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEYS = "k1:" + LinkKeys.newSecret();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Office OFFICE = OfficeDirectory.pilot().office("BRY-02").orElseThrow();
    private static final String TOPIC = "responses-q-" + UUID.randomUUID().toString().substring(0, 8);

    private static IngestService ingest;
    @TempDir
    static Path contactsDir;
    private ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        STACK.kafka().createTopics(3, TOPIC, TOPIC + ".dlq", TOPIC + ".reused");
        ingest = IngestService.start(config(STACK.kafka().bootstrapServers()));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private static IngestConfig config(String kafka) {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", kafka);
        env.put("OTKLIK_RESPONSES_TOPIC", TOPIC);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", TOPIC + ".dlq");
        env.put("OTKLIK_LINKS_REUSED_TOPIC", TOPIC + ".reused");
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT4S");
        env.put("OTKLIK_LINK_KEYS", KEYS);
        env.put("OTKLIK_CONTACTS_DIR", contactsDir.toString());
        return IngestConfig.load(env);
    }

    private static String token(String touchpoint, boolean singleUse, Instant expires) {
        return new LinkToken(LinkKeys.parse(KEYS), Clock.systemUTC()).sign(new SurveyLink(SurveyLink.newLinkId(),
                OFFICE.regionCode(), OFFICE.code(), touchpoint, null, "jc-seeker", 1, singleUse, expires));
    }

    private static String token(String touchpoint, boolean singleUse) {
        return token(touchpoint, singleUse, Instant.now().plus(Duration.ofDays(7)));
    }

    private static String base() {
        return "http://127.0.0.1:" + ingest.port();
    }

    @BeforeEach
    void browser() {
        driver = HeadlessChromium.start(390, 844);
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aRespondentAnswersStepByStepAndIsCountedOnce() throws Exception {
        String token = token("window-3", false);
        driver.get(base() + "/s/" + token);
        waitFor("the form", () -> !driver.findElements(By.id("questionnaire")).isEmpty());
        assertTrue(driver.findElement(By.cssSelector(".office")).getText().contains(OFFICE.name()));
        assertTrue(step(1).isDisplayed());
        assertFalse(step(2).isDisplayed(), "one step at a time");
        assertEquals("Шаг 1 из 6", driver.findElement(By.cssSelector(".progress-text")).getText());
        screenshot("phone-step1");

        // remote clients do not see in-person items
        tap("mode-remote");
        assertFalse(driver.findElement(By.id("q-Q2")).isDisplayed());
        tap("mode-in_person");
        assertTrue(driver.findElement(By.id("q-Q2")).isDisplayed());

        tap("Q1-8");
        tap("Q2-9");
        assertEquals("Ваш ответ: 8 — отлично", driver.findElement(By.cssSelector("#q-Q1 .chosen")).getText());
        next(1);
        assertTrue(step(2).isDisplayed());
        assertFalse(step(1).isDisplayed());
        tap("Q4-yes");
        back(2);
        assertTrue(step(1).isDisplayed());
        assertTrue(radio("Q1-8").isSelected(), "step-1 answers survive Back");
        assertTrue(radio("Q2-9").isSelected());
        assertTrue(radio("mode-in_person").isSelected());
        next(1);
        assertTrue(radio("Q4-yes").isSelected());
        next(2);
        tap("Q8-10");
        next(3);
        assertFalse(driver.findElement(By.id("q-Q12")).isDisplayed(), "Q12 waits for its gate");
        tap("Q12_gate-yes");
        assertTrue(driver.findElement(By.id("q-Q12")).isDisplayed());
        tap("Q12-7");
        screenshot("phone-step4");
        next(4);
        tap("Q14-website");
        next(5);
        ((JavascriptExecutor) driver).executeScript("document.getElementById('profile.gender').value='female'");
        driver.findElement(By.id("comment")).sendKeys("Спасибо консультанту");
        driver.findElement(By.id("email")).sendKeys("anna@example.ru");
        fullPageScreenshot("phone-step6", 390);
        driver.manage().window().setSize(new Dimension(390, 844));
        String responseId = driver.findElement(By.name("responseId")).getAttribute("value");
        click(driver.findElement(By.cssSelector("#step-6 .submit")));
        waitFor("thanks", () -> driver.findElement(By.tagName("h1")).getText().equals("Спасибо!"));
        screenshot("phone-thanks");

        List<JsonNode> records = records("window-3", 1);
        assertEquals(1, records.size(), records.toString());
        JsonNode r = records.get(0);
        assertEquals(responseId, r.get("responseId").asText());
        JsonNode meta = r.path("meta");
        assertTrue(meta.path("ipHash").asText().matches("[0-9a-f]{64}"), meta.toString());
        assertTrue(meta.path("userAgentHash").asText().matches("[0-9a-f]{64}"), meta.toString());
        assertTrue(meta.path("fillMillis").asLong(-1) > 0, "the form was open a while before it was sent: " + meta);
        assertFalse(r.path("startedTs").asText().isEmpty(), "the first rendering's time is sent");
        assertEquals("BRY-02", r.get("officeCode").asText());
        assertEquals(OFFICE.regionCode(), r.get("regionCode").asText());
        assertEquals("link", r.get("channel").asText());
        assertEquals("in_person", r.get("mode").asText());
        assertEquals("seeker", r.get("audience").asText());
        assertEquals(EventJson.mapper().readTree("{\"Q1\":8,\"Q2\":9,\"Q4\":\"yes\",\"Q8\":10,\"Q12\":7,"
                + "\"Q12_gate\":\"yes\",\"Q14\":\"website\"}"), r.get("answers"));
        assertEquals("female", r.at("/profile/gender").asText());
        assertEquals("Спасибо консультанту", r.get("comment").asText());
        assertFalse(r.toString().contains("anna@example.ru"), "the e-mail never goes to Kafka");
        List<String> contacts = Files.readAllLines(contactsDir.resolve(FileContactStore.FILE_NAME));
        assertEquals(1, contacts.size());
        JsonNode contact = EventJson.mapper().readTree(contacts.get(0));
        assertEquals(responseId, contact.get("responseId").asText());
        assertEquals("BRY-02", contact.get("officeCode").asText());
        assertEquals("anna@example.ru", contact.get("email").asText());

        // the browser's Back button and a second submit: same id, thanks again, no second record
        driver.navigate().back();
        waitFor("the form again", () -> !driver.findElements(By.id("questionnaire")).isEmpty());
        assertEquals(responseId, driver.findElement(By.name("responseId")).getAttribute("value"),
                "the page keeps the response id");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('questionnaire').requestSubmit()");
        waitFor("thanks again", () -> driver.findElement(By.tagName("h1")).getText().equals("Спасибо!"));
        HttpResponse<String> repost = post(token, Map.of("responseId", responseId, "Q1", "8"));
        assertEquals(200, repost.statusCode());
        assertTrue(repost.body().contains("Спасибо!"));
        assertEquals(1, records("window-3", 2).size(), "a resubmission is not a second record");
        assertEquals(1, Files.readAllLines(contactsDir.resolve(FileContactStore.FILE_NAME)).size());
    }

    @Test
    void aSingleUseLinkAnswersOnce() throws Exception {
        String token = token("window-7", true);
        driver.get(base() + "/s/" + token + "?lang=en");
        waitFor("the form", () -> !driver.findElements(By.id("questionnaire")).isEmpty());
        assertEquals("Step 1 of 6", driver.findElement(By.cssSelector(".progress-text")).getText());
        tap("Q1-10");
        String responseId = driver.findElement(By.name("responseId")).getAttribute("value");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('questionnaire').requestSubmit()");
        waitFor("thanks", () -> driver.findElement(By.tagName("h1")).getText().equals("Thank you!"));

        driver.get(base() + "/s/" + token);
        waitFor("already answered", () -> driver.findElement(By.tagName("h1")).getText().equals("Анкета уже заполнена"));
        screenshot("phone-already-answered");

        String attempt = UUID.randomUUID().toString();
        HttpResponse<String> other = post(token, Map.of("responseId", attempt, "Q1", "1"));
        assertEquals(409, other.statusCode());
        assertTrue(other.body().contains("Анкета уже заполнена"));
        // the second answer is told to the job (for its link_reused flag), with the first one's id, hashes only
        List<ConsumerRecord<byte[], byte[]>> reused = new TopicReader(STACK.kafka().bootstrapServers())
                .readAll(TOPIC + ".reused", 1, Duration.ofSeconds(15));
        List<JsonNode> mine = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : reused) {
            JsonNode json = EventJson.mapper().readTree(r.value());
            if (attempt.equals(json.path("attemptId").asText())) {
                mine.add(json);
                assertEquals(OFFICE.code(), new String(r.key(), StandardCharsets.UTF_8), "keyed by office");
            }
        }
        assertEquals(1, mine.size(), "one report of the second answer: " + mine);
        assertEquals(responseId, mine.get(0).path("firstResponseId").asText());
        assertEquals(OFFICE.code(), mine.get(0).path("officeCode").asText());
        assertEquals("jc-seeker", mine.get(0).path("surveyId").asText());
        assertTrue(mine.get(0).path("ipHash").asText().matches("[0-9a-f]{16,}"), "a hash, not the address: " + mine);
        assertFalse(mine.get(0).toString().contains("127.0.0.1"), mine.toString());
        HttpResponse<String> retry = post(token, Map.of("responseId", responseId, "Q1", "10", "lang", "en"));
        assertEquals(200, retry.statusCode());
        assertTrue(retry.body().contains("Thank you!"));
        List<JsonNode> records = records("window-7", 2);
        assertEquals(1, records.size());
        assertEquals(10, records.get(0).at("/answers/Q1").asInt());
    }

    @Test
    void desktopWidthAndEnglish() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(base() + "/s/" + token("desk-1", false) + "?lang=en");
        waitFor("the form", () -> !driver.findElements(By.id("questionnaire")).isEmpty());
        tap("Q1-9");
        assertEquals("Your answer: 9 — superb", driver.findElement(By.cssSelector("#q-Q1 .chosen")).getText());
        fullPageScreenshot("desktop-step1", 1280);
    }

    @Test
    void withoutJavaScriptEveryStepIsVisible() throws Exception {
        driver.quit();
        driver = HeadlessChromium.start(390, 844, options -> options.setExperimentalOption("prefs",
                Map.of("profile.managed_default_content_settings.javascript", 2)));
        driver.get(base() + "/s/" + token("nojs", false));
        waitFor("the form", () -> !driver.findElements(By.id("questionnaire")).isEmpty());
        for (int i = 1; i <= 6; i++) {
            assertTrue(step(i).isDisplayed(), "step " + i);
        }
        click(driver.findElement(By.cssSelector("label[for='Q5-6']")));
        click(driver.findElement(By.cssSelector("#step-6 .submit")));
        waitFor("thanks", () -> driver.findElement(By.tagName("h1")).getText().equals("Спасибо!"));
        assertEquals(6, records("nojs", 1).get(0).at("/answers/Q5").asInt());
    }

    @Test
    void badLinksInvalidAnswersAndKafkaDown() throws Exception {
        HttpResponse<String> bad = get("/s/not-a-token");
        assertEquals(404, bad.statusCode());
        assertTrue(bad.body().contains("Ссылка недействительна") && bad.body().contains("This link is not valid"));
        assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String expired = token("window-1", false, Instant.now().minusSeconds(5));
        assertEquals(404, get("/s/" + expired).statusCode());
        assertEquals(404, post(expired, Map.of("Q1", "5")).statusCode());
        assertEquals("no-referrer", get("/s/" + token("window-1", false)).headers()
                .firstValue("Referrer-Policy").orElse(""));

        String token = token("window-1", false);
        HttpResponse<String> invalid = post(token, Map.of("responseId", "r-" + UUID.randomUUID(), "Q1", "11",
                "comment", "keep me", "email", "nope"));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("Проверьте этот ответ"));
        assertTrue(invalid.body().contains("keep me"));
        assertTrue(invalid.body().contains("Похоже, в адресе e-mail ошибка"));

        try (IngestService down = IngestService.start(config("127.0.0.1:1"))) {
            HttpResponse<String> unavailable = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + down.port() + "/s/" + token)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("responseId", "r-" + UUID.randomUUID(),
                            "Q1", "6")))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, unavailable.statusCode());
            assertTrue(unavailable.body().contains("попробуйте отправить ещё раз"));
            assertTrue(unavailable.body().contains("value=\"6\" data-anchor=\"хорошо\" checked"), "answers kept");
        }
    }

    // --- helpers ---

    private WebElement step(int n) {
        return driver.findElement(By.id("step-" + n));
    }

    private WebElement radio(String id) {
        return driver.findElement(By.id(id));
    }

    private void tap(String inputId) {
        click(driver.findElement(By.cssSelector("label[for='" + inputId + "']")));
        assertTrue(radio(inputId).isSelected(), inputId);
    }

    private void next(int from) {
        click(driver.findElement(By.cssSelector("#step-" + from + " .next")));
        waitFor("step " + (from + 1), () -> step(from + 1).isDisplayed());
    }

    private void back(int from) {
        click(driver.findElement(By.cssSelector("#step-" + from + " .back")));
        waitFor("step " + (from - 1), () -> step(from - 1).isDisplayed());
    }

    /** Centre the element first: the sticky progress bar must not be the thing clicked. */
    private void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private List<JsonNode> records(String touchpoint, int atLeast) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> all = new TopicReader(STACK.kafka().bootstrapServers())
                .readAll(TOPIC, atLeast, Duration.ofSeconds(atLeast > 1 ? 3 : 15));
        List<JsonNode> matching = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : all) {
            JsonNode json = EventJson.mapper().readTree(r.value());
            if (touchpoint.equals(json.path("touchpointId").asText())) {
                matching.add(json);
            }
        }
        return matching;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String token, Map<String, String> fields) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/s/" + token)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private void waitFor(String what, BooleanSupplier condition) {
        HeadlessChromium.await(what, Duration.ofSeconds(15), condition);
    }

    private void screenshot(String name) {
        HeadlessChromium.screenshot(driver, SCREENSHOTS, name);
    }

    /** Grow the window to the document height first (headless allows it), so the whole step is in the picture. */
    private void fullPageScreenshot(String name, int width) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.scrollTo(0, 0)");
        for (int i = 0; i < 3; i++) {
            long doc = (Long) js.executeScript("return document.documentElement.scrollHeight");
            long viewport = (Long) js.executeScript("return window.innerHeight");
            if (viewport >= doc) {
                break;
            }
            Dimension size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(width, (int) Math.min(size.getHeight() + doc - viewport + 10,
                    5000)));
            sleep(200);
        }
        screenshot(name);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
