package ru.otklik.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.DashboardsApp;
import ru.otklik.dashboards.DashboardsConfig;
import ru.otklik.dashboards.access.DemoUsers;
import ru.otklik.infra.local.TestStack;

/** The dashboards app on a free port with demo users, and a client that logs in and reads its JSON API. */
final class DashboardsClient implements AutoCloseable {

    static final String PASSWORD = "e2e-password-1";
    private final DashboardsApp app;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private DashboardsClient(DashboardsApp app) {
        this.app = app;
    }

    static DashboardsClient start(TestStack stack, Path dir) throws Exception {
        return new DashboardsClient(DashboardsApp.start(config(stack, dir)));
    }

    /**
     * With the operational store (a fresh database on the stack's PostgreSQL) and flag reviews published
     * to {@code reviewsTopic}, as the run command starts them.
     */
    static DashboardsClient startWithReviews(TestStack stack, Path dir, String reviewsTopic) throws Exception {
        return startWithReviews(stack, dir, reviewsTopic, ru.otklik.common.response.Topics.NEGATIVE_FEEDBACK);
    }

    /** The same, opening cases from the low-scored comments of {@code feedbackTopic}. */
    static DashboardsClient startWithReviews(TestStack stack, Path dir, String reviewsTopic, String feedbackTopic)
            throws Exception {
        ru.otklik.infra.local.PostgresServer postgres = stack.postgres(); // no skipping: a server that cannot start fails
        String database = "e2e_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (java.sql.Connection c = postgres.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + database;
        return new DashboardsClient(DashboardsApp.start(config(stack, dir).withOperational(
                ru.otklik.dashboards.store.OperationalSettings.none().withPostgres(url,
                        ru.otklik.infra.local.PostgresServer.USER).withKafka(stack.kafka().bootstrapServers(),
                        reviewsTopic)).withCases(ru.otklik.dashboards.cases.CaseSettings.defaults()
                .withTopics(feedbackTopic, ru.otklik.common.response.Topics.ALERTS))));
    }

    /**
     * With the operational store at {@code postgresUrl} (shared with ingest, which serves the raters' forms), the
     * 360 matrices published to {@code assignmentsTopic} and the raters' links signed with {@code linkKeys}.
     */
    static DashboardsClient startWithAssessment(TestStack stack, Path dir, String postgresUrl, String assignmentsTopic,
                                                String linkKeys, String ingestBase) throws Exception {
        return new DashboardsClient(DashboardsApp.start(config(stack, dir).withOperational(
                ru.otklik.dashboards.store.OperationalSettings.none().withPostgres(postgresUrl,
                        ru.otklik.infra.local.PostgresServer.USER).withKafka(stack.kafka().bootstrapServers(),
                        ru.otklik.common.response.Topics.ALERT_REVIEWS)).withAssessment(
                new ru.otklik.dashboards.assessment.AssessmentSettings(ru.otklik.common.link.LinkKeys.parse(linkKeys),
                        ingestBase, assignmentsTopic))));
    }

    /**
     * With the operational store at {@code postgresUrl}, the objective checklists' reports published to
     * {@code reportsTopic} and the methodology versions to {@code versionsTopic} (version 1 at the first start), as the
     * run command starts them.
     */
    static DashboardsClient startWithIndex(TestStack stack, Path dir, String postgresUrl, String reportsTopic,
                                           String versionsTopic) throws Exception {
        return new DashboardsClient(DashboardsApp.start(config(stack, dir).withOperational(
                        ru.otklik.dashboards.store.OperationalSettings.none().withPostgres(postgresUrl,
                                ru.otklik.infra.local.PostgresServer.USER).withKafka(stack.kafka().bootstrapServers(),
                                ru.otklik.common.response.Topics.ALERT_REVIEWS))
                .withChecklists(new ru.otklik.dashboards.checklist.ChecklistSettings(
                        ru.otklik.dashboards.checklist.ChecklistSettings.DEFAULT_EVIDENCE_MAX_BYTES, reportsTopic))
                .withMethodology(new ru.otklik.dashboards.methodology.MethodologySettings(versionsTopic))));
    }

    /** A PUT of JSON with the session's anti-CSRF token read from {@code pagePath}. */
    HttpResponse<String> putJson(String path, String cookie, String pagePath, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/json").header("X-CSRF-Token", csrf(pagePath, cookie))
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String csrf(String pagePath, String cookie) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-csrf=\"([^\"]+)\"")
                .matcher(get(pagePath, cookie).body());
        if (!m.find()) {
            throw new AssertionError("no data-csrf on " + pagePath);
        }
        return m.group(1);
    }

    /** A fresh database on the stack's PostgreSQL; its JDBC URL. */
    static String freshDatabase(TestStack stack) throws Exception {
        ru.otklik.infra.local.PostgresServer postgres = stack.postgres(); // no skipping: a server that cannot start fails
        String database = "e2e_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (java.sql.Connection c = postgres.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        return postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + database;
    }

    /** A POST of raw bytes (an uploaded file) with the session's anti-CSRF token read from {@code pagePath}. */
    HttpResponse<String> postBytes(String path, String cookie, String pagePath, String contentType, byte[] body)
            throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-csrf=\"([^\"]+)\"")
                .matcher(get(pagePath, cookie).body());
        if (!m.find()) {
            throw new AssertionError("no data-csrf on " + pagePath);
        }
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                .header("Content-Type", contentType).header("X-CSRF-Token", m.group(1))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The server's address, for a browser. */
    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    private static DashboardsConfig config(TestStack stack, Path dir) throws Exception {
        Path users = Files.createTempFile(dir, "users", ".json");
        DemoUsers.write(users, OfficeDirectory.pilot(), PASSWORD, 1_000);
        return DashboardsConfig.defaults().withPort(0).withClickHouseUrl(stack.clickHouse().httpUrl())
                .withUsersFile(users);
    }

    /** A JSON POST with the session's anti-CSRF token (read from {@code pagePath}, as the page's script does). */
    HttpResponse<String> postJson(String path, String cookie, String pagePath, String json) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-csrf=\"([^\"]+)\"")
                .matcher(get(pagePath, cookie).body());
        if (!m.find()) {
            throw new AssertionError("no data-csrf on " + pagePath);
        }
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/json").header("X-CSRF-Token", m.group(1))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String login(String username) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + PASSWORD;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError(
                "login of " + username + " answered " + r.statusCode()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path, String cookie) throws Exception {
        HttpResponse<String> r = get(path, cookie);
        if (r.statusCode() != 200) {
            throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return EventJson.mapper().readTree(r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    @Override
    public void close() {
        app.close();
    }
}
