package ru.otklik.dashboards.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.config.Settings;
import ru.otklik.common.http.HttpServerSettings;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.DashboardsApp;
import ru.otklik.dashboards.DashboardsConfig;
import ru.otklik.dashboards.access.DemoUsers;

/**
 * The dashboards' HTTP edge on raw sockets (issue 9, finding 5): slow clients are cut off, an oversized
 * header is 431 and an oversized login form 413 in the API's JSON error format with the answer readable,
 * a login that is not a form is 415, an undecodable one 400, the server binds loopback by default, and
 * no password, session cookie or secret reaches a log line. No ClickHouse is needed: nothing here
 * reads figures.
 */
class DashboardsHttpIT {

    private static final String PASSWORD = "http-test-password-9";
    private static final String SESSION_SECRET = "dashboards-http-it-session-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardsApp app;
    private static LogCapture logs;
    private static Path users;

    @BeforeAll
    static void start() throws IOException {
        users = Files.createTempFile("otklik-users", ".json");
        DemoUsers.write(users, OfficeDirectory.pilot(), PASSWORD, 1_000);
        Properties http = new Properties();
        http.setProperty("http.header-timeout", "PT1S");
        http.setProperty("http.request-timeout", "PT2S");
        http.setProperty("http.max-header-bytes", "4096");
        HttpServerSettings settings = HttpServerSettings.from(Settings.of("test", http, Map.of()),
                "OTKLIK_DASHBOARDS_HOST");
        logs = LogCapture.start();
        app = DashboardsApp.start(DashboardsConfig.defaults().withPort(0).withUsersFile(users)
                .withClickHouseUrl("http://127.0.0.1:9").withSessionSecret(SESSION_SECRET).withHttp(settings));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (logs != null) {
                logs.close();
            }
            if (users != null) {
                Files.deleteIfExists(users);
            }
        }
    }

    private static String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
                if (answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && complete(answer)) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** A keep-alive answer is complete when its Content-Length is there, or a chunked one with its last chunk. */
    private static boolean complete(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (text.substring(0, end).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            return text.endsWith("\r\n0\r\n\r\n");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(text.substring(0, end));
        return m.find() && text.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    private static byte[] post(String path, String type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (type == null ? "" : "Content-Type: " + type
                + "\r\n") + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static JsonNode json(String answer) throws IOException {
        return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void aSlowlorisClientIsCutOffBeforeItsHeaderEnds() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(250); // the client's pace: one byte, then up to 250 ms for the server
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            int sent = 0;
            boolean closed = false;
            while (!closed && sent < 200) { // 200 bytes would take 50 s; the deadline is 1 s
                try {
                    out.write('a');
                    out.flush();
                    sent++;
                    closed = socket.getInputStream().read() < 0;
                } catch (SocketTimeoutException open) {
                    // still waiting for the header
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertTrue(closed, "the slow connection was never closed");
            assertTrue(sent > 0, "it was open until its deadline");
        }
        assertTrue(logs.text().contains("event=slow_client_closed phase=header"));
    }

    @Test
    void anOversizedHeaderIs431AsApiJson() throws Exception {
        String answer = exchange(("GET /health HTTP/1.1\r\nHost: x\r\nCookie: otklik_session=" + "c".repeat(6000)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertEquals("header_too_large", json(answer).path("error").asText());
    }

    /** Fuzz finding: an API path no route takes was answered in plain text, without an error code. */
    @Test
    void anApiPathNoRouteTakesIs404AsApiJson() throws Exception {
        for (String path : List.of("/api/v1/regions//offices?window=7d", "/api/v1/nothing-here", "/api/v1/offices/BRY-01")) {
            String answer = exchange(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
            assertEquals("not_found", json(answer).path("error").asText(), answer);
        }
    }

    @Test
    void anOversizedLoginFormIsReadAndAnswered413() throws Exception {
        byte[] big = ("username=a&password=" + "p".repeat(512 * 1024)).getBytes(StandardCharsets.US_ASCII);
        String answer = exchange(post("/login", "application/x-www-form-urlencoded", big));
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertEquals("too_large", json(answer).path("error").asText());
    }

    @Test
    void aLoginThatIsNotAFormIs415AndOneThatDoesNotDecodeIs400() throws Exception {
        for (String type : new String[] {"application/json", "multipart/form-data; boundary=b", "text/plain", null}) {
            String answer = exchange(post("/login", type, "username=a&password=b".getBytes(StandardCharsets.US_ASCII)));
            assertTrue(answer.startsWith("HTTP/1.1 415"), type + ": " + answer);
            assertEquals("unsupported_media_type", json(answer).path("error").asText());
        }
        String overlong = exchange(post("/login", "application/x-www-form-urlencoded",
                "username=federal%C0%AF&password=x".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(overlong.startsWith("HTTP/1.1 400"), overlong);
        assertEquals("utf_8", json(overlong).path("error").asText());
    }

    @Test
    void theServerListensOnLoopbackOnlyByDefault() throws Exception {
        assertEquals("127.0.0.1", DashboardsConfig.defaults().host());
        try (Socket ok = new Socket()) {
            ok.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket other = new Socket()) {
                other.connect(new InetSocketAddress("127.0.0.2", app.port()), 5_000);
            }
        });
    }

    @Test
    void noPasswordCookieOrSecretReachesALogLine() throws Exception {
        String good = exchange(post("/login", "application/x-www-form-urlencoded",
                ("username=federal&password=" + PASSWORD + "&next=/").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(good.startsWith("HTTP/1.1 303"), good);
        String cookie = good.replaceAll("(?s).*Set-Cookie: otklik_session=([^;]+);.*", "$1");
        assertTrue(cookie.length() > 20, cookie);
        // a password typed into the name field, and a wrong password for a real name
        String typo = "my-" + PASSWORD;
        assertTrue(exchange(post("/login", "application/x-www-form-urlencoded", ("username=" + typo
                + "&password=x").getBytes(StandardCharsets.US_ASCII))).startsWith("HTTP/1.1 401"));
        assertTrue(exchange(post("/login", "application/x-www-form-urlencoded", ("username=federal&password=" + typo)
                .getBytes(StandardCharsets.US_ASCII))).startsWith("HTTP/1.1 401"));
        String page = exchange(("GET /api/v1/regions HTTP/1.1\r\nHost: x\r\nCookie: otklik_session=" + cookie
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertFalse(page.isEmpty());
        String logged = logs.text();
        assertTrue(logged.contains("login user=federal") && logged.contains("login failed user=(unknown)")
                && logged.contains("login failed user=federal"), logged);
        for (String secret : new String[] {PASSWORD, typo, cookie, cookie.substring(0, 16), SESSION_SECRET}) {
            assertFalse(logged.contains(secret), "logged: " + secret);
        }
    }

    @Test
    void guessingAPasswordIsRefusedWith429AndRetryAfterEvenWhenTheGuessIsRight() throws Exception {
        String name = "region-LIP"; // an account no other test of this class signs in with
        for (int i = 0; i < ru.otklik.dashboards.access.LoginThrottle.ACCOUNT_FAILURES; i++) {
            String wrong = exchange(post("/login", "application/x-www-form-urlencoded",
                    ("username=" + name + "&password=guess-" + i).getBytes(StandardCharsets.US_ASCII)));
            assertTrue(wrong.startsWith("HTTP/1.1 401"), wrong);
        }
        String right = exchange(post("/login", "application/x-www-form-urlencoded",
                ("username=" + name + "&password=" + PASSWORD).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(right.startsWith("HTTP/1.1 429"), "the right password waits for the lock too: " + right);
        java.util.regex.Matcher retry = java.util.regex.Pattern.compile("(?i)\r\nretry-after: *(\\d+)\r\n").matcher(right);
        assertTrue(retry.find(), right);
        int seconds = Integer.parseInt(retry.group(1));
        assertTrue(seconds >= 1 && seconds <= 30, "the first lock is 30 s: " + seconds);
        assertTrue(right.contains("id=\"login-error\"") && !right.contains("Set-Cookie: otklik_session"), right);

        String other = exchange(post("/login", "application/x-www-form-urlencoded",
                ("username=region-KYA&password=" + PASSWORD).getBytes(StandardCharsets.US_ASCII)));
        assertTrue(other.startsWith("HTTP/1.1 303"), "another name from the same address signs in: " + other);
    }
}
