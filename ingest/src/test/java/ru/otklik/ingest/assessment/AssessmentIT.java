package ru.otklik.ingest.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import ru.otklik.common.assessment.RaterLinkToken;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.common.operational.OperationalStore;
import ru.otklik.common.operational.OperationalStoreSettings;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.HeadlessChromium;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.ingest.testing.TopicReader;

/**
 * The 360 rater pages against a real PostgreSQL (V7 tables seeded with JDBC, as the dashboards would write
 * them) and a real Kafka: tokens checked before any lookup, a rater sees only their own assignments, drafts
 * come back, a submission reaches topic assessment.answers once and is final, and the session's state decides
 * what the link shows.
 */
class AssessmentIT {

    private static final TestStack STACK = TestStack.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ANSWERS = "assessment-answers-" + RUN;
    private static final String DLQ = "dlq-assessment-" + RUN;
    private static final String KEYS = "k1:" + LinkKeys.newSecret();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static IngestService ingest;
    private static String url;

    // who is who: Anna rates Boris (peer), Vera (manager) and herself; Gleb alone rates Dmitry
    private static final String OPEN = "s-open-" + RUN;
    private static final String LATER = "s-later-" + RUN;
    private static final String CLOSED = "s-closed-" + RUN;
    private static final String PAST = "s-past-" + RUN;
    private static final Map<String, String> KEY = new HashMap<>(); // "session/employee" -> rater key
    private static long modelVersion;

