package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.Topics;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;

/**
 * The composite index the whole way (issue 13): two offices of Bryansk (a decentralised region) fill in objective
 * checklists in the dashboards, the federal expert accepts and rejects evidence, visitors answer the questionnaire
 * through ingest; Kafka; the Flink job joins the clean subjective counts with the reviewed checklists under every
 * methodology version in force; ClickHouse; the dashboards' API. Then a methodologist publishes version 2 (usefulness
 * weighs 3, the job-seeker events indicator is suspended): a second series appears and version 1's rows stay exactly
 * as they were. Last, the job is rebuilt from the topics alone and ends on the same rows.
 *
 * <p>By hand, for the current quarter (each figure 0–1: a subjective share of 8–10 answers, an objective points/max):
 * <pre>
 * BRY-01: Q10 20/40 = 0.5, openness 3 of 4 implemented accepted × 0.2 = 0.6, Q1 30/40 = 0.75, comfort level 2 =
 *         1.5/2 = 0.75 → friendliness (0.5+0.6)/2 = 0.55, usefulness 0.75, comfort 0.75, no data in effort and
 *         personalisation → v1 (0.55+0.75+0.75)/3 = 0.683333; v2 (0.55+3·0.75+0.75)/5 = 0.71
 * BRY-02: Q10 30/30 = 1, openness 5/5 = 1, events two job fairs and a career day = two types × 0.1 / 2 = 0.1,
 *         Q1 0/30 = 0 → friendliness (1+1+0.1)/3 = 0.7, usefulness 0 → v1 (0.7+0)/2 = 0.35;
 *         v2 events suspended: friendliness 1 → (1+3·0)/4 = 0.25
 * BRY:    pooled answers Q10 50/70, Q1 30/70; objective the mean over the offices that reported: openness 0.8,
 *         events 0.1 (BRY-02 only), comfort 0.75 (BRY-01 only) → v1 ((50/70+0.8+0.1)/3 + 30/70 + 0.75)/3 = 0.572222;
 *         v2 ((50/70+0.8)/2 + 3·30/70 + 0.75)/5 = 0.558571
 * RU:     only Bryansk has answers and checklists: the same figures, n = 1 region with a value
 * </pre>
 */
class CompositeIndexIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration WAIT = Duration.ofSeconds(120);

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();

    @TempDir
    Path dir;

    @Test
    void checklistsReviewsAndAnswersMakeTheIndexAndANewVersionAddsASeries() throws Exception {
        String postgres = DashboardsClient.freshDatabase(stack);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String reportsTopic = "checklists.reports-" + suffix;
        String versionsTopic = "methodology.versions-" + suffix;
        stack.kafka().createTopics(3, Topics.KEPT_FOREVER, reportsTopic);
        stack.kafka().createTopics(1, Topics.KEPT_FOREVER, versionsTopic);
        Map<String, String> settings = new HashMap<>();
        settings.put("OTKLIK_CHECKLIST_REPORTS_TOPIC", reportsTopic); // the dashboards write it, the job reads it
        settings.put("OTKLIK_METHODOLOGY_VERSIONS_TOPIC", versionsTopic);
        ReportingPeriod quarter = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, LocalDate.now(ZoneOffset.UTC));
        String period = quarter.code();
        try (Pipeline pipeline = Pipeline.start(stack, dir, List.of(), settings);
             DashboardsClient dashboards = DashboardsClient.startWithIndex(stack, dir, postgres, reportsTopic,
                     versionsTopic)) {
            // the answers, spread over the last hours (inside this quarter) so that no burst rule takes them out
            Instant now = Instant.now();
            Instant quarterStart = quarter.start().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant from = now.minus(Duration.ofHours(6)).isAfter(quarterStart) ? now.minus(Duration.ofHours(6))
                    : quarterStart;
            int sent = 0;
            for (int i = 0; i < 40; i++) {
                sent += post(pipeline, form("ci-bry01-" + suffix + "-" + i, "BRY-01", i < 30 ? 9 : 5, i < 20 ? 8 : 4,
                        spread(from, now, i)));
            }
            for (int i = 0; i < 30; i++) {
                sent += post(pipeline, form("ci-bry02-" + suffix + "-" + i, "BRY-02", 3, 10, spread(from, now, 40 + i)));
            }
            assertEquals(70, sent, "every form accepted (202)");

            String bry01 = dashboards.login("office-BRY-01");
            String bry02 = dashboards.login("office-BRY-02");
            String expert = dashboards.login("federal");
            String api = "/api/v1/checklists/";
            ok(dashboards.postJson(api + "BRY-01/" + period + "/management_openness/submit", bry01, "/checklists",
                    openness(4)), 200);
            ok(dashboards.postJson(api + "BRY-01/" + period + "/comfort/submit", bry01, "/checklists",
                    "{\"comfort\":{\"level\":2,\"evidenceUrl\":\"https://bry01.example.org/hall\"}}"), 200);
            ok(dashboards.postJson(api + "BRY-02/" + period + "/management_openness/submit", bry02, "/checklists",
                    openness(5)), 200);
            String day = quarter.start().plusDays(10).toString();
            ok(dashboards.postJson(api + "BRY-02/" + period + "/job_seeker_events/submit", bry02, "/checklists",
                    "{\"events\":[" + event(day, "Ярмарка вакансий", "job_fair") + "," + event(day, "Вторая ярмарка",
                            "job_fair") + "," + event(day, "День карьеры", "career_day") + "]}"), 200);

            // submitted, not yet reviewed: the job says so rather than counting unreviewed claims
            awaitRow("BRY-01 openness awaiting review", indicatorSql(1, "office", "BRY-01", "o.management_openness"),
                    "0\tawaiting_review");

            String review = "/checklists/review";
            for (String p : List.of("hours_posted", "appeal_channel", "client_meetings")) {
                ok(dashboards.postJson(api + "BRY-01/" + period + "/management_openness/review", expert, review,
                        "{\"entry\":\"" + p + "\",\"decision\":\"accepted\"}"), 200);
            }
            ok(dashboards.postJson(api + "BRY-01/" + period + "/management_openness/review", expert, review,
                    "{\"entry\":\"answers_published\",\"decision\":\"rejected\",\"comment\":\"страница не открывается\"}"),
                    200);
            ok(dashboards.postJson(api + "BRY-01/" + period + "/comfort/review", expert, review,
                    "{\"entry\":\"comfort\",\"decision\":\"accepted\"}"), 200);
            for (String p : List.of("hours_posted", "appeal_channel", "client_meetings", "answers_published",
                    "contacts_in_hall")) {
                ok(dashboards.postJson(api + "BRY-02/" + period + "/management_openness/review", expert, review,
                        "{\"entry\":\"" + p + "\",\"decision\":\"accepted\"}"), 200);
            }
            for (int n = 0; n < 3; n++) {
                ok(dashboards.postJson(api + "BRY-02/" + period + "/job_seeker_events/review", expert, review,
                        "{\"entry\":\"event." + n + "\",\"decision\":\"accepted\"}"), 200);
            }

            // version 1 in ClickHouse, by hand
            awaitRow("BRY-01 v1 index", indexSql(1, "office", "BRY-01"), "0.683333\tok\t3");
            awaitRow("BRY-02 v1 index", indexSql(1, "office", "BRY-02"), "0.35\tok\t2");
            awaitRow("BRY v1 index", indexSql(1, "region", "BRY"), "0.572222\tok\t3");
            // the country: Bryansk alone has answers and checklists, so its figures (n: regions with a value)
            awaitRow("federal v1 index", indexSql(1, "federal", "RU"), "0.572222\tok\t1");
            assertEquals("0.5\tok\t40\t20", ch.query(indicatorDetailSql(1, "office", "BRY-01", "s.Q10")).strip());
            assertEquals("0.6\tok\t0.6\t1", ch.query(objectiveSql(1, "office", "BRY-01", "o.management_openness")).strip());
            assertEquals("0.1\tok\t0.2\t2", ch.query(objectiveSql(1, "office", "BRY-02", "o.job_seeker_events")).strip());
            assertEquals("0.55\tok", ch.query(groupSql(1, "office", "BRY-01", "friendliness")).strip());
            assertEquals("0\tno_data", ch.query(groupSql(1, "office", "BRY-01", "effort")).strip());

            // the same through the dashboards' API, for the office head and the regional manager
            JsonNode office = dashboards.json("/api/v1/composite?scope_level=office&scope_code=BRY-01&period=" + period
                    + "&version=1", bry01);
            assertEquals(0.683333, office.path("index").path("value").asDouble(), 1e-6, office.toString());
            assertEquals(1, office.path("methodologyVersion").asInt());
            assertEquals(403, dashboards.get("/api/v1/composite?scope_level=office&scope_code=BRY-02&period=" + period,
                    bry01).statusCode(), "an office head sees only their office");
            String region = dashboards.login("region-BRY");
            JsonNode bry = dashboards.json("/api/v1/composite?scope_level=region&scope_code=BRY&period=" + period
                    + "&version=1", region);
            assertEquals(0.572222, bry.path("index").path("value").asDouble(), 1e-6, bry.toString());
            assertEquals("BRY-01", bry.path("bestOffice").path("officeCode").asText(), bry.toString());

            String v1Rows = versionRows(1);

            // version 2: usefulness weighs 3, job-seeker events suspended (both variants)
            String methodologyPage = "/methodology";
            ObjectNode draft = (ObjectNode) dashboards.json("/api/v1/methodology/draft", expert);
            for (String variant : List.of("CENTRALISED", "DECENTRALISED")) {
                for (JsonNode g : (ArrayNode) draft.path("variants").path(variant).path("groups")) {
                    if ("usefulness".equals(g.path("code").asText())) {
                        ((ObjectNode) g).put("weight", 3.0);
                    }
                }
                for (JsonNode i : draft.path("variants").path(variant).path("indicators")) {
                    if ("o.job_seeker_events".equals(i.path("code").asText())) {
                        ((ObjectNode) i).put("suspended", true);
                    }
                }
            }
            ok(dashboards.putJson("/api/v1/methodology/draft", expert, methodologyPage, draft.toString()), 200);
            JsonNode v2 = ok(dashboards.postJson("/api/v1/methodology/draft/publish", expert, methodologyPage,
                    "{\"changeNote\":\"Полезность весит 3, мероприятия приостановлены\"}"), 201);
            assertEquals(2, v2.path("version").asInt());

            awaitRow("BRY-01 v2 index", indexSql(2, "office", "BRY-01"), "0.71\tok\t3");
            awaitRow("BRY-02 v2 index", indexSql(2, "office", "BRY-02"), "0.25\tok\t2");
            awaitRow("BRY v2 index", indexSql(2, "region", "BRY"), "0.558571\tok\t3");
            awaitRow("federal v2 index", indexSql(2, "federal", "RU"), "0.558571\tok\t1");
            assertEquals("0\tsuspended", ch.query(indicatorSql(2, "office", "BRY-02", "o.job_seeker_events")).strip());
            assertEquals(v1Rows, versionRows(1), "a new version never touches an older version's rows");
            JsonNode latest = dashboards.json("/api/v1/composite?scope_level=office&scope_code=BRY-01&period=" + period,
                    bry01);
            assertEquals(2, latest.path("methodologyVersion").asInt(), "the newest version by default: " + latest);
            assertEquals(0.71, latest.path("index").path("value").asDouble(), 1e-6, latest.toString());
            assertEquals("[2,1]", latest.path("versions").toString());

            // a replay changes no figure: the job rebuilt from the topics alone ends on the same rows, versions included
            String both = versionRows(1) + versionRows(2);
            pipeline.rebuildJob();
            AwaitedRow.await("the rebuilt rows of both versions", WAIT, () -> versionRows(1) + versionRows(2), both);
        }
    }

    /** An instant between {@code from} and {@code to}, the {@code i}-th of 70 evenly spaced. */
    private static Instant spread(Instant from, Instant to, int i) {
        long span = Math.max(1, Duration.between(from, to).toSeconds() - 60);
        return from.plusSeconds(span * i / 70);
    }

    private static String form(String id, String office, int q1, int q10, Instant ts) {
        ObjectNode form = KnownResponses.form(id, "jc-seeker", "seeker", office, ts);
        form.putObject("answers").put("Q1", q1).put("Q10", q10);
        return form.toString();
    }

    private static int post(Pipeline pipeline, String form) throws Exception {
        return Pipeline.post(pipeline.ingestPort(), "/api/v1/responses", form.getBytes(StandardCharsets.UTF_8),
                Map.of()) == 202 ? 1 : 0;
    }

    /** The five openness parameters, the first {@code implemented} of them implemented with a link as evidence. */
    private static String openness(int implemented) {
        List<String> codes = List.of("hours_posted", "appeal_channel", "client_meetings", "answers_published",
                "contacts_in_hall");
        StringBuilder b = new StringBuilder("{\"parameters\":[");
        for (int n = 0; n < codes.size(); n++) {
            b.append(n == 0 ? "" : ",").append("{\"code\":\"").append(codes.get(n)).append("\",\"implemented\":")
                    .append(n < implemented);
            if (n < implemented) {
                b.append(",\"evidenceUrl\":\"https://bry.example.org/").append(codes.get(n)).append('"');
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private static String event(String date, String name, String type) {
        return "{\"date\":\"" + date + "\",\"name\":\"" + name + "\",\"summary\":\"проведено\",\"type\":\"" + type
                + "\",\"evidenceUrl\":\"https://bry02.example.org/" + type + "\"}";
    }

    private static String where(int version, String level, String code) {
        return " FROM otklik.composite_index FINAL WHERE methodology_version = " + version + " AND scope_level = '"
                + level + "' AND scope_code = '" + code + "'";
    }

    private static String indexSql(int version, String level, String code) {
        return "SELECT round(value, 6), status, n" + where(version, level, code) + " AND component_level = 'index'";
    }

    private static String groupSql(int version, String level, String code, String group) {
        return "SELECT round(value, 6), status" + where(version, level, code) + " AND component_level = 'group'"
                + " AND component = '" + group + "'";
    }

    private static String indicatorSql(int version, String level, String code, String indicator) {
        return "SELECT round(value, 6), status" + where(version, level, code) + " AND component_level = 'indicator'"
                + " AND component = '" + indicator + "'";
    }

    private static String indicatorDetailSql(int version, String level, String code, String indicator) {
        return "SELECT round(value, 6), status, n, positive" + where(version, level, code)
                + " AND component_level = 'indicator' AND component = '" + indicator + "'";
    }

    private static String objectiveSql(int version, String level, String code, String indicator) {
        return "SELECT round(value, 6), status, round(points, 6), max_points" + where(version, level, code)
                + " AND component_level = 'indicator' AND component = '" + indicator + "'";
    }

    /** Every row of a methodology version, as the key, the figures and the row version (not the write time). */
    private String versionRows(int version) throws Exception {
        return ch.query("SELECT period, scope_level, scope_code, component_level, component, has_value, round(value, 9),"
                + " status, n, positive, round(points, 9), max_points, weight, live, version FROM otklik.composite_index"
                + " FINAL WHERE methodology_version = " + version
                + " ORDER BY period, scope_level, scope_code, component_level, component");
    }

    private static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return EventJson.mapper().readTree(r.body());
    }

    private void awaitRow(String what, String sql, String expected) throws Exception {
        AwaitedRow.await(what, WAIT, () -> ch.query(sql).strip(), expected);
    }
}
