package ru.otklik.ingest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.SurveyLink;
import ru.otklik.ingest.testing.Http;
import ru.otklik.ingest.testing.LogCapture;
import ru.otklik.ingest.testing.TopicReader;

/**
 * Ingest's HTTP edge against raw sockets and a real Kafka (finding 5 of issue 9, and 3): slow clients
 * are cut off, oversized headers are 431 and oversized bodies 413 in the Problem format with the answer
 * readable, multipart to the questionnaire is 415 with the token in no log line, the server binds
 * loopback unless told otherwise, and {@code X-Forwarded-For} counts only from a trusted proxy.
 */
class HttpHardeningIT {

    private static final TestStack STACK = TestStack.shared();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RESPONSES = "responses-hard-" + RUN;
    private static final String DLQ = "dlq-hard-" + RUN;
    private static final String SALT = "salt-" + RUN;
    private static final String LINK_KEYS = "k1:" + LinkKeys.newSecret();
    private static final String STAFF = "staff-token-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    /** Short deadlines, trusts 127.0.0.1 as a proxy. */
    private static IngestService strict;
    /** Defaults (no trusted proxy, loopback). */
    private static IngestService plain;
    private static LogCapture logs;

    @BeforeAll
    static void start() {
        STACK.kafka().createTopics(3, RESPONSES, DLQ);
        logs = LogCapture.start();
        Map<String, String> env = env("strict");
        env.put("OTKLIK_HTTP_HEADER_TIMEOUT", "PT1S");
        env.put("OTKLIK_HTTP_REQUEST_TIMEOUT", "PT2S");
        env.put("OTKLIK_HTTP_MAX_HEADER_BYTES", "4096");
        env.put("OTKLIK_TRUSTED_PROXIES", "127.0.0.1/32");
        strict = IngestService.start(IngestConfig.load(env));
        plain = IngestService.start(IngestConfig.load(env("plain")));
    }