    @BeforeAll
    static void start() throws Exception {
        STACK.kafka().createTopics(3, ANSWERS, DLQ);
        String database = "assessment_it_" + RUN.replace("-", "");
        try (Connection c = STACK.postgres().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        url = STACK.postgres().jdbcUrl().substring(0, STACK.postgres().jdbcUrl().lastIndexOf('/') + 1) + database;
        try (OperationalStore migrated = OperationalStore.open(OperationalStoreSettings.none().at(url,
                STACK.postgres().user()))) {
            seed();
        }
        Map<String, String> env = env();
        env.put("OTKLIK_POSTGRES_URL", url);
        env.put("OTKLIK_POSTGRES_USER", STACK.postgres().user());
        ingest = IngestService.start(IngestConfig.load(env));
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_ASSESSMENT_ANSWERS_TOPIC", ANSWERS);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", DLQ);
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S"); // a loaded machine may take seconds to acknowledge
        env.put("OTKLIK_LINK_KEYS", KEYS);
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve("contacts").toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve("enrolled.json").toString());
        return env;
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(url, STACK.postgres().user(), "");
    }

    private static void seed() throws Exception {
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO org_departments (department_id, name) VALUES ('d1', 'Отдел')");
            st.execute("INSERT INTO org_employees (employee_id, pseudonym, full_name, department_id) VALUES"
                    + " ('e-anna', 'ps-anna', 'Анна Иванова', 'd1'), ('e-boris', 'ps-boris', 'Борис Петров', 'd1'),"
                    + " ('e-vera', 'ps-vera', 'Вера Сидорова-Константинопольская', 'd1'),"
                    + " ('e-gleb', 'ps-gleb', 'Глеб Смирнов', 'd1'), ('e-dmitry', 'ps-dmitry', 'Дмитрий Орлов', 'd1')");
            try (PreparedStatement m = c.prepareStatement("INSERT INTO assessment_models (name, definition, created_by)"
                    + " VALUES ('M', ?::jsonb, 'admin') RETURNING model_version")) {
                m.setString(1, EventJson.toJson(RaterFormTest.model()));
                try (ResultSet rs = m.executeQuery()) {
                    rs.next();
                    modelVersion = rs.getLong(1);
                }
            }
            Instant now = Instant.now();
            session(c, OPEN, "launched", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(14)));
            session(c, LATER, "launched", Instant.parse("2031-03-02T06:00:00Z"), Instant.parse("2031-04-01T00:00:00Z"));
            session(c, CLOSED, "closed", now.minus(Duration.ofDays(20)), now.plus(Duration.ofDays(1)));
            session(c, PAST, "launched", now.minus(Duration.ofDays(20)), now.minus(Duration.ofMinutes(1)));
            matrix(c, OPEN, "e-boris", "e-anna", "peer");
            matrix(c, OPEN, "e-vera", "e-anna", "manager");
            matrix(c, OPEN, "e-anna", "e-anna", "self");
            matrix(c, OPEN, "e-boris", "e-gleb", "peer");
            matrix(c, OPEN, "e-dmitry", "e-gleb", "peer");
            // a custom role the session's administrators added (domain §5: e.g. the manager's manager)
            st.execute("INSERT INTO assessment_roles (role_code, name_ru, name_en, anonymity_threshold, comment_threshold)"
                    + " VALUES ('managers-manager', 'Руководитель руководителя', 'Manager''s manager', 1, 1)");
            matrix(c, OPEN, "e-vera", "e-gleb", "managers-manager");
            matrix(c, OPEN, "e-boris", "e-dmitry", "peer"); // submitted twice at once, through two ingest instances
            for (String session : List.of(LATER, CLOSED, PAST)) {
                matrix(c, session, "e-boris", "e-anna", "peer");
            }
            for (String rater : List.of(OPEN + "/e-anna", OPEN + "/e-gleb", OPEN + "/e-dmitry", LATER + "/e-anna", CLOSED + "/e-anna",
                    PAST + "/e-anna")) {
                String key = RaterLinkToken.newRaterKey();
                KEY.put(rater, key);
                String[] parts = rater.split("/");
                try (PreparedStatement r = c.prepareStatement(
                        "INSERT INTO assessment_raters (session_id, rater_id, rater_key) VALUES (?, ?, ?)")) {
                    r.setString(1, parts[0]);
                    r.setString(2, parts[1]);
                    r.setString(3, key);
                    r.executeUpdate();
                }
            }
        }
    }

    private static void session(Connection c, String id, String status, Instant startsAt, Instant deadline)
            throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_sessions (session_id, name, model_version,"
                + " starts_at, deadline, status, created_by) VALUES (?, ?, ?, ?, ?, ?, 'admin')")) {
            st.setString(1, id);
            st.setString(2, "Оценка 360 — зима");
            st.setLong(3, modelVersion);
            st.setTimestamp(4, Timestamp.from(startsAt));
            st.setTimestamp(5, Timestamp.from(deadline));
            st.setString(6, status);
            st.executeUpdate();
        }
    }

    private static void matrix(Connection c, String session, String target, String rater, String role) throws Exception {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO assessment_matrix (session_id, target_id, rater_id, role_code) VALUES (?, ?, ?, ?)")) {
            st.setString(1, session);
            st.setString(2, target);
            st.setString(3, rater);
            st.setString(4, role);
            st.executeUpdate();
        }
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    private static String token(String session, String employee) {
        return RaterLinkToken.sign(LinkKeys.parse(KEYS), KEY.get(session + "/" + employee));
    }

    private static HttpResponse<String> get(IngestService service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(ingest, path);
    }

    private static HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        return post(ingest, path, fields);
    }

    private static HttpResponse<String> post(IngestService service, String path, Map<String, String> fields)
            throws Exception {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static List<JsonNode> answers(int atLeast, Duration wait) {
        return new TopicReader(STACK.kafka().bootstrapServers()).readAll(ANSWERS, atLeast, wait).stream()
                .map(r -> EventJson.fromBytes(r.value(), JsonNode.class)).toList();
    }

    @Test
    void aForgedOrAlteredLinkIsRefusedBeforeAnyLookup() throws Exception {
        String genuine = token(OPEN, "e-anna");
        int at = genuine.length() - 10; // inside the signature, not its last character (which holds padding bits)
        String altered = genuine.substring(0, at) + (genuine.charAt(at) == 'A' ? 'B' : 'A') + genuine.substring(at + 1);
        String forged = RaterLinkToken.sign(LinkKeys.parse("k1:" + LinkKeys.newSecret()), KEY.get(OPEN + "/e-anna"));
        for (String bad : List.of(altered, forged, "not-a-token")) {
            HttpResponse<String> page = get("/a/" + bad);
            assertEquals(404, page.statusCode(), bad);
            assertTrue(page.body().contains("Ссылка недействительна") && page.body().contains("This link is not valid"));
            assertEquals(404, get("/a/" + bad + "/t/ps-boris").statusCode());
            assertEquals(404, post("/a/" + bad + "/t/ps-boris/submit", fields("i.listens", "p2")).statusCode());
        }
        // a key that verifies but no session knows: 404 after the lookup
        assertEquals(404, get("/a/" + RaterLinkToken.sign(LinkKeys.parse(KEYS), RaterLinkToken.newRaterKey()))
                .statusCode());
        assertEquals(404, get("/a/").statusCode());
        assertTrue(get("/a/x/y/z").body().contains("Ссылка недействительна"), "no route: the same page");

        // an instance without any operational store: a forged link is still 404 (no lookup was needed), while a
        // genuine one needs the store and is 503
        try (IngestService storeless = IngestService.start(IngestConfig.load(env()))) {
            assertEquals(404, get(storeless, "/a/" + altered).statusCode());
            assertEquals(503, get(storeless, "/a/" + genuine).statusCode());
        }
    }

    @Test
    void aRaterSeesOnlyTheirOwnAssignments() throws Exception {
        HttpResponse<String> anna = get("/a/" + token(OPEN, "e-anna"));
        assertEquals(200, anna.statusCode(), anna.body());
        String body = anna.body();
        for (String shown : List.of("Борис Петров", "Вера Сидорова-Константинопольская", "Анна Иванова", "Коллеги",
                "Руководитель", "Самооценка")) {
            assertTrue(body.contains(shown), shown + " in " + body);
        }
        assertFalse(body.contains("Дмитрий"), "Gleb's target is not Anna's");
        assertFalse(body.contains("Глеб"), "nor is the other rater named");
        assertEquals(3, body.split("class=\"assignment ").length - 1);
        // and another rater's target cannot be opened with Anna's link
        assertEquals(404, get("/a/" + token(OPEN, "e-anna") + "/t/ps-dmitry").statusCode());
        HttpResponse<String> gleb = get("/a/" + token(OPEN, "e-gleb"));
        assertTrue(gleb.body().contains("Дмитрий Орлов") && !gleb.body().contains("Анна"), gleb.body());
    }

    /**
     * Two ingest instances behind one load balancer, the same form sent to both at once (a double tap, a retry
     * through the other instance): one thanks, the other says it was sent already, PostgreSQL holds one submission,
     * and whatever reached Kafka carries one submission id — the id the job counts once.
     */
    @Test
    void theSameFormThroughTwoInstancesAtOnceIsOneSubmission() throws Exception {
        String topic = "assessment-answers-twice-" + RUN;
        STACK.kafka().createTopics(1, topic);
        Map<String, String> env = env();
        env.put("OTKLIK_POSTGRES_URL", url);
        env.put("OTKLIK_POSTGRES_USER", STACK.postgres().user());
        env.put("OTKLIK_ASSESSMENT_ANSWERS_TOPIC", topic);
        String path = "/a/" + token(OPEN, "e-dmitry") + "/t/ps-boris/submit";
        Map<String, String> form = fields("lang", "ru", "i.listens", "p0", "c.listens", "Не слушает",
                "i.helps", "na", "x.must", "да");
        try (IngestService one = IngestService.start(IngestConfig.load(env));
             IngestService two = IngestService.start(IngestConfig.load(env))) {
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
                for (IngestService service : List.of(one, two)) {
                    sent.add(pool.submit(() -> {
                        together.await();
                        return post(service, path, form);
                    }));
                }
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var f : sent) {
                    statuses.add(f.get(90, java.util.concurrent.TimeUnit.SECONDS).statusCode());
                }
                java.util.Collections.sort(statuses);
                assertEquals(List.of(200, 409), statuses, "one thanks, one 'sent already'");
            } finally {
                pool.shutdownNow();
            }
        }
        try (Connection c = db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM assessment_submissions WHERE rater_key = '" + KEY.get(OPEN + "/e-dmitry") + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        List<ConsumerRecord<byte[], byte[]>> published = new TopicReader(STACK.kafka().bootstrapServers())
                .readAll(topic, 1, Duration.ofSeconds(30));
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : published) {
            ids.add(EventJson.fromBytes(r.value(), RaterSubmission.class).submissionId());
        }
        assertEquals(java.util.Set.of(RaterSubmission.idOf(OPEN, "ps-boris", KEY.get(OPEN + "/e-dmitry"))), ids,
                published.size() + " records");
    }

    @Test
    void aCustomRoleIsNamedAsItsAdministratorsNamedIt() throws Exception {
        HttpResponse<String> list = get("/a/" + token(OPEN, "e-gleb"));
        assertTrue(list.body().contains("Руководитель руководителя"), list.body());
        assertFalse(list.body().contains("managers-manager ·"), "never the bare code: " + list.body());
        HttpResponse<String> form = get("/a/" + token(OPEN, "e-gleb") + "/t/ps-vera?lang=en");
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("Manager&#39;s manager") || form.body().contains("Manager's manager"),
                form.body());
    }

    @Test
    void theFormAsksTheRolesIndicatorsInRussianOrEnglish() throws Exception {
        // Gleb's form about Dmitry: the other test submits Anna's about Boris
        HttpResponse<String> peer = get("/a/" + token(OPEN, "e-gleb") + "/t/ps-dmitry");
        assertEquals(200, peer.statusCode(), peer.body());
        assertTrue(peer.body().contains("Выслушивает") && peer.body().contains("Помогает"));
        assertFalse(peer.body().contains("Планирует"), "a manager-only indicator is not asked of a peer");
        assertTrue(peer.body().contains("Не могу оценить"));
        assertTrue(peer.body().contains("name=\"c.listens\""), "a comment field where options ask for one");
        HttpResponse<String> manager = get("/a/" + token(OPEN, "e-anna") + "/t/ps-vera?lang=en");
        assertTrue(manager.body().contains("Plans") && !manager.body().contains("Helps"), manager.body());
        assertTrue(manager.body().contains("Cannot judge") && manager.body().contains("lang=\"en\""));
    }

    @Test
    void aDraftComesBackAndASubmissionIsSentOnceAndIsFinal() throws Exception {
        String base = "/a/" + token(OPEN, "e-anna") + "/t/ps-boris";
        HttpResponse<String> saved = post(base + "/draft", fields("lang", "ru", "i.listens", "p0",
                "c.listens", "Перебивает клиентов"));
        assertEquals(200, saved.statusCode(), saved.body());
        assertTrue(saved.body().contains("Черновик сохранён"));
        HttpResponse<String> again = get(base);
        assertTrue(again.body().contains("value=\"p0\" checked"), "the saved choice is shown again");
        assertTrue(again.body().contains(">Перебивает клиентов</textarea>"));
        assertTrue(get("/a/" + token(OPEN, "e-anna")).body().contains("черновик сохранён"));
        try (Connection c = db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT answers->>'i.listens' FROM assessment_drafts WHERE target_id = 'e-boris'")) {
            assertTrue(rs.next());
            assertEquals("p0", rs.getString(1));
        }

        // incomplete: 400, the page names each field and rule, kept as a dead letter
        HttpResponse<String> incomplete = post(base + "/submit", fields("i.listens", "p0", "x.must", "да"));
        assertEquals(400, incomplete.statusCode());
        assertTrue(incomplete.body().contains("data-field=\"c.listens\" data-rule=\"comment-required\""),
                incomplete.body());
        assertTrue(incomplete.body().contains("data-field=\"i.helps\" data-rule=\"required\""));
        List<ConsumerRecord<byte[], byte[]>> letters = new TopicReader(STACK.kafka().bootstrapServers())
                .readAll(DLQ, 1, Duration.ofSeconds(30));
        assertTrue(letters.stream().map(r -> EventJson.fromBytes(r.value(), JsonNode.class))
                .anyMatch(l -> "assessment".equals(l.path("endpoint").asText()) && l.path("status").asInt() == 400
                        && l.path("body").asText().contains("ps-boris")), "dead letters: " + letters.size());
        assertEquals(400, post(base + "/submit", fields("i.listens", "p7", "i.helps", "p2", "x.must", "да"))
                .statusCode(), "an option code of no scale");

        HttpResponse<String> done = post(base + "/submit", fields("lang", "ru", "i.listens", "p0",
                "c.listens", "Перебивает клиентов", "i.helps", "na", "x.advice", "Больше слушать", "x.must", "да"));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Спасибо! Оценка отправлена."));
        assertTrue(done.body().contains("data-target=\"ps-boris\"") && done.body().matches(
                "(?s).*class=\"assignment done\" data-target=\"ps-boris\".*отправлено.*"), "the assignment is done");

        List<JsonNode> records = answers(1, Duration.ofSeconds(30));
        assertEquals(1, records.size(), records.toString());
        RaterSubmission s = EventJson.fromTree(records.get(0), RaterSubmission.class);
        String key = KEY.get(OPEN + "/e-anna");
        assertEquals(RaterSubmission.idOf(OPEN, "ps-boris", key), s.submissionId());
        assertEquals(OPEN, s.sessionId());
        assertEquals("ps-boris", s.targetId(), "the pseudonym, never the employee id");
        assertEquals(key, s.raterKey());
        assertEquals("peer", s.roleCode());
        assertEquals(modelVersion, s.modelVersion());
        assertEquals(4, s.scaleMax());
        assertEquals(List.of("listens", "helps"), s.answers().stream().map(a -> a.indicatorCode()).toList());
        assertEquals(0, s.answers().get(0).points());
        assertEquals("Перебивает клиентов", s.answers().get(0).comment());
        assertEquals(null, s.answers().get(1).points(), "cannot judge");
        assertEquals(2, s.extraAnswers().size());
        ConsumerRecord<byte[], byte[]> raw = new TopicReader(STACK.kafka().bootstrapServers())
                .readAll(ANSWERS, 1, Duration.ofSeconds(30)).get(0);
        assertEquals(OPEN, new String(raw.key(), StandardCharsets.UTF_8), "keyed by session id");

        try (Connection c = db(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT submission_id, submission->>'targetId'"
                    + " FROM assessment_submissions WHERE rater_key = '" + key + "' AND target_id = 'e-boris'")) {
                assertTrue(rs.next());
                assertEquals(s.submissionId(), rs.getString(1));
                assertEquals("ps-boris", rs.getString(2));
                assertFalse(rs.next(), "one submission");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM assessment_drafts WHERE target_id = 'e-boris'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the draft is gone");
            }
        }

        // a second submission is refused and replaces nothing
        HttpResponse<String> second = post(base + "/submit", fields("i.listens", "p4", "i.helps", "p4", "x.must", "нет"));
        assertEquals(409, second.statusCode());
        assertTrue(second.body().contains("Ответы изменить нельзя"), second.body());
        assertEquals(409, get(base).statusCode(), "the form of a done target is not offered");
        assertEquals(409, post(base + "/draft", fields("i.listens", "p4")).statusCode());
        List<JsonNode> after = answers(2, Duration.ofSeconds(3));
        assertEquals(1, after.size(), "still one record: " + after);
        assertEquals(s.submissionId(), after.get(0).path("submissionId").asText());
        assertNotEquals("p4", after.get(0).at("/answers/0/optionCode").asText());
    }

    @Test
    void notYetStartedAndClosedSessionsSayWhy() throws Exception {
        HttpResponse<String> later = get("/a/" + token(LATER, "e-anna"));
        assertEquals(403, later.statusCode());
        assertTrue(later.body().contains("Оценка ещё не началась") && later.body().contains("2 марта 2031"),
                later.body());
        assertTrue(get("/a/" + token(LATER, "e-anna") + "?lang=en").body().contains("starts on 2 March 2031"));
        assertEquals(403, post("/a/" + token(LATER, "e-anna") + "/t/ps-boris/draft", fields("i.listens", "p2"))
                .statusCode());
        for (String session : List.of(CLOSED, PAST)) {
            HttpResponse<String> closed = get("/a/" + token(session, "e-anna"));
            assertEquals(410, closed.statusCode(), session);
            assertTrue(closed.body().contains("Оценка завершена"), closed.body());
            assertFalse(closed.body().contains("Борис"), "nothing listed");
            assertEquals(410, post("/a/" + token(session, "e-anna") + "/t/ps-boris/submit",
                    fields("i.listens", "p2", "i.helps", "p2", "x.must", "да")).statusCode());
        }
    }

    @Test
    void theFormFitsAPhoneScreen() throws Exception {
        ChromeDriver driver = HeadlessChromium.start(375, 812);
        try {
            driver.get("http://127.0.0.1:" + ingest.port() + "/a/" + token(OPEN, "e-anna") + "/t/ps-vera");
            HeadlessChromium.await("the form", Duration.ofSeconds(15),
                    () -> !driver.findElements(By.id("assessment")).isEmpty());
            JavascriptExecutor js = driver;
            Number width = (Number) js.executeScript("return window.innerWidth");
            Number scroll = (Number) js.executeScript("return document.documentElement.scrollWidth");
            assertEquals(375, width.intValue(), "the phone viewport");
            assertTrue(scroll.intValue() <= width.intValue(), "horizontal overflow: " + scroll + " > " + width);
            Number height = (Number) js.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(375, Math.min(height.intValue(), 4000)));
            Path shot = HeadlessChromium.screenshot(driver, SCREENSHOTS, "assessment-form-phone");
            assertTrue(Files.size(shot) > 1000);
        } finally {
            driver.quit();
        }
    }
}
