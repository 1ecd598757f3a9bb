package ru.otklik.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.access.DemoUsers;
import ru.otklik.infra.local.TestStack;

/** A dashboards server on a free port against the JVM's real ClickHouse, with demo users, plus a small HTTP client. */
public final class TestServer implements AutoCloseable {

    public static final String PASSWORD = "test-password-1";

    private final DashboardsApp app;
    private final Path users;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestServer(DashboardsApp app, Path users) {
        this.app = app;
        this.users = users;
    }

    public static TestServer start(int refreshSeconds) {
        return start(refreshSeconds, java.time.Clock.systemUTC());
    }

    /** With the answers' wall clock pinned ({@code updatedAt}, the age of the figures). */
    public static TestServer start(int refreshSeconds, java.time.Clock clock) {
        return start(refreshSeconds, clock, ru.otklik.dashboards.store.OperationalSettings.none());
    }

    /** With an operational store (PostgreSQL, and Kafka for what it publishes). */
    public static TestServer start(int refreshSeconds, java.time.Clock clock,
                                   ru.otklik.dashboards.store.OperationalSettings operational) {
        return start(refreshSeconds, clock, operational, ru.otklik.dashboards.delivery.DeliverySettings.none());
    }

    /** With an operational store and alert delivery. */
    public static TestServer start(int refreshSeconds, java.time.Clock clock,
                                   ru.otklik.dashboards.store.OperationalSettings operational,
                                   ru.otklik.dashboards.delivery.DeliverySettings delivery) {
        return start(refreshSeconds, clock, operational, delivery, ru.otklik.dashboards.cases.CaseSettings.defaults());
    }

    /** With an operational store, alert delivery and the case queue's settings (its topics). */
    public static TestServer start(int refreshSeconds, java.time.Clock clock,
                                   ru.otklik.dashboards.store.OperationalSettings operational,
                                   ru.otklik.dashboards.delivery.DeliverySettings delivery,
                                   ru.otklik.dashboards.cases.CaseSettings cases) {
        return start(refreshSeconds, clock, operational, delivery, cases, java.util.function.UnaryOperator.identity());
    }

    /** With everything above, and the rest of the configuration adjusted by {@code more} (e.g. the 360 settings). */
    public static TestServer start(int refreshSeconds, java.time.Clock clock,
                                   ru.otklik.dashboards.store.OperationalSettings operational,
                                   ru.otklik.dashboards.delivery.DeliverySettings delivery,
                                   ru.otklik.dashboards.cases.CaseSettings cases,
                                   java.util.function.UnaryOperator<DashboardsConfig> more) {
        // no skipping: if the stack cannot start, this throws and the test fails
        TestStack stack = TestStack.shared();
        Path users = null;
        try {
            users = Files.createTempFile("otklik-users", ".json");
            DemoUsers.write(users, OfficeDirectory.pilot(), PASSWORD, 1_000);
            DashboardsConfig config = DashboardsConfig.defaults()
                    .withPort(0)
                    .withClickHouseUrl(stack.clickHouse().httpUrl())
                    .withUsersFile(users)
                    .withRefreshSeconds(refreshSeconds)
                    .withSessionSecret("integration-test-session-secret")
                    .withOperational(operational)
                    .withDelivery(delivery)
                    .withCases(cases);
            return new TestServer(DashboardsApp.start(more.apply(config), clock), users);
        } catch (IOException | RuntimeException e) {
            deleteUsers(users);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The running app (its live watchers' counters). */
    public DashboardsApp app() {
        return app;
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** The session cookie value after a successful form login. */
    public String login(String username) {
        HttpResponse<String> r = postLogin(username, PASSWORD);
        if (r.statusCode() != 303) {
            throw new AssertionError("login of " + username + " answered " + r.statusCode());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    public HttpResponse<String> postLogin(String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A JSON POST with the session cookie and, if not null, an anti-CSRF token. */
    public HttpResponse<String> postJson(String path, String session, String csrf, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (session != null) {
            b.header("Cookie", "otklik_session=" + session);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b.build());
    }

    /** The anti-CSRF token a page of this session carries ({@code data-csrf} of its body). */
    public String csrfOf(String session, String pagePath) {
        String html = get(pagePath, session).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no data-csrf on " + pagePath);
        }
        return m.group(1);
    }

    /** A POST of raw bytes (an uploaded file) with the session cookie and the anti-CSRF token. */
    public HttpResponse<String> postBytes(String path, String session, String csrf, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (session != null) {
            b.header("Cookie", "otklik_session=" + session);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b.build());
    }

    /** A GET whose answer is bytes (a PDF export). */
    public HttpResponse<byte[]> getBytes(String path, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (session != null) {
            b.header("Cookie", "otklik_session=" + session);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (session != null) {
            b.header("Cookie", "otklik_session=" + session);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server and deletes its users file, also when the stop fails. */
    @Override
    public void close() {
        try {
            app.close();
        } finally {
            deleteUsers(users);
        }
    }

    private static void deleteUsers(Path users) {
        try {
            if (users != null) {
                Files.deleteIfExists(users);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