    private static Map<String, String> env(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", RESPONSES);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", DLQ);
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_ADDRESS_SALT", SALT);
        env.put("OTKLIK_LINK_KEYS", LINK_KEYS);
        env.put("OTKLIK_STAFF_TOKENS", "anna:" + STAFF);
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve(name + "-contacts").toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve(name + "-enrolled.json").toString());
        return env;
    }

    @AfterAll
    static void stop() {
        if (strict != null) {
            strict.close();
        }
        if (plain != null) {
            plain.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static ObjectNode seekerForm(String id) {
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", id);
        form.put("surveyId", "jc-seeker");
        form.put("surveyVersion", 1);
        form.put("audience", "seeker");
        form.put("channel", "link");
        form.put("regionCode", "BRY");
        form.put("officeCode", "BRY-01");
        form.put("clientTs", Instant.now().minusSeconds(30).toString());
        form.putObject("answers").put("Q1", 9);
        return form;
    }

    private static String token() {
        return new LinkToken(LinkKeys.parse(LINK_KEYS), Clock.systemUTC()).sign(new SurveyLink(SurveyLink.newLinkId(),
                "BRY", "BRY-01", null, null, "jc-seeker", 1, false, Instant.now().plus(Duration.ofDays(1))));
    }

    /**
     * Sends {@code head} at once, then {@code trickle} one byte at a time, each followed by a read that
     * waits up to 250 ms for the server (that wait is the client's pace). Returns how many trickled bytes
     * were sent before the server closed the connection, or -1 when it never did.
     */
    private static int trickle(int port, String head, int bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(250);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < bytes; i++) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException reset) {
                    return i;
                }
                try {
                    int read = in.read();
                    if (read < 0) {
                        return i + 1;
                    }
                    // the server answered instead of closing silently: read the rest, then it must close
                    socket.setSoTimeout(10_000);
                    while (in.read() >= 0) {
                        // drain
                    }
                    return i + 1;
                } catch (SocketTimeoutException stillOpen) {
                    // the server is still waiting for the header: send the next byte
                } catch (IOException reset) {
                    return i + 1;
                }
            }
            return -1;
        }
    }

    @Test
    void aSlowlorisClientSendingOneHeaderByteAtATimeIsCutOff() throws Exception {
        // 200 bytes at one per 250 ms would take 50 s; the header deadline is 1 s
        int sent = trickle(strict.port(), "POST /api/v1/responses HTTP/1.1\r\nHost: x\r\nX-Slow: ", 200);
        assertTrue(sent > 0, "the connection was open until its deadline, not refused at once: " + sent);
        assertTrue(sent < 200, "the server never closed the slow connection");
        assertTrue(logs.text().contains("event=slow_client_closed phase=header"), "the cut is logged");
        // and the server still serves a normal client
        HttpResponse<String> ok = new Http(strict.port()).post("/api/v1/responses",
                seekerForm("hard-after-slow-" + RUN).toString(), Map.of());
        assertEquals(202, ok.statusCode(), ok.body());
    }

    @Test
    void aClientTricklingItsBodyIsCutOffAtTheRequestDeadline() throws Exception {
        int sent = trickle(strict.port(), "POST /api/v1/responses HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n", 400);
        assertTrue(sent > 0 && sent < 400, "sent " + sent);
    }

    /** Fuzz finding under load: a body that never arrives in full was answered 500 ("unexpected error"). */
    @Test
    void aBodyThatNeverArrivesInFullIsTheClientsFaultNotAServerError() throws Exception {
        byte[] head = ("POST /api/v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 500\r\n\r\n{\"responseId\":").getBytes(StandardCharsets.US_ASCII);
        String answer = exchange(strict.port(), head); // then silence: the server's deadline ends it
        assertTrue(!answer.startsWith("HTTP/1.1 5"), answer);
        assertTrue(answer.isEmpty() || (answer.startsWith("HTTP/1.1 408") && answer.contains("body-incomplete")),
                answer);
    }

    @Test
    void theDefaultServerAlsoCutsOffSlowHeaders() throws Exception {
        // defaults: 10 s; 200 bytes at 250 ms is 50 s
        int sent = trickle(plain.port(), "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ", 200);
        assertTrue(sent > 0 && sent < 200, "sent " + sent);
    }

    /** One request on a raw socket; the whole answer as the server wrote it, up to its close. */
    private static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] post(String path, String contentType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static JsonNode problem(String answer) throws IOException {
        return EventJson.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void aBodyOverTheLimitIsReadToItsEndAndAnswered413() throws Exception {
        byte[] big = new byte[1 << 20]; // 16 times the 64 KiB limit
        java.util.Arrays.fill(big, (byte) 'x');
        String answer = exchange(plain.port(), post("/api/v1/responses", "application/json", big));
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
        assertEquals("max-size", problem(answer).at("/violations/0/rule").asText());
        // the same for a form body, which the servlet container used to refuse by dropping the connection
        String form = exchange(plain.port(), post("/s/" + token(), "application/x-www-form-urlencoded", big));
        assertTrue(form.startsWith("HTTP/1.1 413"), form);
        assertEquals("max-size", problem(form).at("/violations/0/rule").asText());
        // and a kiosk batch (256 KiB limit) of a megabyte
        String batch = exchange(plain.port(), post("/api/v1/kiosk/batches", "application/json", big));
        assertTrue(batch.startsWith("HTTP/1.1 413"), batch);
    }

    @Test
    void anOversizedHeaderIs431InTheProblemFormat() throws Exception {
        String answer = exchange(strict.port(), ("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(8000)
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(answer.contains("application/json"), answer);
        assertEquals("header-too-large", problem(answer).path("error").asText());
    }

    @Test
    void aBrokenRequestLineIsAnsweredInTheProblemFormat() throws Exception {
        String answer = exchange(plain.port(), "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertEquals("bad-request", problem(answer).path("error").asText());
    }

    @Test
    void aMultipartPostToTheQuestionnaireIs415AndItsTokenIsInNoLogLine() throws Exception {
        String token = token();
        byte[] body = ("--b\r\nContent-Disposition: form-data; name=\"Q1\"\r\n\r\n8\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String answer = exchange(plain.port(), post("/s/" + token, "multipart/form-data; boundary=b", body));
        assertTrue(answer.startsWith("HTTP/1.1 415"), answer);
        assertEquals("media-type", problem(answer).at("/violations/0/rule").asText());
        assertFalse(logs.text().contains(token), "a link token reached the log");
        assertFalse(logs.text().contains(token.substring(0, 20)), "a part of a link token reached the log");
    }

    @Test
    void theServerListensOnLoopbackOnlyByDefault() throws Exception {
        // on Linux all of 127/8 reaches the machine, but a socket bound to 127.0.0.1 accepts only that address
        try (Socket ok = new Socket()) {
            ok.connect(new InetSocketAddress("127.0.0.1", plain.port()), 5_000);
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket other = new Socket()) {
                other.connect(new InetSocketAddress("127.0.0.2", plain.port()), 5_000);
            }
        }, "bound to 0.0.0.0: reachable on every address");
    }

    @Test
    void forwardedForCountsOnlyFromATrustedProxy() throws Exception {
        String viaProxy = "hard-xff-trusted-" + RUN;
        String direct = "hard-xff-untrusted-" + RUN;
        Map<String, String> forwarded = Map.of("X-Forwarded-For", "6.6.6.6, 198.51.100.4");
        assertEquals(202, new Http(strict.port()).post("/api/v1/responses", seekerForm(viaProxy).toString(), forwarded)
                .statusCode());
        assertEquals(202, new Http(plain.port()).post("/api/v1/responses", seekerForm(direct).toString(), forwarded)
                .statusCode());
        TopicReader reader = new TopicReader(STACK.kafka().bootstrapServers());
        SaltedHash hashes = new SaltedHash(SALT);
        Map<String, String> ipHashes = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ipHashes.size() < 2 && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : reader.readAll(RESPONSES, 0, Duration.ofSeconds(2))) {
                SurveyResponse response = EventJson.fromBytes(r.value(), SurveyResponse.class);
                if (List.of(viaProxy, direct).contains(response.responseId())) {
                    ipHashes.put(response.responseId(), response.meta().ipHash());
                    assertEquals("api", response.meta().entry(), "the public door");
                }
            }
        }
        // behind the trusted proxy: the rightmost hop it saw, not the forged one on the left
        assertEquals(hashes.hex("198.51.100.4"), ipHashes.get(viaProxy));
        // from an untrusted peer the header is ignored
        assertEquals(hashes.hex("127.0.0.1"), ipHashes.get(direct));
    }
}
