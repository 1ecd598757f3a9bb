package ru.otklik.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The hand-written OpenAPI 3.0 description of the service ({@code otklik/openapi.yaml}), served as
 * written and as JSON. Parsed once at start, so a broken document stops the service, not a client.
 */
public final class OpenApiDocument {

    public static final String YAML_PATH = "/openapi.yaml";
    public static final String JSON_PATH = "/openapi.json";
    static final String RESOURCE = "/otklik/openapi.yaml";

    private final String yaml;
    private final String json;

    private OpenApiDocument(String yaml, String json) {
        this.yaml = yaml;
        this.json = json;
    }

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode tree = new YAMLMapper().readTree(yaml);
            if (tree == null || !tree.path("openapi").asText().startsWith("3.0")) {
                throw new IllegalStateException(RESOURCE + " is not an OpenAPI 3.0 document");
            }
            return new OpenApiDocument(yaml, new ObjectMapper().writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public void yaml(Context ctx) {
        ctx.contentType("application/yaml; charset=utf-8").result(yaml);
    }

    public void json(Context ctx) {
        ctx.contentType("application/json; charset=utf-8").result(json);
    }
}
