package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.assessment.RaterAssignment;
import ru.otklik.common.assessment.RaterLinkToken;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.assessment.AssessmentSettings;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;

/**
 * The 360 administration through the real dashboards, PostgreSQL (a database of its own) and a Kafka broker of
 * its own: a structure imported from CSV and again from XLSX (a refused file imports nothing), a competency model
 * from a template, a session whose matrix is filled from the structure, approved and launched; the raters' signed
 * links; the matrix published to Kafka with pseudonyms only, again after every change of the running session; who
 * may do what. The tests run in order: each builds on the state the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssessmentAdminIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "assessment.assignments";
    private static final String CSV = "text/csv; charset=utf-8";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final LinkKeys KEYS = LinkKeys.parse("k1:" + LinkKeys.newSecret());
    /** A job centre: its head E1; the benefits department D2 under E2 with E3..E6; E7 in D2 reporting to E1. */
    private static final String STRUCTURE = "\uFEFFemployee_id;full_name;department_id;department_name;parent_department_id;manager_id;email;office_code\n"
            + "E1;Иванова Анна Сергеевна;D1;Центр занятости;;;head@example.org;BRY-01\n"
            + "E2;Петров Пётр Ильич;D2;Отдел выплат;D1;E1;;BRY-01\n"
            + "E3;Сидорова Мария;D2;Отдел выплат;D1;E2;;BRY-01\n"
            + "E4;Кузнецов Олег;D2;Отдел выплат;D1;E2;;BRY-01\n"
            + "E5;Смирнова Ольга;D2;Отдел выплат;D1;E2;;BRY-01\n"
            + "E6;Попов Игорь;D2;Отдел выплат;D1;E2;;BRY-01\n"
            + "E7;Васильева Елена;D2;Отдел выплат;D1;E1;;BRY-01\n";

    @TempDir
    static Path kafkaDir;
    private static KafkaBroker kafka;
    private static String jdbcUrl;
    private static TestServer server;
    private static String admin;
    private static String csrf;

    @BeforeAll
    static void start() {
        jdbcUrl = OperationalDatabases.fresh("assessment_it");
        kafka = KafkaBroker.start(kafkaDir);
        kafka.createTopics(1, TOPIC);
        server = TestServer.start(5, java.time.Clock.systemUTC(), OperationalSettings.none()
                        .withPostgres(jdbcUrl, PostgresServer.USER).withKafka(kafka.bootstrapServers(), "alert.reviews"),
                DeliverySettings.none(), CaseSettings.defaults(),
                c -> c.withAssessment(new AssessmentSettings(KEYS, "https://opros.example.org", TOPIC)));
        admin = server.login("region-BRY");
        csrf = server.csrfOf(admin, "/regions/BRY");
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

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(String path, String json) {
        return server.postJson("/api/v1/assessment" + path, admin, csrf, json);
    }

    private static Map<String, String> pseudonyms() throws Exception {
        Map<String, String> byId = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT employee_id, pseudonym, active FROM org_employees")) {
            while (rs.next()) {
                byId.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? "" : " inactive"));
            }
        }
        return byId;
    }

    private static List<SessionAssignments> published(java.util.function.Predicate<List<SessionAssignments>> done) {
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readUntil(kafka.bootstrapServers(), TOPIC,
                read -> done.test(events(read)));
        return events(records);
    }

    private static List<SessionAssignments> events(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> EventJson.fromBytes(r.value(), SessionAssignments.class)).toList();
    }

    @Test
    @Order(1)
    void aStructureImportsFromCsvAndARefusedFileImportsNothing() throws Exception {
        JsonNode imported = ok(server.postBytes("/api/v1/assessment/structure", admin, csrf, CSV,
                STRUCTURE.getBytes(StandardCharsets.UTF_8)), 200);
        assertEquals(7, imported.get("employees").asInt());
        assertEquals(7, imported.get("added").asInt());
        assertEquals(2, imported.get("departments").asInt());
        Map<String, String> before = pseudonyms();

        String broken = STRUCTURE + "E8;;D2;Отдел выплат;D1;E99;;BRY-01\n";
        JsonNode refused = ok(server.postBytes("/api/v1/assessment/structure", admin, csrf, CSV,
                broken.getBytes(StandardCharsets.UTF_8)), 422);
        assertEquals("import_refused", refused.get("error").asText());
        Set<String> problems = new java.util.HashSet<>();
        refused.get("problems").forEach(p -> problems.add(p.get("row").asInt() + " " + p.get("column").asText()
                + " " + p.get("rule").asText()));
        assertEquals(Set.of("9 full_name required", "9 manager_id unknown employee E99"), problems);
        assertEquals(before, pseudonyms(), "a refused file changed nothing");
    }

    @Test
    @Order(2)
    void aReimportFromXlsxKeepsPseudonymsAndDeactivatesWhoLeft() throws Exception {
        Map<String, String> before = pseudonyms();
        List<String> lines = STRUCTURE.substring(1).lines().filter(l -> !l.startsWith("E6;")).toList();
        byte[] book;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Структура");
            for (int r = 0; r < lines.size(); r++) {
                Row row = sheet.createRow(r);
                String[] cells = lines.get(r).split(";", -1);
                for (int c = 0; c < cells.length; c++) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
            wb.write(out);
            book = out.toByteArray();
        }
        JsonNode imported = ok(server.postBytes("/api/v1/assessment/structure", admin, csrf, XLSX, book), 200);
        assertEquals(0, imported.get("added").asInt());
        assertEquals(1, imported.get("deactivated").asInt());
        Map<String, String> after = pseudonyms();
        assertEquals(before.get("E2"), after.get("E2"), "an employee keeps their pseudonym across imports");
        assertEquals(before.get("E6") + " inactive", after.get("E6"));
        // E6 is back for the rest of the class
        ok(server.postBytes("/api/v1/assessment/structure", admin, csrf, CSV, STRUCTURE.getBytes(StandardCharsets.UTF_8)), 200);
        assertFalse(pseudonyms().get("E6").endsWith("inactive"));
    }

    @Test
    @Order(3)
    void aSessionIsFilledFromTheStructureApprovedLaunchedAndPublished() throws Exception {
        String template = "group_code,group_name,competency_code,competency_name,indicator_code,indicator_text,roles\n"
                + "g1,Работа с клиентом,c1,Клиентоориентированность,c1.listens,Выслушивает клиента,\n"
                + "g1,Работа с клиентом,c1,Клиентоориентированность,c1.explains,Объясняет решения,\n"
                + "g2,Управление,c2,Руководство,c2.plans,Планирует работу отдела,self manager subordinate\n";
        JsonNode model = ok(server.postBytes("/api/v1/assessment/models?name=" + java.net.URLEncoder.encode(
                "Модель 2026", StandardCharsets.UTF_8), admin, csrf, CSV, template.getBytes(StandardCharsets.UTF_8)), 201);
        long version = model.get("modelVersion").asLong();
        ok(post("/sessions", "{\"sessionId\":\"s2026q4\",\"name\":\"Оценка 360, IV квартал\",\"modelVersion\":" + version
                + ",\"anonymous\":true,\"deadline\":\"2026-12-31T18:00:00Z\"}"), 201);
        assertEquals(409, post("/sessions", "{\"sessionId\":\"s2026q4\",\"name\":\"Дубль\",\"modelVersion\":" + version
                + ",\"deadline\":\"2026-12-31T18:00:00Z\"}").statusCode());
        JsonNode filled = ok(post("/sessions/s2026q4/matrix/fill", "{\"targets\":[\"E2\"]}"), 200);
        assertEquals(7, filled.get("added").asInt());
        JsonNode view = ok(server.get("/api/v1/assessment/sessions/s2026q4", admin), 200);
        Map<String, String> roles = new HashMap<>();
        view.get("matrix").forEach(l -> roles.put(l.get("raterId").asText(), l.get("roleCode").asText()));
        assertEquals(Map.of("E2", "self", "E1", "manager", "E3", "subordinate", "E4", "subordinate",
                "E5", "subordinate", "E6", "subordinate", "E7", "peer"), roles);

        HttpResponse<String> early = post("/sessions/s2026q4/launch", "{}");
        assertEquals(409, early.statusCode(), early.body());
        assertTrue(early.body().contains("not approved"), early.body());
        ok(post("/sessions/s2026q4/targets/E2/approve", "{}"), 200);
        JsonNode launched = ok(post("/sessions/s2026q4/launch", "{}"), 200);
        assertEquals("launched", launched.get("status").asText());

        view = ok(server.get("/api/v1/assessment/sessions/s2026q4", admin), 200);
        assertEquals(7, view.get("raterLinks").size());
        Set<String> keys = new java.util.HashSet<>();
        for (JsonNode l : view.get("raterLinks")) {
            String link = l.get("link").asText();
            assertTrue(link.startsWith("https://opros.example.org/a/"), link);
            Optional<String> key = RaterLinkToken.verify(KEYS, link.substring(link.lastIndexOf('/') + 1));
            assertTrue(key.isPresent(), "the link is signed with the configured keys: " + link);
            keys.add(key.get());
        }
        assertEquals(7, keys.size(), "one key per rater");

        String target = pseudonyms().get("E2");
        SessionAssignments first = published(all -> !all.isEmpty()).get(0);
        assertEquals("s2026q4", first.sessionId());
        assertEquals(1, first.version());
        assertEquals("launched", first.status());
        assertEquals(version, first.modelVersion());
        assertEquals(7, first.assignments().size());
        assertEquals(Set.of(target), first.assignments().stream().map(RaterAssignment::targetId).collect(Collectors.toSet()));
        assertEquals(keys, first.assignments().stream().map(RaterAssignment::raterKey).collect(Collectors.toSet()));
        String json = new String(EventJson.toBytes(first), StandardCharsets.UTF_8);
        assertFalse(json.contains("Петров") || json.contains("E2\"") || json.contains("example.org"),
                "no names, employee ids or addresses in the event: " + json);
    }

    @Test
    @Order(4)
    void changesOfTheRunningSessionAreKeptAsHistoryAndPublishedAsNewVersions() throws Exception {
        ok(post("/sessions/s2026q4/matrix/remove", "{\"targetId\":\"E2\",\"raterId\":\"E7\"}"), 200);
        ok(post("/sessions/s2026q4/matrix", "{\"targetId\":\"E3\",\"raterId\":\"E2\",\"role\":\"manager\"}"), 200);
        JsonNode view = ok(server.get("/api/v1/assessment/sessions/s2026q4", admin), 200);
        List<String> history = new java.util.ArrayList<>();
        view.get("history").forEach(h -> history.add(h.get(0).asText() + " " + h.get(2).asText() + " " + h.get(3).asText()));
        assertEquals(List.of("removed E2 E7"), history, "a change of an approved matrix is history; a new target is not");

        List<SessionAssignments> all = published(events -> events.stream().anyMatch(e -> e.version() >= 3));
        SessionAssignments latest = all.stream().max(java.util.Comparator.comparingLong(SessionAssignments::version)).orElseThrow();
        assertEquals(3, latest.version());
        assertEquals(7, latest.assignments().size(), "E7 removed, E2 added as E3's manager");
        Map<String, String> p = pseudonyms();
        assertTrue(latest.assignments().stream().anyMatch(a -> a.targetId().equals(p.get("E3")) && a.roleCode().equals("manager")));
        assertEquals(7, ok(server.get("/api/v1/assessment/sessions/s2026q4", admin), 200).get("raterLinks").size(),
                "E7 keeps their key; no new rater was needed");

        ok(post("/sessions/s2026q4/close", "{}"), 200);
        assertEquals(409, post("/sessions/s2026q4/matrix", "{\"targetId\":\"E3\",\"raterId\":\"E4\",\"role\":\"peer\"}").statusCode());
        SessionAssignments closed = published(events -> events.stream().anyMatch(e -> e.status().equals("closed"))).stream()
                .filter(e -> e.status().equals("closed")).findFirst().orElseThrow();
        assertEquals(4, closed.version());
    }

    @Test
    @Order(5)
    void onlyAdministratorsWithTheTokenChangeAnythingAndOthersDoNotSeeTheSession() throws Exception {
        String office = server.login("office-BRY-01");
        String officeCsrf = server.csrfOf(office, "/offices/BRY-01");
        HttpResponse<String> officeImport = server.postBytes("/api/v1/assessment/structure", office, officeCsrf, CSV,
                STRUCTURE.getBytes(StandardCharsets.UTF_8));
        assertEquals(403, officeImport.statusCode(), officeImport.body());
        assertEquals(403, server.postBytes("/api/v1/assessment/structure", admin, null, CSV,
                STRUCTURE.getBytes(StandardCharsets.UTF_8)).statusCode(), "no anti-CSRF token, no import");
        String other = server.login("region-VLA");
        assertEquals(404, server.get("/api/v1/assessment/sessions/s2026q4", other).statusCode(),
                "another region's manager does not learn that the session exists");
        assertEquals(0, ok(server.get("/api/v1/assessment/sessions", other), 200).get("sessions").size());
        assertEquals(200, server.get("/api/v1/assessment/sessions/s2026q4", server.login("federal")).statusCode());
        assertEquals(415, server.postBytes("/api/v1/assessment/structure", admin, csrf, "image/png", new byte[]{1, 2}).statusCode());
        assertNotEquals(200, server.get("/api/v1/assessment/sessions/s2026q4", null).statusCode());
    }

    @Test
    @Order(6)
    void anAdministratorImportsApprovesAndLaunchesInTheBrowserOnAPhone() throws Exception {
        Path structure = kafkaDir.resolve("structure.csv");
        java.nio.file.Files.writeString(structure, STRUCTURE);
        Path template = kafkaDir.resolve("model.csv");
        java.nio.file.Files.writeString(template, "group_code,group_name,competency_code,competency_name,indicator_code,indicator_text,roles\n"
                + "g1,Работа с клиентом,c1,Клиентоориентированность,c1.listens,Выслушивает клиента,\n"
                + "g1,Работа с клиентом,c1,Клиентоориентированность,c1.explains,Объясняет решения,\n"
                + "g2,Надёжность,c2,Надёжность,c2.deadlines,Соблюдает сроки,\n");
        Path broken = kafkaDir.resolve("broken.csv");
        java.nio.file.Files.writeString(broken, STRUCTURE + "E9;;D2;Отдел выплат;D1;E99;;BRY-01\n");
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("region-BRY");
            b.open("/assessment");
            b.waitFor("the 360 index", () -> !b.driver.findElements(org.openqa.selenium.By.id("structure-file")).isEmpty());
            b.driver.findElement(org.openqa.selenium.By.id("structure-file")).sendKeys(broken.toAbsolutePath().toString());
            b.driver.findElement(org.openqa.selenium.By.cssSelector("form[data-upload=structure] button")).click();
            b.waitFor("the refused file's problems", () -> b.driver.findElement(org.openqa.selenium.By.id("structure-result"))
                    .getText().contains("E99"));
            String refused = b.driver.findElement(org.openqa.selenium.By.id("structure-result")).getText();
            assertTrue(refused.contains("строка 9") && refused.contains("full_name"), refused);
            b.driver.findElement(org.openqa.selenium.By.id("structure-file")).clear();
            b.driver.findElement(org.openqa.selenium.By.id("structure-file")).sendKeys(structure.toAbsolutePath().toString());
            b.driver.findElement(org.openqa.selenium.By.cssSelector("form[data-upload=structure] button")).click();
            b.waitFor("the import", () -> b.driver.findElement(org.openqa.selenium.By.id("structure-result")).getText()
                    .startsWith("Загружено: 7"));
            b.driver.findElement(org.openqa.selenium.By.id("model-name")).sendKeys("Модель для страницы");
            b.driver.findElement(org.openqa.selenium.By.id("model-file")).sendKeys(template.toAbsolutePath().toString());
            b.driver.findElement(org.openqa.selenium.By.cssSelector("form[data-upload=model] button")).click();
            b.waitFor("the model", () -> !b.driver.findElement(org.openqa.selenium.By.id("model-version")).getAttribute("value").isEmpty());
            b.fullPageScreenshot("assessment-index-phone", 390, 844);
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            var form = b.driver.findElement(org.openqa.selenium.By.id("new-session"));
            form.findElement(org.openqa.selenium.By.name("sessionId")).sendKeys("s-ui");
            form.findElement(org.openqa.selenium.By.name("name")).sendKeys("Оценка 360 через страницу");
            b.js("document.querySelector('#new-session [name=deadline]').value = '2026-12-30'");
            form.findElement(org.openqa.selenium.By.cssSelector("button")).click();
            b.waitFor("the session page", () -> b.driver.getCurrentUrl().endsWith("/assessment/sessions/s-ui"));
            b.js("var s = document.getElementById('fill-targets'); for (var o of s.options) { o.selected = o.value === 'E2'; }");
            b.driver.findElement(org.openqa.selenium.By.cssSelector("#fill button")).click();
            b.waitFor("the filled matrix", () -> !b.driver.findElements(org.openqa.selenium.By.cssSelector("button.approve")).isEmpty());
            assertEquals(7, b.driver.findElements(org.openqa.selenium.By.cssSelector(".matrix-target li")).size());
            b.driver.findElement(org.openqa.selenium.By.cssSelector("button.approve")).click();
            b.waitFor("the approval", () -> b.driver.findElements(org.openqa.selenium.By.cssSelector("button.approve")).isEmpty()
                    && b.driver.findElement(org.openqa.selenium.By.id("launch")).isEnabled());
            b.driver.findElement(org.openqa.selenium.By.id("launch")).click();
            b.waitFor("the launch", () -> !b.driver.findElements(org.openqa.selenium.By.cssSelector("a.rater-link")).isEmpty());
            assertEquals(7, b.driver.findElements(org.openqa.selenium.By.cssSelector("a.rater-link")).size());
            String link = b.driver.findElement(org.openqa.selenium.By.cssSelector("a.rater-link")).getAttribute("href");
            assertTrue(RaterLinkToken.verify(KEYS, link.substring(link.lastIndexOf('/') + 1)).isPresent(), link);
            b.fullPageScreenshot("assessment-session-phone", 390, 844);
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
        }
        assertTrue(published(all -> all.stream().anyMatch(e -> e.sessionId().equals("s-ui"))).stream()
                .anyMatch(e -> e.sessionId().equals("s-ui") && e.assignments().size() == 7));
    }

    @Test
    @Order(7)
    void theClosedSessionsReportAppliesTheAnonymityMergeInThePageTheJsonTheCsvAndThePdf() throws Exception {
        // the streaming job's figures for E2 in s2026q4 (written here; the job itself is tested end to end elsewhere):
        // self 3, manager 4, four subordinates 5,5,4,4; the one peer (E7 was removed after answering) is below 3
        String target = pseudonyms().get("E2");
        ru.otklik.infra.local.ClickHouseHttp ch = ru.otklik.infra.local.TestStack.shared().clickHouseHttp();
        String items = "INSERT INTO otklik.assessment_items (session_id, target_id, competency_code, indicator_code, role_group,"
                + " scale_max, raters, cannot_judge, points_sum, distribution, raters_above_strength, raters_below_need,"
                + " updated_ts, version) VALUES ";
        List<String> rows = new java.util.ArrayList<>();
        for (String item : List.of("c1.listens", "c1.explains", "")) {
            boolean competency = item.isEmpty();
            String dist1 = competency ? "[]" : "[0,0,0,1,0,0]";
            rows.add("('s2026q4', '" + target + "', 'c1', '" + item + "', 'self', 5, 1, 0, 3, " + dist1 + ", 0, 1, 0, 1)");
            rows.add("('s2026q4', '" + target + "', 'c1', '" + item + "', 'manager', 5, 1, 0, 4, "
                    + (competency ? "[]" : "[0,0,0,0,1,0]") + ", 0, 0, 0, 1)");
            rows.add("('s2026q4', '" + target + "', 'c1', '" + item + "', 'subordinate', 5, 4, 0, 18, "
                    + (competency ? "[]" : "[0,0,0,0,2,2]") + ", 2, 0, 0, 1)");
            rows.add("('s2026q4', '" + target + "', 'c1', '" + item + "', 'peer', 5, 1, 0, 1, "
                    + (competency ? "[]" : "[0,1,0,0,0,0]") + ", 0, 1, 0, 1)");
        }
        ch.execute(items + String.join(", ", rows));
        ch.execute("INSERT INTO otklik.assessment_comments (session_id, target_id, competency_code, indicator_code, role_group,"
                + " comment_id, comment, submitted_date, version) VALUES ('s2026q4', '" + target + "', 'c1', 'c1.listens',"
                + " 'subordinate', 'a1', 'Всегда выслушивает до конца', '2026-12-01', 1), ('s2026q4', '" + target + "', 'c1',"
                + " 'c1.listens', 'peer', 'a2', 'Перебивает на планёрках', '2026-12-01', 1)");
        ch.execute("INSERT INTO otklik.assessment_completion (session_id, target_id, role_group, expected, submitted, status,"
                + " deadline_ts, version) VALUES ('s2026q4', '" + target + "', 'self', 1, 1, 'closed', 0, 1), ('s2026q4', '"
                + target + "', 'manager', 1, 1, 'closed', 0, 1), ('s2026q4', '" + target + "', 'subordinate', 4, 4, 'closed', 0, 1),"
                + " ('s2026q4', '" + target + "', 'peer', 1, 1, 'closed', 0, 1), ('s2026q4', '" + target + "', '', 7, 7, 'closed', 0, 1)");

        JsonNode report = ok(server.get("/api/v1/assessment/sessions/s2026q4/targets/E2/report", admin), 200);
        JsonNode listens = report.get("competencies").get(0).get("indicators").get(0);
        List<String> groups = new java.util.ArrayList<>();
        listens.get("figures").forEach(f -> groups.add(f.get("group").asText()));
        assertEquals(List.of("self", "manager", "subordinate"), groups, "the single peer is not shown");
        assertEquals(5, listens.get("others").get("raters").asInt(), "others = manager + 4 subordinates, not the peer");
        assertEquals(1, listens.get("withheld").asInt());
        assertEquals(4.4, listens.get("others").get("average").asDouble(), 1e-9);
        List<String> classes = new java.util.ArrayList<>();
        listens.get("classes").forEach(c -> classes.add(c.asText()));
        assertEquals(List.of("hidden_opportunity"), classes, "self 3 against others 4.4");
        assertEquals(1, listens.get("comments").size(), "the peer's comment is withheld");
        String all = report.toString();
        assertFalse(all.contains("Перебивает") || all.contains("\"peer\""), all);

        HttpResponse<String> csv = server.get("/api/v1/assessment/sessions/s2026q4/targets/E2/report.csv", admin);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("\uFEFF"), "a BOM for Excel");
        assertFalse(csv.body().contains(";peer;") || csv.body().contains("Перебивает"), csv.body());
        HttpResponse<byte[]> pdf = server.getBytes("/api/v1/assessment/sessions/s2026q4/targets/E2/report.pdf", admin);
        assertEquals(200, pdf.statusCode());
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Петров Пётр Ильич"), text);
            assertFalse(text.contains("Перебивает"), text);
        }
        assertEquals(403, server.get("/api/v1/assessment/sessions/s2026q4/targets/E2/report", server.login("region-VLA")).statusCode(),
                "another region's manager neither administers the session nor has E2 below them");
        assertEquals(409, server.get("/api/v1/assessment/sessions/s-ui/targets/E2/report", admin).statusCode(),
                "no report while the session runs");

        // one browser for both sizes: each browser costs seconds to start and stop
        try (PageBrowser b = new PageBrowser(server, 1280, 900)) {
            b.login("region-BRY");
            // the session page reads its completion every 10 s and draws each target's bar: E2's submitted share
            JsonNode completion = ok(server.get("/api/v1/assessment/sessions/s2026q4/completion", admin), 200);
            double e2 = 0;
            for (JsonNode t : completion.get("targets")) {
                e2 = t.get("employeeId").asText().equals("E2") ? t.get("submitted").asDouble() / t.get("expected").asDouble() : e2;
            }
            assertEquals(1.0, e2, 1e-9, completion.toString());
            b.open("/assessment/sessions/s2026q4");
            String[] plotted = {null};
            b.waitFor("E2's completion bar", () -> {
                JsonNode o = EChartsOnPage.option(b.driver, "table.completion [data-chart-key='E2']");
                plotted[0] = o == null ? null : o.path("series").get(0).path("data").get(0).path("value").asText();
                return plotted[0] != null;
            });
            assertEquals(e2, Double.parseDouble(plotted[0]), 1e-9, "E2's plotted share");
            b.fullPageScreenshot("assessment-completion-desktop", 1280, 900);
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            b.fullPageScreenshot("assessment-completion-phone", 390, 844);
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            b.open("/assessment/sessions/s2026q4/targets/E2");
            // the radar as ECharts drew it: c1's figures per shown group (one axis: points, no polygon), not the peer's
            JsonNode radar = b.chartOption(".radar-box [data-chart]");
            assertEquals("Клиентоориентированность", radar.at("/radar/0/indicator/0/name").asText());
            assertEquals(java.util.Map.of("Самооценка", 3.0, "Руководитель", 4.0, "Подчинённые", 4.5,
                    "Все, кроме самооценки", 4.4), radarFigures(radar, 0));
            assertEquals(3, b.driver.findElements(org.openqa.selenium.By.cssSelector("span.badge.hidden_opportunity")).size(),
                    "the competency's badge and each of its two indicators'");
            b.fullPageScreenshot("assessment-report-desktop", 1280, 900);
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            b.open("/assessment/sessions/s2026q4/targets/E2");
            b.waitFor("the report on a phone", () -> (Long) b.js("return window.innerWidth") <= 390);
            assertEquals(4, radarFigures(b.chartOption(".radar-box [data-chart]"), 0).size(), "the radar on a phone");
            b.fullPageScreenshot("assessment-report-phone", 390, 844);
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            // the session's completion bars on a phone: the first row's bar is its percent
            b.open("/assessment/sessions/s2026q4");
            JsonNode bar = b.chartOption("table.completion [data-chart-key]");
            String cell = b.driver.findElement(org.openqa.selenium.By.cssSelector("table.completion tbody td:nth-child(2)")).getText();
            long percent = Math.round(100 * bar.at("/series/0/data/0/value").asDouble());
            assertTrue(cell.endsWith("(" + percent + " %)"), cell + " against " + bar.at("/series/0/data"));
            b.fullPageScreenshot("assessment-session-phone", 390, 844);
        }
    }

    /** Each group's figure on one axis of a drawn radar: its polygon's value there, or its point's (points only). */
    private static java.util.Map<String, Double> radarFigures(JsonNode option, int axis) {
        java.util.Map<String, Double> figures = new java.util.HashMap<>();
        for (JsonNode series : option.get("series")) {
            if ("radar".equals(series.path("type").asText())) {
                series.get("data").forEach(p -> figures.put(p.get("name").asText(), p.get("value").get(axis).asDouble()));
            } else {
                series.get("data").forEach(p -> {
                    if (p.get(1).asInt() == axis) {
                        figures.put(series.get("name").asText(), p.get(0).asDouble());
                    }
                });
            }
        }
        return figures;
    }

    @Test
    @Order(8)
    void managersReadTheirSubtreeTargetsTheirOwnOnceGrantedAndNobodyElse() throws Exception {
        String root = server.login("admin");
        String rootCsrf = server.csrfOf(root, "/admin/accounts");
        for (String[] a : new String[][]{{"head-e1", "E1"}, {"self-e2", "E2"}, {"peer-e7", "E7"}}) {
            ok(server.postJson("/api/v1/admin/accounts", root, rootCsrf, "{\"username\":\"" + a[0]
                    + "\",\"role\":\"office\",\"scope\":\"BRY-01\",\"password\":\"" + a[0] + "-password-1\",\"employeeId\":\""
                    + a[1] + "\"}"), 201);
        }
        String report = "/api/v1/assessment/sessions/s2026q4/targets/E2/report";
        String head = session("head-e1");
        assertEquals(200, server.get(report, head).statusCode(), "E1 manages E2");
        String peer = session("peer-e7");
        HttpResponse<String> refused = server.get(report, peer);
        assertEquals(403, refused.statusCode(), "a peer reads no one's report: " + refused.body());
        assertEquals(403, server.get(report + ".csv", peer).statusCode());
        assertEquals(403, server.getBytes(report + ".pdf", peer).statusCode());
        String self = session("self-e2");
        assertEquals(403, server.get(report, self).statusCode(), "not before access is granted");
        ok(post("/sessions/s2026q4/report-access", "{\"targetsSee\":true}"), 200);
        assertEquals(200, server.get(report, self).statusCode(), "their own report once granted");
        assertEquals(403, server.get("/api/v1/assessment/sessions/s2026q4/targets/E1/report", self).statusCode(),
                "not their manager's");

        JsonNode summary = ok(server.get("/api/v1/assessment/sessions/s2026q4/summary", head), 200);
        assertEquals("E1", summary.get("manager").asText());
        assertEquals(2, summary.get("targets").asInt(), "E2 and E3 are below E1");
        JsonNode c1 = summary.get("competencies").get(0);
        assertEquals(1, c1.get("targets").asInt(), "only E2 has figures");
        assertEquals(4.4, c1.get("average").asDouble(), 1e-9, "E2's others, after the merge");
        assertEquals(403, server.get("/api/v1/assessment/sessions/s2026q4/summary", server.login("office-BRY-02")).statusCode(),
                "an account that is not an employee has no subtree");
    }

    private static String session(String user) {
        HttpResponse<String> r = server.postLogin(user, user + "-password-1");
        assertEquals(303, r.statusCode(), user);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    }

    @Test
    @Order(9)
    void rolesAndTheirThresholdsAreSetByFederalUsersAndApplyToEveryReportRead() throws Exception {
        String federal = server.login("federal");
        String federalCsrf = server.csrfOf(federal, "/regions");
        assertEquals(403, post("/roles", "{\"code\":\"skip\",\"nameRu\":\"Руководитель руководителя\","
                + "\"anonymityThreshold\":1,\"commentThreshold\":1}").statusCode(), "a regional manager does not set them");
        assertEquals(400, server.postJson("/api/v1/assessment/roles", federal, federalCsrf, "{\"code\":\"others\","
                + "\"nameRu\":\"Другие\",\"anonymityThreshold\":3,\"commentThreshold\":3}").statusCode());
        assertEquals(400, server.postJson("/api/v1/assessment/roles", federal, federalCsrf, "{\"code\":\"self\","
                + "\"nameRu\":\"Самооценка\",\"anonymityThreshold\":2,\"commentThreshold\":1}").statusCode());
        ok(server.postJson("/api/v1/assessment/roles", federal, federalCsrf, "{\"code\":\"skip\",\"nameRu\":"
                + "\"Руководитель руководителя\",\"nameEn\":\"Manager's manager\",\"anonymityThreshold\":1,"
                + "\"commentThreshold\":1}"), 200);
        assertTrue(server.get("/api/v1/assessment/roles", admin).body().contains("Руководитель руководителя"));

        String report = "/api/v1/assessment/sessions/s2026q4/targets/E2/report";
        ok(server.postJson("/api/v1/assessment/roles", federal, federalCsrf, "{\"code\":\"subordinate\",\"nameRu\":"
                + "\"Подчинённые\",\"nameEn\":\"Subordinates\",\"anonymityThreshold\":5,\"commentThreshold\":5}"), 200);
        try {
            JsonNode listens = ok(server.get(report, admin), 200).get("competencies").get(0).get("indicators").get(0);
            List<String> groups = new java.util.ArrayList<>();
            listens.get("figures").forEach(f -> groups.add(f.get("group").asText()));
            assertEquals(List.of("self", "manager"), groups, "four subordinates are fewer than five now");
            assertEquals(6, listens.get("others").get("raters").asInt(),
                    "4 subordinates + 1 peer reach the smaller threshold (3) together: merged into others with the manager");
            assertEquals(0, listens.get("withheld").asInt());
            List<String> labels = new java.util.ArrayList<>();
            listens.get("comments").forEach(c -> labels.add(c.get("group").asText()));
            assertEquals(List.of("others", "others"), labels, "below their own threshold the subordinates' and the peer's"
                    + " comments are shown only as others' (five possible authors together)");
        } finally {
            ok(server.postJson("/api/v1/assessment/roles", federal, federalCsrf, "{\"code\":\"subordinate\",\"nameRu\":"
                    + "\"Подчинённые\",\"nameEn\":\"Subordinates\",\"anonymityThreshold\":3,\"commentThreshold\":3}"), 200);
        }
    }
}
