package ru.otklik.ingest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;

/** The served OpenAPI document against the routes the running service really has. */
class OpenApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static IngestService ingest;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", TestStack.shared().kafka().bootstrapServers());
        env.put("OTKLIK_KAFKA_TIMEOUT", "PT2S");
        ingest = IngestService.start(IngestConfig.load(env));
        HttpResponse<String> served = send("GET", "/openapi.yaml", null);
        assertEquals(200, served.statusCode());
        assertTrue(served.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        document = new YAMLMapper().readTree(served.body());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code /s/{token}} and {@code /s/<token>} alike: only where parameters are matters. */
    private static String normalised(String method, String path) {
        return method.toUpperCase() + " " + path.replaceAll("\\{[^}/]*}|<[^>/]*>", "{}");
    }

    private static Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (METHODS.contains(key)) {
                operations.add(normalised(key, path.getKey()));
            }
        }));
        return operations;
    }

    private static JsonNode operation(String method, String path) {
        return document.path("paths").path(path).path(method);
    }

    @Test
    void itIsAnOpenApi30DocumentAlsoServedAsJson() throws Exception {
        assertTrue(document.get("openapi").asText().startsWith("3.0."), document.get("openapi").asText());
        assertFalse(document.path("info").path("title").asText().isBlank());
        HttpResponse<String> json = send("GET", "/openapi.json", null);
        assertEquals(200, json.statusCode());
        assertEquals(document, new ObjectMapper().readTree(json.body()), "the same document");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedPathIsARoute() {
        Set<String> routes = ingest.routes().stream().map(r -> normalised(r.method(), r.path()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(routes.contains("POST /s/{}") && routes.contains("GET /openapi.yaml"), "routes read: " + routes);
        Set<String> documented = documented();
        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> phantom = new TreeSet<>(documented);
        phantom.removeAll(routes);
        assertEquals(Set.of(), undocumented, "routes missing from openapi.yaml");
        assertEquals(Set.of(), phantom, "documented operations the service does not have");
    }

    @Test
    void everyOperationDocumentsItsSuccessAndTheRefusalsTheCodeUses() {
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                List<String> codes = new ArrayList<>();
                op.getValue().path("responses").fieldNames().forEachRemaining(codes::add);
                assertTrue(codes.stream().anyMatch(c -> c.startsWith("2")),
                        op.getKey() + " " + path.getKey() + " lists no success status: " + codes);
            }
        }));
        Map<String, List<String>> required = Map.ofEntries(
                Map.entry("post /api/v1/responses", List.of("202", "400", "401", "403", "413", "415", "429", "431", "503")),
                Map.entry("post /api/v1/kiosk/batches", List.of("202", "400", "401", "403", "413", "415", "429", "431", "503")),
                Map.entry("post /api/v1/kiosk/heartbeats", List.of("204", "400", "401", "403", "413", "415", "429", "431", "503")),
                Map.entry("post /api/v1/kiosk/enrolment-codes", List.of("201", "400", "401", "413", "415", "429")),
                Map.entry("post /api/v1/kiosk/enrolments", List.of("201", "400", "403", "409", "413", "415", "429")),
                Map.entry("get /api/v1/kiosk/devices", List.of("200", "401")),
                Map.entry("post /api/v1/kiosk/devices/{deviceId}/revoke", List.of("204", "401", "404", "429")),
                Map.entry("post /api/v1/links", List.of("201", "400", "401", "413", "415", "429")),
                Map.entry("post /s/{token}", List.of("200", "400", "404", "409", "413", "415", "429", "431", "503")),
                Map.entry("get /s/{token}", List.of("200", "404")),
                Map.entry("get /a/{token}", List.of("200", "403", "404", "410", "503")),
                Map.entry("post /a/{token}/t/{target}/submit", List.of("200", "400", "403", "404", "409", "410", "413",
                        "415", "429", "503")),
                Map.entry("get /api/v1/links/{token}/qr.svg", List.of("200", "404")),
                Map.entry("get /api/v1/links/{token}/qr.png", List.of("200", "404")),
                Map.entry("get /api/v1/links/{token}/poster", List.of("200", "404")),
                Map.entry("get /health", List.of("200", "503")));
        required.forEach((op, codes) -> {
            String[] parts = op.split(" ", 2);
            JsonNode responses = operation(parts[0], parts[1]).path("responses");
            for (String code : codes) {
                assertTrue(responses.has(code), op + " does not document " + code);
            }
        });
        JsonNode limited = document.at("/components/responses/RateLimited");
        assertTrue(limited.path("headers").has("Retry-After"), "429 documents Retry-After");
        assertTrue(operation("post", "/api/v1/links").path("security").toString().contains("staffBearer"));
        assertEquals("bearer", document.at("/components/securitySchemes/staffBearer/scheme").asText());
        List<String> kioskHeaders = new ArrayList<>();
        operation("post", "/api/v1/kiosk/batches").path("parameters").forEach(p -> kioskHeaders.add(p.path("name")
                .asText()));
        assertEquals(List.of("X-Otklik-Device", "X-Otklik-Timestamp", "X-Otklik-Signature"), kioskHeaders);
        List<String> heartbeatHeaders = new ArrayList<>();
        operation("post", "/api/v1/kiosk/heartbeats").path("parameters").forEach(p -> heartbeatHeaders.add(p.path("name")
                .asText()));
        assertEquals(kioskHeaders, heartbeatHeaders, "heartbeats are signed like batches");
        for (String staffOnly : List.of("post /api/v1/kiosk/enrolment-codes", "get /api/v1/kiosk/devices",
                "post /api/v1/kiosk/devices/{deviceId}/revoke")) {
            String[] parts = staffOnly.split(" ", 2);
            assertTrue(operation(parts[0], parts[1]).path("security").toString().contains("staffBearer"), staffOnly);
        }
    }

    @Test
    void whatTheServiceAnswersIsDocumented() throws Exception {
        record Call(String method, String servedPath, String documentedPath, String json) {
        }
        List<Call> calls = List.of(
                new Call("POST", "/api/v1/responses", "/api/v1/responses", "{}"),
                new Call("POST", "/api/v1/responses", "/api/v1/responses", "{\"channel\":\"paper\"}"),
                new Call("POST", "/api/v1/kiosk/batches", "/api/v1/kiosk/batches", "{\"taps\":[]}"),
                new Call("POST", "/api/v1/links", "/api/v1/links", "{}"),
                new Call("POST", "/api/v1/kiosk/heartbeats", "/api/v1/kiosk/heartbeats", "{}"),
                new Call("POST", "/api/v1/kiosk/enrolment-codes", "/api/v1/kiosk/enrolment-codes", "{}"),
                new Call("POST", "/api/v1/kiosk/enrolments", "/api/v1/kiosk/enrolments", "{}"),
                new Call("POST", "/api/v1/kiosk/enrolments", "/api/v1/kiosk/enrolments",
                        "{\"code\":\"ABCD-EFGH-JKMN-PQRS\"}"),
                new Call("GET", "/api/v1/kiosk/devices", "/api/v1/kiosk/devices", null),
                new Call("POST", "/api/v1/kiosk/devices/k-1/revoke", "/api/v1/kiosk/devices/{deviceId}/revoke", "{}"),
                new Call("GET", "/api/v1/links/forged/qr.svg", "/api/v1/links/{token}/qr.svg", null),
                new Call("GET", "/api/v1/links/forged/qr.png", "/api/v1/links/{token}/qr.png", null),
                new Call("GET", "/api/v1/links/forged/poster", "/api/v1/links/{token}/poster", null),
                new Call("GET", "/s/forged", "/s/{token}", null),
                new Call("GET", "/a/forged", "/a/{token}", null),
                new Call("GET", "/a/forged/t/ps-1", "/a/{token}/t/{target}", null),
                new Call("POST", "/a/forged/t/ps-1/submit", "/a/{token}/t/{target}/submit", "{}"),
                new Call("POST", "/a/forged/t/ps-1/draft", "/a/{token}/t/{target}/draft", "{}"),
                new Call("GET", "/metrics", "/metrics", null),
                new Call("GET", "/health", "/health", null),
                new Call("GET", "/openapi.yaml", "/openapi.yaml", null));
        for (Call call : calls) {
            int status = send(call.method(), call.servedPath(), call.json()).statusCode();
            assertTrue(operation(call.method().toLowerCase(), call.documentedPath()).path("responses")
                    .has(String.valueOf(status)), call.method() + " " + call.servedPath() + " answered " + status
                    + ", which is not documented");
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(document.at(ref.substring(1)).isMissingNode(), "dangling " + ref);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
