package ru.otklik.dashboards.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON writer of the API (records are serialised by their component names). */
final class JsonBody {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private JsonBody() {
    }

    /** A request body is at most this long: a review's reason is short. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    /**
     * The request's body as a JSON object: {@code application/json}, at most {@link #MAX_REQUEST_BYTES},
     * an object — 400/413/415 naming what is wrong otherwise.
     */
    static com.fasterxml.jackson.databind.JsonNode readObject(io.javalin.http.Context ctx) {
        String type = String.valueOf(ctx.contentType());
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "unsupported_media_type", "the body must be application/json");
        }
        if (ctx.contentLength() > MAX_REQUEST_BYTES) {
            throw new ApiError(413, "too_large", "the body must be at most " + MAX_REQUEST_BYTES + " bytes");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_REQUEST_BYTES) {
            throw new ApiError(413, "too_large", "the body must be at most " + MAX_REQUEST_BYTES + " bytes");
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiError(400, "bad_request", "the body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new ApiError(400, "bad_request", "the body is not valid JSON");
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
