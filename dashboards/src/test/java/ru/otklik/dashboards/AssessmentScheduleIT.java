package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.assessment.RaterLinkToken;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.assessment.AssessmentSchedule;
import ru.otklik.dashboards.assessment.AssessmentSessions;
import ru.otklik.dashboards.assessment.AssessmentSettings;
import ru.otklik.dashboards.assessment.RaterReminders;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.delivery.MailChannel;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;

/**
 * A 360 session's life in time (issue 12 §3) with the real dashboards, PostgreSQL, Kafka and an SMTP server
 * (GreenMail, in process): reminders to the raters with targets left, once per round, with their own signed link, a
 * day before the deadline but no "three days left" to raters who got their links two days before it; an
 * administrator's "remind now" that skips a rater who finished; and the session closed at its deadline, published
 * like a manual closing. The schedule runs as of chosen instants (a second server's schedule against the same
 * store), so nothing waits for a day to pass; the server's own runs hourly and stay out of the way.
 */
class AssessmentScheduleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "assessment.assignments";
    private static final LinkKeys KEYS = LinkKeys.parse("k1:" + LinkKeys.newSecret());
    private static final String CSV = "text/csv";
    private static final String STRUCTURE = "employee_id;full_name;department_id;department_name;parent_department_id;manager_id;email\n"
            + "E1;Иванова Анна;D1;Центр занятости;;;e1@example.org\n"
            + "E2;Петров Пётр;D1;Центр занятости;;E1;e2@example.org\n"
            + "E3;Сидорова Мария;D1;Центр занятости;;E2;e3@example.org\n"
            + "E4;Кузнецов Олег;D1;Центр занятости;;E2;\n";

    @TempDir
    static Path kafkaDir;
    private static KafkaBroker kafka;
    private static GreenMail smtp;
    private static String jdbcUrl;
    private static TestServer server;
    private static AssessmentSettings settings;

    @BeforeAll
    static void start() throws Exception {
        jdbcUrl = OperationalDatabases.fresh("schedule_it");
        kafka = KafkaBroker.start(kafkaDir);
        kafka.createTopics(1, TOPIC);
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        settings = new AssessmentSettings(KEYS, "https://opros.example.org", TOPIC,
                List.of(Duration.ofDays(3), Duration.ofDays(1)), Duration.ofHours(1));
        server = TestServer.start(5, Clock.systemUTC(), OperationalSettings.none()
                        .withPostgres(jdbcUrl, PostgresServer.USER).withKafka(kafka.bootstrapServers(), "alert.reviews"),
                DeliverySettings.none(), CaseSettings.defaults(), c -> c.withAssessment(settings));
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (smtp != null) {
                    smtp.stop();
                }
            } finally {
                if (kafka != null) {
                    kafka.close();
                }
            }
        }
    }

    @Test
    void remindersGoOncePerRoundWithTheRatersOwnLinkAndTheSessionClosesAtItsDeadline() throws Exception {
        String admin = server.login("region-BRY");
        String csrf = server.csrfOf(admin, "/regions/BRY");
        ok(server.postBytes("/api/v1/assessment/structure", admin, csrf, CSV, STRUCTURE.getBytes(StandardCharsets.UTF_8)), 200);
        JsonNode model = ok(server.postBytes("/api/v1/assessment/models?name=m", admin, csrf, CSV,
                ("group_code,group_name,competency_code,competency_name,indicator_code,indicator_text,roles\n"
                        + "g1,Клиент,c1,Клиентоориентированность,c1.listens,Выслушивает клиента,\n")
                        .getBytes(StandardCharsets.UTF_8)), 201);
        Instant deadline = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ok(server.postJson("/api/v1/assessment/sessions", admin, csrf, "{\"sessionId\":\"sched\",\"name\":\"Оценка 360\","
                + "\"modelVersion\":" + model.get("modelVersion").asLong() + ",\"deadline\":\"" + deadline + "\"}"), 201);
        ok(server.postJson("/api/v1/assessment/sessions/sched/matrix/fill", admin, csrf, "{\"targets\":[\"E2\"]}"), 200);
        ok(server.postJson("/api/v1/assessment/sessions/sched/targets/E2/approve", admin, csrf, "{}"), 200);
        ok(server.postJson("/api/v1/assessment/sessions/sched/launch", admin, csrf, "{}"), 200);
        // E2 is rated by themself, their manager E1 and subordinates E3 and E4; E4 has no address
        Map<String, String> keyOf = raterKeys();
        assertEquals(Set.of("E1", "E2", "E3", "E4"), keyOf.keySet());

        var store = new org.postgresql.ds.PGSimpleDataSource();
        store.setURL(jdbcUrl);
        store.setUser(PostgresServer.USER);
        RaterReminders reminders = new RaterReminders(store);
        int[] woken = {0};
        AssessmentSchedule schedule = new AssessmentSchedule(new AssessmentSessions(store), reminders,
                new MailChannel(DeliverySettings.none().withSmtp("127.0.0.1", smtp.getSmtp().getPort()))::send, settings,
                () -> woken[0]++, Clock.systemUTC());

        // now: two days left, no round is due
        assertEquals(new AssessmentSchedule.Run(List.of(), 0, 0), schedule.runOnce(Instant.now()));
        // 36 hours on: "a day left" is due for the three raters with an address; "three days left" never was, since
        // the links went out after that moment
        Instant dayLeft = deadline.minus(12, ChronoUnit.HOURS);
        assertEquals(new AssessmentSchedule.Run(List.of(), 3, 3), schedule.runOnce(dayLeft));
        assertEquals(3, smtp.getReceivedMessages().length);
        Map<String, String> linkByAddress = links();
        assertEquals(Set.of("e1@example.org", "e2@example.org", "e3@example.org"), linkByAddress.keySet());
        for (String rater : List.of("E1", "E2", "E3")) {
            String link = linkByAddress.get(rater.toLowerCase() + "@example.org");
            assertEquals(keyOf.get(rater), RaterLinkToken.verify(KEYS, link.substring(link.lastIndexOf('/') + 1)).orElseThrow(),
                    "each rater's own signed link");
        }
        // the same round again: nothing new, whatever runs it again
        assertEquals(new AssessmentSchedule.Run(List.of(), 0, 0), schedule.runOnce(dayLeft.plusSeconds(60)));
        assertEquals(3, smtp.getReceivedMessages().length);

        // E3 submits (as ingest records it); "remind now" leaves them out
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             PreparedStatement st = c.prepareStatement("INSERT INTO assessment_submissions (rater_key, target_id,"
                     + " submission_id, submission, submitted_at) VALUES (?, 'E2', 'sub-e3', '{}'::jsonb, now())")) {
            st.setString(1, keyOf.get("E3"));
            st.executeUpdate();
        }
        JsonNode queued = ok(server.postJson("/api/v1/assessment/sessions/sched/remind", admin, csrf, "{}"), 202);
        assertEquals(2, queued.get("queued").asInt());
        assertEquals(2, schedule.runOnce(Instant.now().plusSeconds(1)).sent());
        assertEquals(5, smtp.getReceivedMessages().length);
        JsonNode view = ok(server.get("/api/v1/assessment/sessions/sched", admin), 200);
        assertEquals(5, view.get("reminders").get("sent").asInt(), view.toString());
        assertEquals(403, server.postJson("/api/v1/assessment/sessions/sched/remind", server.login("office-BRY-01"),
                server.csrfOf(server.login("office-BRY-01"), "/offices/BRY-01"), "{}").statusCode());

        // the deadline passes: closed by the schedule, published like a manual closing, no more reminders
        AssessmentSchedule.Run closing = schedule.runOnce(deadline.plusSeconds(1));
        assertEquals(List.of("sched"), closing.closed());
        assertEquals(1, woken[0]);
        assertEquals("closed", ok(server.get("/api/v1/assessment/sessions/sched", admin), 200).get("session")
                .get("status").asText());
        List<SessionAssignments> events = TopicRecords.readUntil(kafka.bootstrapServers(), TOPIC,
                read -> read.stream().anyMatch(r -> EventJson.fromBytes(r.value(), SessionAssignments.class).status()
                        .equals(SessionAssignments.CLOSED))).stream()
                .map(r -> EventJson.fromBytes(r.value(), SessionAssignments.class)).toList();
        assertEquals(SessionAssignments.CLOSED, events.get(events.size() - 1).status());
        assertEquals(409, server.postJson("/api/v1/assessment/sessions/sched/remind", admin, csrf, "{}").statusCode());
        assertEquals(new AssessmentSchedule.Run(List.of(), 0, 0), schedule.runOnce(deadline.plusSeconds(120)));
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT closed_by FROM assessment_sessions WHERE session_id = 'sched'")) {
            rs.next();
            assertEquals("deadline", rs.getString(1));
        }
    }

    private static Map<String, String> raterKeys() throws Exception {
        Map<String, String> keys = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery("SELECT rater_id, rater_key FROM assessment_raters"
                     + " WHERE session_id = 'sched'")) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getString(2));
            }
        }
        return keys;
    }

    /** Recipient → the link in their message; every message names the session and its deadline in both languages. */
    private static Map<String, String> links() throws Exception {
        Map<String, String> links = new java.util.HashMap<>();
        Set<String> subjects = new HashSet<>();
        Pattern link = Pattern.compile("https://opros\\.example\\.org/a/\\S+");
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String text = m.getContent().toString();
            Matcher found = link.matcher(text);
            assertTrue(found.find(), text);
            assertTrue(text.contains("Осталось оценить коллег: 1") && text.contains("1 colleague(s) left"), text);
            links.put(m.getAllRecipients()[0].toString(), found.group());
            subjects.add(m.getSubject());
        }
        assertEquals(Set.of("Напоминание: оценка 360 «Оценка 360» / Reminder: 360 assessment"), subjects);
        return links;
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
