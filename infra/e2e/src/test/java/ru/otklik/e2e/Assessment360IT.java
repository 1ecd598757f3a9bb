package ru.otklik.e2e;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.Topics;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.HeadlessChromium;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/**
 * A 360 session the whole way (issue 12): the regional manager imports the structure and a competency model in the
 * dashboards, fills the matrix from the structure, approves and launches it; seven raters answer on their personal
 * links in ingest (one of them in Chromium on a phone); Kafka; the Flink job's 360 aggregates and completion in
 * ClickHouse, live while the session runs; the session closed; the report through the dashboards' API. The answers
 * are chosen so that each of the four classes of domain §5 appears once, one subordinate cannot judge an indicator,
 * the single peer is below the anonymity threshold everywhere, and an extra question is answered but never averaged.
 */
class Assessment360IT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final String KEYS = "k1:" + LinkKeys.newSecret();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String STRUCTURE = "employee_id;full_name;department_id;department_name;parent_department_id;manager_id\n"
            + "E1;Иванова Анна Сергеевна;D1;Центр занятости;;\n"
            + "E2;Петров Пётр Ильич;D2;Отдел выплат;D1;E1\n"
            + "E3;Сидорова Мария;D2;Отдел выплат;D1;E2\n"
            + "E4;Кузнецов Олег;D2;Отдел выплат;D1;E2\n"
            + "E5;Смирнова Ольга;D2;Отдел выплат;D1;E2\n"
            + "E6;Попов Игорь;D2;Отдел выплат;D1;E2\n"
            + "E7;Васильева Елена;D2;Отдел выплат;D1;E1\n";
    private static final String MODEL = "group_code,group_name,competency_code,competency_name,indicator_code,indicator_text,kind\n"
            + "g1,Работа с клиентом,c1,Клиентоориентированность,c1.listens,Выслушивает клиента,\n"
            + "g1,Работа с клиентом,c1,Клиентоориентированность,c1.explains,Объясняет решения,\n"
            + "g1,Работа с клиентом,c2,Точность,c2.errors,Работает без ошибок,\n"
            + "g2,Развитие,c3,Наставничество,c3.mentors,Помогает новичкам,\n"
            + ",,,,x.advice,Что посоветуете коллеге?,extra\n";

    /** Each rater's option per indicator (p0..p5, or cannot-judge). */
    private static final Map<String, Map<String, String>> ANSWERS = new LinkedHashMap<>();

    static {
        // c1.listens: everyone 5 -> obvious strength; c2.errors: everyone below 4, self 3 against 2.2 -> obvious need
        // and blind spot; c3.mentors: self 3 against 4.6 -> hidden opportunity; c1.explains: E6 cannot judge
        answers("E2", "p5", "p4", "p3", "p3"); // self
        answers("E1", "p5", "p4", "p2", "p5"); // manager
        answers("E3", "p5", "p4", "p2", "p4");
        answers("E4", "p5", "p5", "p2", "p5");
        answers("E5", "p5", "p4", "p3", "p4");
        answers("E6", "p5", "cannot-judge", "p2", "p5");
        answers("E7", "p1", "p1", "p1", "p1"); // the single peer: withheld everywhere
    }

    private static void answers(String rater, String listens, String explains, String errors, String mentors) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("c1.listens", listens);
        a.put("c1.explains", explains);
        a.put("c2.errors", errors);
        a.put("c3.mentors", mentors);
        ANSWERS.put(rater, a);
    }

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();

    @TempDir
    Path dir;

    @Test
    void aSessionFromStructureToReportThroughIngestKafkaFlinkAndClickHouse() throws Exception {
        String postgres = DashboardsClient.freshDatabase(stack);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String answersTopic = "assessment.answers-" + suffix;
        String assignmentsTopic = "assessment.assignments-" + suffix;
        stack.kafka().createTopics(3, answersTopic);
        stack.kafka().createTopics(3, Topics.KEPT_FOREVER, assignmentsTopic);
        Map<String, String> settings = new HashMap<>();
        settings.put("OTKLIK_LINK_KEYS", KEYS);
        settings.put("OTKLIK_POSTGRES_URL", postgres);
        settings.put("OTKLIK_POSTGRES_USER", PostgresServer.USER);
        settings.put("OTKLIK_ASSESSMENT_ANSWERS_TOPIC", answersTopic); // ingest writes it, the job reads it
        settings.put("OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC", assignmentsTopic); // the dashboards write it, the job reads it
        try (Pipeline pipeline = Pipeline.start(stack, dir, List.of(), settings);
             DashboardsClient dashboards = DashboardsClient.startWithAssessment(stack, dir, postgres, assignmentsTopic, KEYS,
                     "http://127.0.0.1:" + pipeline.ingestPort())) {
            String admin = dashboards.login("region-BRY");
            ok(dashboards.postBytes("/api/v1/assessment/structure", admin, "/assessment", "text/csv",
                    STRUCTURE.getBytes(StandardCharsets.UTF_8)), 200);
            JsonNode model = ok(dashboards.postBytes("/api/v1/assessment/models?name=e2e", admin, "/assessment", "text/csv",
                    MODEL.getBytes(StandardCharsets.UTF_8)), 201);
            String session = "e2e-" + suffix;
            ok(dashboards.postJson("/api/v1/assessment/sessions", admin, "/assessment", "{\"sessionId\":\"" + session
                    + "\",\"name\":\"Оценка 360\",\"modelVersion\":" + model.get("modelVersion").asLong()
                    + ",\"deadline\":\"2099-12-31T18:00:00Z\"}"), 201);
            String page = "/assessment/sessions/" + session;
            ok(dashboards.postJson("/api/v1/assessment/sessions/" + session + "/matrix/fill", admin, page,
                    "{\"targets\":[\"E2\"]}"), 200);
            ok(dashboards.postJson("/api/v1/assessment/sessions/" + session + "/targets/E2/approve", admin, page, "{}"), 200);
            ok(dashboards.postJson("/api/v1/assessment/sessions/" + session + "/launch", admin, page, "{}"), 200);

            Map<String, String> employeeByKey = raterKeys(postgres, session);
            String target = pseudonym(postgres, "E2");
            Map<String, String> tokenOf = new HashMap<>();
            for (JsonNode l : dashboards.json("/api/v1/assessment/sessions/" + session, admin).get("raterLinks")) {
                String link = l.get("link").asText();
                tokenOf.put(l.get("raterId").asText(), link.substring(link.lastIndexOf('/') + 1));
            }
            assertEquals(ANSWERS.keySet(), tokenOf.keySet());
            assertEquals(7, employeeByKey.size());

            // the job knows the session once its matrix is published: 0 of 7 while nobody has answered
            awaitRow("completion 0/7", "SELECT expected, submitted FROM otklik.assessment_completion FINAL WHERE session_id = '"
                    + session + "' AND target_id = '' AND role_group = ''", "7\t0");

            // six raters post the form; the seventh (E3) answers in Chromium on a phone
            for (Map.Entry<String, Map<String, String>> rater : ANSWERS.entrySet()) {
                if (rater.getKey().equals("E3")) {
                    continue;
                }
                StringBuilder form = new StringBuilder();
                rater.getValue().forEach((indicator, option) -> form.append(form.length() == 0 ? "" : "&").append("i.")
                        .append(indicator).append('=').append(option));
                if (rater.getKey().equals("E4")) {
                    form.append("&c.c1.listens=").append(URLEncoder.encode("Всегда выслушивает до конца", StandardCharsets.UTF_8));
                }
                if (rater.getKey().equals("E7")) {
                    form.append("&c.c1.listens=").append(URLEncoder.encode("Перебивает на планёрках", StandardCharsets.UTF_8));
                }
                form.append("&x.x.advice=").append(URLEncoder.encode("Больше практики", StandardCharsets.UTF_8));
                HttpResponse<String> r = submit(pipeline.ingestPort(), tokenOf.get(rater.getKey()), target, form.toString());
                assertTrue(r.statusCode() == 200 || r.statusCode() == 303, rater.getKey() + ": " + r.statusCode() + " " + r.body());
            }
            // live while the session runs: 6 of 7
            awaitRow("completion 6/7", "SELECT expected, submitted FROM otklik.assessment_completion FINAL WHERE session_id = '"
                    + session + "' AND target_id = '' AND role_group = ''", "7\t6");
            answerOnAPhone(pipeline.ingestPort(), tokenOf.get("E3"), target, ANSWERS.get("E3"));
            awaitRow("completion 7/7", "SELECT expected, submitted FROM otklik.assessment_completion FINAL WHERE session_id = '"
                    + session + "' AND target_id = '' AND role_group = ''", "7\t7");
            JsonNode live = dashboards.json("/api/v1/assessment/sessions/" + session + "/completion", admin);
            assertTrue(live.toString().contains("\"submitted\":7"), live.toString());
            assertEquals(409, dashboards.get("/api/v1/assessment/sessions/" + session + "/targets/E2/report", admin).statusCode(),
                    "no report while the session runs");

            // cannot judge is counted only as such; the extra question is never an aggregate
            assertEquals("3\t1", ch.query("SELECT raters, cannot_judge FROM otklik.assessment_items FINAL WHERE session_id = '"
                    + session + "' AND indicator_code = 'c1.explains' AND role_group = 'subordinate'").strip());
            assertEquals("0", ch.query("SELECT count() FROM otklik.assessment_items WHERE session_id = '" + session
                    + "' AND indicator_code = 'x.advice'").strip());

            ok(dashboards.postJson("/api/v1/assessment/sessions/" + session + "/close", admin, page, "{}"), 200);
            awaitRow("the session closed in the job", "SELECT status FROM otklik.assessment_completion FINAL WHERE session_id = '"
                    + session + "' AND target_id = '' AND role_group = ''", "closed");
            JsonNode report = dashboards.json("/api/v1/assessment/sessions/" + session + "/targets/E2/report", admin);
            Map<String, JsonNode> lines = new HashMap<>();
            report.get("competencies").forEach(c -> {
                lines.put(c.get("competency").get("code").asText(), c.get("competency"));
                c.get("indicators").forEach(i -> lines.put(i.get("code").asText(), i));
            });
            assertEquals(List.of("obvious_strength"), texts(lines.get("c1.listens").get("classes")));
            assertEquals(List.of("obvious_need", "blind_spot"), texts(lines.get("c2.errors").get("classes")));
            assertEquals(List.of("hidden_opportunity"), texts(lines.get("c3.mentors").get("classes")));
            assertEquals(5, lines.get("c1.listens").get("others").get("raters").asInt(), "manager + 4 subordinates");
            assertEquals(1, lines.get("c1.listens").get("withheld").asInt(), "the peer");
            assertEquals(2.2, lines.get("c2.errors").get("others").get("average").asDouble(), 1e-9);
            assertEquals(4, lines.get("c1.explains").get("others").get("raters").asInt(), "E6 could not judge it");
            assertEquals(List.of("Всегда выслушивает до конца"), texts(lines.get("c1.listens").get("comments"), "text"));
            String whole = report.toString();
            assertFalse(whole.contains("Перебивает") || whole.contains("\"peer\"") || whole.contains("Больше практики"), whole);
            HttpResponse<String> csv = dashboards.get("/api/v1/assessment/sessions/" + session + "/targets/E2/report.csv", admin);
            assertFalse(csv.body().contains(";peer;"), csv.body());
            reportScreenshot(dashboards, session);
        }
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return EventJson.mapper().readTree(r.body());
    }

    private static HttpResponse<String> submit(int port, String token, String target, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/a/" + token + "/t/" + target + "/submit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The rater's form in Chromium at a phone's size: one choice per indicator, then submit. */
    private static void answerOnAPhone(int port, String token, String target, Map<String, String> answers) throws Exception {
        ChromeDriver driver = HeadlessChromium.start(390, 844);
        try {
            driver.get("http://127.0.0.1:" + port + "/a/" + token + "/t/" + target);
            HeadlessChromium.await("the rater's form", Duration.ofSeconds(15),
                    () -> !driver.findElements(By.cssSelector("input[name='i.c1.listens']")).isEmpty());
            for (Map.Entry<String, String> a : answers.entrySet()) {
                // the label is what a thumb presses (the radio itself is drawn inside it)
                driver.findElement(By.cssSelector("label[for='i." + a.getKey() + "-" + a.getValue() + "']")).click();
            }
            Long overflow = (Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
            assertTrue(overflow <= 0, "the form fits a phone: " + overflow + " px too wide");
            HeadlessChromium.screenshot(driver, Path.of("target", "screenshots"), "assessment360-rater-phone");
            driver.findElement(By.cssSelector("button.submit")).click();
            HeadlessChromium.await("the thank-you page", Duration.ofSeconds(15),
                    () -> !driver.getCurrentUrl().endsWith("/t/" + target));
        } finally {
            driver.quit();
        }
    }

    private static void reportScreenshot(DashboardsClient dashboards, String session) throws Exception {
        ChromeDriver driver = HeadlessChromium.start(1280, 1000);
        try {
            driver.get(dashboards.base() + "/login");
            driver.findElement(By.id("username")).sendKeys("region-BRY");
            driver.findElement(By.id("password")).sendKeys("e2e-password-1");
            driver.findElement(By.id("sign-in")).click();
            HeadlessChromium.await("signed in", Duration.ofSeconds(15), () -> !driver.getCurrentUrl().contains("/login"));
            driver.get(dashboards.base() + "/assessment/sessions/" + session + "/targets/E2");
            // drawn by ECharts (a canvas), with at least one group's polygon (a group with a figure on every axis)
            HeadlessChromium.await("the report's radar", Duration.ofSeconds(15), () -> Boolean.TRUE.equals(driver.executeScript(
                    "var el = document.querySelector('.radar-box [data-chart]');"
                    + " var chart = el && window.echarts && echarts.getInstanceByDom(el);"
                    + " return !!chart && !!el.querySelector('canvas') && chart.getOption().series[0].data.length > 0;")));
            HeadlessChromium.screenshot(driver, Path.of("target", "screenshots"), "assessment360-report");
        } finally {
            driver.quit();
        }
    }

    private void awaitRow(String what, String sql, String expected) throws Exception {
        AwaitedRow.await(what, Duration.ofSeconds(120), () -> ch.query(sql).strip(), expected);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static Map<String, String> raterKeys(String url, String session) throws Exception {
        Map<String, String> keys = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rater_key, rater_id FROM assessment_raters WHERE session_id = '" + session + "'")) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getString(2));
            }
        }
        return keys;
    }

    private static String pseudonym(String url, String employee) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pseudonym FROM org_employees WHERE employee_id = '" + employee + "'")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
