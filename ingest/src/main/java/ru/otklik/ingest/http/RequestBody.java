package ru.otklik.ingest.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request body read with a hard limit: at most {@code limit + 1} bytes are ever buffered, so a
 * huge body costs nothing but the refusal. {@code declaredBytes} is what the client announced
 * (or what we saw), kept for the dead letter.
 */
public record RequestBody(byte[] bytes, long declaredBytes, boolean truncated) {

    public static RequestBody read(Context ctx, int limit) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            boolean truncated = bytes.length > limit;
            long declared = Math.max(ctx.contentLength(), bytes.length);
            if (truncated) {
                bytes = java.util.Arrays.copyOf(bytes, limit);
            }
            return new RequestBody(bytes, declared, truncated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
