package ru.otklik.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.validation.Violation;

/**
 * A request body read with a hard limit: at most {@code limit + 1} bytes are ever buffered, so a
 * huge body costs nothing but the refusal. {@code declaredBytes} is what the client announced
 * (or what we saw), kept for the dead letter.
 */
public record RequestBody(byte[] bytes, long declaredBytes, boolean truncated) {

    /*
     * Stricter than the event mapping: a repeated key ({"Q1":9,"Q1":2}) or text after the document
     * is ambiguous input, and we refuse it rather than guess which part the client meant.
     */
    private static final ObjectReader STRICT = EventJson.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public static RequestBody read(Context ctx, int limit) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            boolean truncated = bytes.length > limit;
            long declared = Math.max(ctx.contentLength(), bytes.length);
            if (truncated) {
                bytes = Arrays.copyOf(bytes, limit);
            }
            return new RequestBody(bytes, declared, truncated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A part of a body (one tap of a batch) kept on its own. */
    public static RequestBody of(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new RequestBody(bytes, bytes.length, false);
    }

    /** The refusal of a body over {@code limit} bytes: one place for its rule and wording. */
    public static List<Violation> tooLarge(int limit) {
        return List.of(new Violation("$", "max-size", "body is larger than " + limit + " bytes"));
    }

    /** The refusal of a body that is not one well-formed JSON document. */
    public static List<Violation> notJson(JsonProcessingException e) {
        return List.of(new Violation("$", "json-syntax", "not valid JSON: " + e.getOriginalMessage()));
    }

    /** The body as a JSON tree; an empty body is a missing node, which the validators refuse by type. */
    public JsonNode json() throws JsonProcessingException {
        try {
            return STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen reading from a byte array
        }
    }
}
