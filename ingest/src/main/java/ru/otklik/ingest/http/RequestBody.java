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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import ru.otklik.common.http.FormBody;
import ru.otklik.common.http.MalformedInput;
import ru.otklik.common.http.StrictUtf8;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.validation.Violation;

/**
 * A request body read with a hard limit: at most {@code limit + 1} bytes are ever buffered, so a
 * huge body costs nothing but the refusal. {@code declaredBytes} is what the client announced
 * (or what we saw), kept for the dead letter.
 *
 * <p>An over-limit body is read on and thrown away up to {@link #discardCap} before the 413 goes out
 * with {@code Connection: close}: a server that closes a socket with unread bytes in it makes the
 * kernel send a reset, which can destroy the answer before the client reads it. Past the cap the
 * connection is closed anyway (the request timeout bounds the time such a client can take).
 */
public record RequestBody(byte[] bytes, long declaredBytes, boolean truncated) {

    /** A body that could not be read as what the endpoint takes: the reason and what broke. */
    public static final class Unreadable extends Exception {
        private final String reason;
        private final transient List<Violation> violations;

        Unreadable(String reason, List<Violation> violations) {
            super(reason, null, false, false);
            this.reason = reason;
            this.violations = List.copyOf(violations);
        }

        public String reason() {
            return reason;
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /*
     * Stricter than the event mapping: a repeated key ({"Q1":9,"Q1":2}) or text after the document
     * is ambiguous input, and we refuse it rather than guess which part the client meant.
     */
    private static final ObjectReader STRICT = EventJson.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** How much of an over-limit body is read and dropped so the client can read its 413. */
    static long discardCap(int limit) {
        return Math.max(4L << 20, 4L * limit);
    }

    public static RequestBody read(Context ctx, int limit) {
        long declared = ctx.contentLength();
        try (InputStream in = ctx.bodyInputStream()) {
            if (declared > discardCap(limit)) { // announced too big to wait for: refuse unread, close
                ctx.header("Connection", "close");
                return new RequestBody(new byte[0], declared, true);
            }
            byte[] bytes = in.readNBytes(limit + 1);
            boolean truncated = bytes.length > limit;
            if (truncated) {
                long rest = discard(in, discardCap(limit) - bytes.length);
                ctx.header("Connection", "close");
                declared = Math.max(declared, bytes.length + rest);
                bytes = Arrays.copyOf(bytes, limit);
            }
            return new RequestBody(bytes, Math.max(declared, bytes.length), truncated);
        } catch (IOException e) {
            // the body did not arrive in full within the server's read deadlines (or the client went away):
            // the client's fault, answered as such — never the 500 of an unexpected error
            ctx.header("Connection", "close");
            throw new ProblemException(408, ctx.endpoint() == null ? "-" : ctx.endpoint().path,
                    Problem.of("body-incomplete", "the request body did not arrive in full within the read deadline"));
        }
    }

    /**
     * Reads what is left of a request nobody is going to look at (refused before its body mattered), up
     * to a cap, so the refusal reaches the client; the connection closes after the answer.
     */
    public static void discard(Context ctx, int limit) {
        ctx.header("Connection", "close");
        if (ctx.contentLength() > discardCap(limit)) {
            return;
        }
        try (InputStream in = ctx.bodyInputStream()) {
            discard(in, discardCap(limit));
        } catch (IOException | RuntimeException e) {
            // the client went away or the container refused the read: nothing left to protect
        }
    }

    private static long discard(InputStream in, long cap) throws IOException {
        byte[] sink = new byte[16 * 1024];
        long total = 0;
        while (total < cap) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, cap - total));
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
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

    /**
     * The body as a JSON tree; an empty body is a missing node, which the validators refuse by type.
     * Refused as {@code utf-8} when the bytes are not strict UTF-8 (overlong forms, encoded surrogates,
     * invalid bytes: Jackson lets some of them through) or a string holds a lone surrogate escape
     * ({@code "\ud800"}), naming the field; as {@code json-syntax} when it is not one JSON document.
     */
    public JsonNode json() throws Unreadable {
        try {
            StrictUtf8.decode(bytes);
        } catch (MalformedInput e) {
            throw new Unreadable(StrictUtf8.RULE, List.of(new Violation("$", StrictUtf8.RULE, e.getMessage())));
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Unreadable("json-syntax", notJson(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen reading from a byte array
        }
        List<Violation> surrogates = new ArrayList<>();
        loneSurrogates(tree, "", surrogates);
        if (!surrogates.isEmpty()) {
            throw new Unreadable(StrictUtf8.RULE, surrogates);
        }
        return tree;
    }

    /**
     * The body as an {@code application/x-www-form-urlencoded} form, decoded as strict UTF-8: refused
     * as {@code utf-8} or {@code form-encoding} (a broken %-escape).
     */
    public Map<String, List<String>> form() throws Unreadable {
        try {
            return FormBody.parse(bytes);
        } catch (MalformedInput e) {
            throw new Unreadable(e.rule(), List.of(new Violation("$", e.rule(), e.getMessage())));
        }
    }

    private static void loneSurrogates(JsonNode node, String path, List<Violation> into) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && StrictUtf8.loneSurrogate(node.textValue()) >= 0) {
            into.add(new Violation(path.isEmpty() ? "$" : path, StrictUtf8.RULE, "a lone surrogate is not text"));
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (StrictUtf8.loneSurrogate(field.getKey()) >= 0) {
                    into.add(new Violation(path.isEmpty() ? "$" : path, StrictUtf8.RULE,
                            "a field name holds a lone surrogate"));
                } else {
                    loneSurrogates(field.getValue(), child, into);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                loneSurrogates(node.get(i), path + "[" + i + "]", into);
            }
        }
    }
}
