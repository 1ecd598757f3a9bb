package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.checklist.ChecklistCatalogue;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.checklist.ObjectiveRules;
import ru.otklik.common.checklist.ObjectiveScore;
import ru.otklik.common.checklist.ObjectiveScoring;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.checklist.Review;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;

/**
 * The objective checklists through the real dashboards, PostgreSQL and a Kafka broker of their own: draft, submit,
 * the published report; validation 422s naming field and rule; upload refusals; office isolation; reviews changing
 * the score (3 of 5 openness parameters accepted = 0.6); an audit zeroing the period; the managing office's
 * checklists in a centralised region (LIP-01 manages LIP-02). In order: each test builds on the previous one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChecklistIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "checklists.reports";
    private static final String OFFICE = "LIP-02";
    private static final String API = "/api/v1/checklists/";

    @TempDir
    static Path kafkaDir;
    private static KafkaBroker kafka;
    private static TestServer server;
    private static String staff;
    private static String staffCsrf;
    private static String expert;
    private static String expertCsrf;
    private static ReportingPeriod period;

    @BeforeAll
    static void start() {
        String jdbcUrl = OperationalDatabases.fresh("checklist_it");
        kafka = KafkaBroker.start(kafkaDir);
        kafka.createTopics(1, TOPIC);
        server = TestServer.start(5, java.time.Clock.systemUTC(), OperationalSettings.none()
                        .withPostgres(jdbcUrl, PostgresServer.USER).withKafka(kafka.bootstrapServers(), "alert.reviews"),
                DeliverySettings.none(), CaseSettings.defaults());
        period = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, LocalDate.now(ZoneOffset.UTC));
        staff = server.login("office-" + OFFICE);
        staffCsrf = server.csrfOf(staff, "/checklists");
        expert = server.login("federal");
        expertCsrf = server.csrfOf(expert, "/checklists/review");
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

    static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 30; y++) {
                img.setRGB(x, y, x < 20 ? 0x2a7ab0 : 0xf0c020);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String path(String office, String rest) {
        return API + office + "/" + period.code() + rest;
    }

    private static String openness(String evidenceForLast) {
        return "{\"parameters\":["
                + "{\"code\":\"hours_posted\",\"implemented\":true,\"evidenceUrl\":\"https://lip.example.org/hours\"},"
                + "{\"code\":\"appeal_channel\",\"implemented\":true,\"evidenceFile\":" + fileId + "},"
                + "{\"code\":\"client_meetings\",\"implemented\":true,\"evidenceUrl\":\"https://lip.example.org/m\"},"
                + "{\"code\":\"answers_published\",\"implemented\":true,\"evidenceUrl\":\"https://lip.example.org/a\"},"
                + "{\"code\":\"contacts_in_hall\",\"implemented\":true" + evidenceForLast + "}]}";
    }

    private static long fileId;

    private static List<ObjectiveReport> published(java.util.function.Predicate<List<ObjectiveReport>> done) {
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.readUntil(kafka.bootstrapServers(), TOPIC,
                read -> done.test(events(read)));
        records.forEach(r -> assertEquals(OFFICE.equals(r.key()) || r.key().startsWith("LIP-") ? r.key() : "?", r.key()));
        return events(records);
    }

    private static List<ObjectiveReport> events(List<ConsumerRecord<String, byte[]>> read) {
        return read.stream().map(r -> EventJson.fromBytes(r.value(), ObjectiveReport.class)).toList();
    }

    @Test
    @Order(1)
    void uploadsAreSniffedAndLimited() throws Exception {
        JsonNode up = ok(server.postBytes(path(OFFICE, "/evidence"), staff, staffCsrf, "image/png", png()), 201);
        assertEquals("image/png", up.get("contentType").asText());
        fileId = up.get("fileId").asLong();
        // the type from the bytes, not from the header
        HttpResponse<String> fake = server.postBytes(path(OFFICE, "/evidence"), staff, staffCsrf, "image/png",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".getBytes());
        assertEquals(415, fake.statusCode(), fake.body());
        assertTrue(fake.body().contains("image_type"), fake.body());
        byte[] big = new byte[6 * 1024 * 1024];
        System.arraycopy(png(), 0, big, 0, 8);
        assertEquals(413, server.postBytes(path(OFFICE, "/evidence"), staff, staffCsrf, "image/png", big).statusCode());
        // served back with the stored type, nosniff; not to another office, not without CSRF
        HttpResponse<byte[]> back = server.getBytes(API + "evidence/" + fileId, staff);
        assertEquals(200, back.statusCode());
        assertEquals("image/png", back.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", back.headers().firstValue("X-Content-Type-Options").orElseThrow());
        String other = server.login("office-LIP-01");
        assertEquals(404, server.getBytes(API + "evidence/" + fileId, other).statusCode());
        assertEquals(200, server.getBytes(API + "evidence/" + fileId, server.login("region-LIP")).statusCode());
        assertEquals(403, server.postBytes(path(OFFICE, "/evidence"), staff, null, "image/png", png()).statusCode());
    }

    @Test
    @Order(2)
    void draftThenSubmitPublishesTheReport() throws Exception {
        // a draft may be incomplete and is never published
        JsonNode draft = ok(server.postJson(path(OFFICE, "/management_openness/draft"), staff, staffCsrf,
                "{\"parameters\":[{\"code\":\"hours_posted\",\"implemented\":true}]}"), 200);
        assertEquals("draft", draft.get("status").asText());
        assertEquals("office-" + OFFICE, draft.get("checklist").get("filledBy").asText());
        // submission rules: 422 naming the field and the rule
        JsonNode missing = ok(server.postJson(path(OFFICE, "/management_openness/submit"), staff, staffCsrf,
                openness("")), 422);
        assertEquals("parameters.contacts_in_hall.evidence", missing.get("field").asText());
        assertEquals("evidence_required", missing.get("rule").asText());
        JsonNode badUrl = ok(server.postJson(path(OFFICE, "/management_openness/submit"), staff, staffCsrf,
                openness(",\"evidenceUrl\":\"javascript:alert(1)\"")), 422);
        assertEquals("parameters.contacts_in_hall.evidenceUrl", badUrl.get("field").asText());
        assertEquals("http_url", badUrl.get("rule").asText());
        JsonNode vac = ok(server.postJson(path(OFFICE, "/vacancy_dynamics/submit"), staff, staffCsrf,
                "{\"vacancies\":{\"current\":-3,\"previous\":100,\"evidenceUrl\":\"https://x.example.org\"}}"), 422);
        assertEquals("vacancies.current", vac.get("field").asText());
        assertEquals("whole_number", vac.get("rule").asText());
        JsonNode ev = ok(server.postJson(path(OFFICE, "/job_seeker_events/submit"), staff, staffCsrf,
                "{\"events\":[{\"date\":\"" + period.start().minusDays(1) + "\",\"name\":\"Ярмарка\",\"summary\":\"s\","
                        + "\"type\":\"job_fair\",\"evidenceUrl\":\"https://x.example.org\"}]}"), 422);
        assertEquals("events[0].date", ev.get("field").asText());
        assertEquals("inside_period", ev.get("rule").asText());

        JsonNode submitted = ok(server.postJson(path(OFFICE, "/management_openness/submit"), staff, staffCsrf,
                openness(",\"evidenceUrl\":\"https://lip.example.org/c\"")), 200);
        assertEquals("submitted", submitted.get("status").asText());
        assertEquals("awaiting_review", submitted.get("score").get("status").asText().toLowerCase());
        // frozen
        assertEquals(409, server.postJson(path(OFFICE, "/management_openness/draft"), staff, staffCsrf, "{}").statusCode());

        List<ObjectiveReport> reports = published(r -> r.stream().anyMatch(x -> x.officeCode().equals(OFFICE)));
        ObjectiveReport report = reports.get(reports.size() - 1);
        ObjectiveReport expected = new ObjectiveReport(OFFICE, "LIP", period.code(), 1, report.changedAt(), null,
                List.of(new ObjectiveReport.ChecklistFacts("management_openness",
                        report.checklists().get(0).submittedAt(), List.of(
                        new ObjectiveReport.ParameterFact("hours_posted", true, Review.PENDING),
                        new ObjectiveReport.ParameterFact("appeal_channel", true, Review.PENDING),
                        new ObjectiveReport.ParameterFact("client_meetings", true, Review.PENDING),
                        new ObjectiveReport.ParameterFact("answers_published", true, Review.PENDING),
                        new ObjectiveReport.ParameterFact("contacts_in_hall", true, Review.PENDING)),
                        null, null, List.of())));
        assertEquals(expected, report);
        assertNotNull(report.checklists().get(0).submittedAt());
        String raw = new String(EventJson.toBytes(report));
        assertTrue(!raw.contains("office-LIP") && !raw.contains("https://"), raw);
    }

    @Test
    @Order(3)
    void officesSeeOnlyTheirOwn() throws Exception {
        String other = server.login("office-BRY-01");
        String otherCsrf = server.csrfOf(other, "/checklists");
        assertEquals(403, server.get(path(OFFICE, ""), other).statusCode());
        assertEquals(403, server.get(path(OFFICE, "/management_openness"), other).statusCode());
        assertEquals(403, server.postJson(path(OFFICE, "/comfort/draft"), other, otherCsrf, "{}").statusCode());
        // office users never review
        assertEquals(403, server.postJson(path(OFFICE, "/management_openness/review"), staff, staffCsrf,
                "{\"entry\":\"hours_posted\",\"decision\":\"accepted\"}").statusCode());
        assertEquals(403, server.get(API + "review/queue", staff).statusCode());
        // CSRF on the expert's changes too
        assertEquals(403, server.postJson(path(OFFICE, "/management_openness/review"), expert, null,
                "{\"entry\":\"hours_posted\",\"decision\":\"accepted\"}").statusCode());
    }

    @Test
    @Order(4)
    void reviewsDecideThePoints() throws Exception {
        JsonNode queue = ok(server.get(API + "review/queue", expert), 200).get("queue");
        assertEquals(1, queue.size());
        assertEquals(5, queue.get(0).get("pending").asInt());
        for (String entry : List.of("hours_posted", "appeal_channel", "client_meetings")) {
            ok(server.postJson(path(OFFICE, "/management_openness/review"), expert, expertCsrf,
                    "{\"entry\":\"" + entry + "\",\"decision\":\"accepted\"}"), 200);
        }
        JsonNode noComment = ok(server.postJson(path(OFFICE, "/management_openness/review"), expert, expertCsrf,
                "{\"entry\":\"answers_published\",\"decision\":\"rejected\"}"), 422);
        assertEquals("comment", noComment.get("field").asText());
        ok(server.postJson(path(OFFICE, "/management_openness/review"), expert, expertCsrf,
                "{\"entry\":\"answers_published\",\"decision\":\"rejected\",\"comment\":\"ссылка не открывается\"}"), 200);
        JsonNode one = ok(server.postJson(path(OFFICE, "/management_openness/review"), expert, expertCsrf,
                "{\"entry\":\"contacts_in_hall\",\"decision\":\"rejected\",\"comment\":\"нет фото\"}"), 200);
        assertEquals("scored", one.get("score").get("status").asText().toLowerCase());
        assertEquals(0.6, one.get("score").get("points").asDouble(), 1e-9); // 3 accepted × 0.2
        List<ObjectiveReport> reports = published(r -> r.stream().anyMatch(x -> x.revision() == 6));
        ObjectiveReport last = reports.stream().filter(x -> x.revision() == 6).findFirst().orElseThrow();
        ObjectiveScore score = ObjectiveScoring.score(ChecklistIndicator.MANAGEMENT_OPENNESS, last,
                ChecklistCatalogue.standard(), ObjectiveRules.DEFAULT);
        assertEquals(ObjectiveScore.Status.SCORED, score.status());
        assertEquals(0.6, score.points(), 1e-9);
        assertEquals(0, ok(server.get(API + "review/queue", expert), 200).get("queue").get(0).get("pending").asInt());
    }

    @Test
    @Order(5)
    void anAuditZeroesThePeriodAndKeepsTheValues() throws Exception {
        assertEquals(422, server.postJson(path(OFFICE, "/audit"), expert, expertCsrf, "{\"reason\":\" \"}").statusCode());
        JsonNode o = ok(server.postJson(path(OFFICE, "/audit"), expert, expertCsrf,
                "{\"reason\":\"фото из другого офиса\"}"), 201);
        assertTrue(o.get("auditActive").asBoolean());
        assertEquals("federal", o.get("audits").get(0).get("foundBy").asText());
        JsonNode one = ok(server.get(path(OFFICE, "/management_openness"), staff), 200);
        assertEquals("zeroed_by_audit", one.get("score").get("status").asText().toLowerCase());
        assertEquals(0, one.get("score").get("points").asDouble(), 1e-9);
        assertEquals(5, one.get("checklist").get("facts").get("parameters").size()); // values stay visible
        ObjectiveReport audited = published(r -> r.stream().anyMatch(x -> x.audit() != null)).stream()
                .filter(x -> x.audit() != null).findFirst().orElseThrow();
        assertEquals("фото из другого офиса", audited.audit().reason());
        ok(server.postJson(path(OFFICE, "/audit/withdraw"), expert, expertCsrf, "{}"), 200);
        ObjectiveReport withdrawn = published(r -> r.stream().anyMatch(x -> x.revision() == 8)).stream()
                .filter(x -> x.revision() == 8).findFirst().orElseThrow();
        assertNull(withdrawn.audit());
        assertEquals(0.6, ObjectiveScoring.score(ChecklistIndicator.MANAGEMENT_OPENNESS, withdrawn,
                ChecklistCatalogue.standard(), ObjectiveRules.DEFAULT).points(), 1e-9);
    }

    @Test
    @Order(6)
    void theManagingOfficeFillsTheWebsiteChecklist() throws Exception {
        JsonNode refused = ok(server.postJson(path(OFFICE, "/info_website/draft"), staff, staffCsrf, "{}"), 403);
        assertTrue(refused.get("message").asText().contains("LIP-01"), refused.toString());
        String head = server.login("office-LIP-01");
        String headCsrf = server.csrfOf(head, "/checklists");
        StringBuilder body = new StringBuilder("{\"parameters\":[");
        List<ChecklistCatalogue.Item> items = ChecklistCatalogue.standard().parameters(ChecklistIndicator.INFO_WEBSITE);
        for (int n = 0; n < items.size(); n++) {
            body.append(n == 0 ? "" : ",").append("{\"code\":\"").append(items.get(n).code()).append("\",\"implemented\":")
                    .append(n < 2).append(n < 2 ? ",\"evidenceUrl\":\"https://lip.example.org/w\"" : "").append('}');
        }
        body.append("]}");
        ok(server.postJson(path("LIP-01", "/info_website/submit"), head, headCsrf, body.toString()), 200);
        for (String entry : List.of(items.get(0).code(), items.get(1).code())) {
            ok(server.postJson(path("LIP-01", "/info_website/review"), expert, expertCsrf,
                    "{\"entry\":\"" + entry + "\",\"decision\":\"accepted\"}"), 200);
        }
        JsonNode list = ok(server.get(path(OFFICE, ""), staff), 200);
        JsonNode website = null;
        for (JsonNode c : list.get("checklists")) {
            if (c.get("indicator").asText().equals("info_website")) {
                website = c;
            }
        }
        assertNotNull(website);
        assertEquals("LIP-01", website.get("filledBy").asText());
        assertEquals("reviewed", website.get("status").asText());
        assertEquals(0.2, website.get("score").get("points").asDouble(), 1e-9); // 2 × 0.1, credited from LIP-01
        String page = server.get("/checklists", staff).body();
        assertTrue(page.contains("заполняет управляющий ЦЗН LIP-01"), page);
    }
}
