package ru.otklik.ingest.link;

import ru.otklik.common.link.LinkKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;

/** Survey links over real HTTP: who may issue them, what is refused, and whether the QR codes scan. */
class LinksIT {

    private static final TestStack STACK = TestStack.shared(); // only because the service starts a producer
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STAFF_TOKEN = "anna-" + UUID.randomUUID();
    private static final String BASE_URL = "https://otklik.example.ru";
    private static final String KEYS = "k2:" + LinkKeys.newSecret() + ",k1:" + LinkKeys.newSecret();

    private static IngestService ingest;

    @BeforeAll
    static void start() {
        ingest = IngestService.start(config(Map.of("OTKLIK_STAFF_TOKENS", "anna:" + STAFF_TOKEN + ",boris:boris-"
                + UUID.randomUUID(), "OTKLIK_LINK_KEYS", KEYS)));
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static IngestConfig config(Map<String, String> extra) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(extra);
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", STACK.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", "responses-" + run);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", "dlq-" + run);
        // no test here waits out Kafka: a loaded machine may take seconds to acknowledge, and a record
        // given up after 4 s (a dead letter) would fail the test, not the code
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT20S");
        env.put("OTKLIK_PUBLIC_BASE_URL", BASE_URL);
        return IngestConfig.load(env);
    }

    private static ObjectNode request() {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("officeCode", "BRY-02");
        body.put("touchpointId", "window-3");
        body.put("surveyId", "jc-seeker");
        body.put("surveyVersion", 1);
        body.put("singleUse", false);
        body.put("validDays", 30);
        return body;
    }

    private static HttpResponse<String> issue(int port, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/links"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> handler) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), handler);
    }

    /** The path of a URL we handed out (it names the public host; we ask the test instance). */
    private static String local(String publicUrl) {
        assertTrue(publicUrl.startsWith(BASE_URL + "/"), publicUrl);
        return publicUrl.substring(BASE_URL.length());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }

    private static JsonNode issued() throws Exception {
        HttpResponse<String> answer = issue(ingest.port(), "Bearer " + STAFF_TOKEN, request().toString());
        assertEquals(201, answer.statusCode(), answer.body());
        return json(answer);
    }

    @Test
    void withoutABearerTokenNothingIsIssued() throws Exception {
        HttpResponse<String> answer = issue(ingest.port(), null, request().toString());
        assertEquals(401, answer.statusCode());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("unauthorized", json(answer).get("error").asText());
    }

    @Test
    void aWrongBearerTokenIsRefused() throws Exception {
        assertEquals(401, issue(ingest.port(), "Bearer " + STAFF_TOKEN + "x", request().toString()).statusCode());
        assertEquals(401, issue(ingest.port(), "Bearer nope", request().toString()).statusCode());
        assertEquals(401, issue(ingest.port(), STAFF_TOKEN, request().toString()).statusCode(), "no scheme");
    }

    @Test
    void aServiceWithoutStaffTokensRefusesEveryone() throws Exception {
        try (IngestService closed = IngestService.start(config(Map.of()))) {
            assertEquals(401, issue(closed.port(), "Bearer ", request().toString()).statusCode());
            assertEquals(401, issue(closed.port(), "Bearer " + STAFF_TOKEN, request().toString()).statusCode());
        }
    }

    @Test
    void staffGetATokenForTheOfficeTheyAskedFor() throws Exception {
        Instant before = Instant.now();
        JsonNode answer = issued();
        String token = answer.get("token").asText();
        assertEquals(BASE_URL + "/s/" + token, answer.get("url").asText());
        assertEquals(BASE_URL + "/api/v1/links/" + token + "/qr.svg", answer.get("qrSvg").asText());
        assertEquals(BASE_URL + "/api/v1/links/" + token + "/qr.png", answer.get("qrPng").asText());
        assertEquals(BASE_URL + "/api/v1/links/" + token + "/poster", answer.get("poster").asText());
        Instant expires = Instant.parse(answer.get("expiresAt").asText());
        assertTrue(!expires.isBefore(before.plus(Duration.ofDays(30)).minusSeconds(1))
                && !expires.isAfter(Instant.now().plus(Duration.ofDays(30))), expires.toString());

        // the same keys, as a second instance of the service would have them
        SurveyLink link = new LinkToken(LinkKeys.parse(KEYS), Clock.systemUTC()).verify(token);
        assertEquals("BRY-02", link.officeCode());
        assertEquals("BRY", link.regionCode(), "region derived from the office directory");
        assertEquals("window-3", link.touchpointId());
        assertEquals(null, link.employeeId());
        assertEquals("jc-seeker", link.surveyId());
        assertEquals(1, link.surveyVersion());
        assertEquals(false, link.singleUse());
        assertEquals(expires, link.expiresAt());
        assertTrue(!issued().get("token").asText().equals(token), "every issue is a new link");
    }

    @Test
    void badFieldsAre400NamingEachField() throws Exception {
        Map<String, java.util.function.Consumer<ObjectNode>> cases = new HashMap<>();
        cases.put("officeCode", b -> b.put("officeCode", "XXX-99"));
        cases.put("surveyId", b -> b.put("surveyId", "kiosk-quick"));
        cases.put("surveyVersion", b -> b.put("surveyVersion", 42));
        cases.put("validDays", b -> b.put("validDays", 0));
        cases.put("singleUse", b -> b.put("singleUse", "yes"));
        cases.put("touchpointId", b -> b.put("touchpointId", "window 3; drop"));
        cases.put("homeOffice", b -> b.put("homeOffice", "BRY-01"));
        for (Map.Entry<String, java.util.function.Consumer<ObjectNode>> c : cases.entrySet()) {
            ObjectNode body = request();
            c.getValue().accept(body);
            HttpResponse<String> answer = issue(ingest.port(), "Bearer " + STAFF_TOKEN, body.toString());
            assertEquals(400, answer.statusCode(), c.getKey() + ": " + answer.body());
            List<String> fields = new ArrayList<>();
            json(answer).get("violations").forEach(v -> fields.add(v.get("field").asText()));
            assertEquals(List.of(c.getKey()), fields, answer.body());
        }
        ObjectNode tooLong = request().put("validDays", 401);
        tooLong.remove("officeCode");
        HttpResponse<String> both = issue(ingest.port(), "Bearer " + STAFF_TOKEN, tooLong.toString());
        assertEquals(400, both.statusCode());
        assertTrue(both.body().contains("\"officeCode\"") && both.body().contains("\"validDays\""), both.body());
        assertEquals(400, issue(ingest.port(), "Bearer " + STAFF_TOKEN, "{not json").statusCode());
        assertEquals(400, issue(ingest.port(), "Bearer " + STAFF_TOKEN, "[]").statusCode());
    }

    @Test
    void theQrCodesScanToTheLinkUrl() throws Exception {
        JsonNode answer = issued();
        String url = answer.get("url").asText();

        HttpResponse<String> svg = get(local(answer.get("qrSvg").asText()), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, svg.statusCode());
        assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        assertEquals(url, QrDecoding.decodeSvg(svg.body()).getText());

        HttpResponse<byte[]> png = get(local(answer.get("qrPng").asText()), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertEquals(url, QrDecoding.decodePng(png.body()).getText());
        assertEquals("M", QrDecoding.errorCorrection(QrDecoding.decodePng(png.body())));
    }

    @Test
    void thePosterNamesTheOfficeAndCarriesTheCode() throws Exception {
        JsonNode answer = issued();
        HttpResponse<String> poster = get(local(answer.get("poster").asText()), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, poster.statusCode());
        assertTrue(poster.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Office office = OfficeDirectory.pilot().office("BRY-02").orElseThrow();
        String html = poster.body();
        assertTrue(html.contains(LinkPoster.escape(office.name())), "office name: " + office.name());
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("size: A5"));
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        assertEquals(answer.get("url").asText(), QrDecoding.decodeSvg(svg).getText());
    }

    @Test
    void invalidTokensGetNothing() throws Exception {
        String token = issued().get("token").asText();
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        String foreign = new LinkToken(LinkKeys.parse("k2:" + LinkKeys.newSecret()), Clock.systemUTC())
                .sign(new SurveyLink(SurveyLink.newLinkId(), "BRY", "BRY-01", null, null, "jc-seeker", 1, true,
                        Instant.now().plusSeconds(3600)));
        for (String bad : List.of(tampered, foreign, "garbage", "a.b")) {
            for (String view : List.of("qr.svg", "qr.png", "poster")) {
                HttpResponse<String> answer = get("/api/v1/links/" + bad + "/" + view,
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(404, answer.statusCode(), bad + "/" + view);
            }
        }
    }
}
