package ru.otklik.dashboards.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import ru.otklik.common.http.FormBody;
import ru.otklik.common.http.MalformedInput;
import ru.otklik.common.http.MediaType;

/**
 * A form post read by the dashboards themselves, not by the servlet container: only
 * {@code application/x-www-form-urlencoded} (else 415), at most {@link #MAX_BYTES} (else 413, after the
 * rest was read up to a cap so the answer reaches the client), strict UTF-8 (else 400 {@code utf-8}).
 */
final class FormRequest {

    /** A login form is a few hundred bytes. */
    static final int MAX_BYTES = 8 * 1024;
    private static final int DISCARD_CAP = 1 << 20;

    private final Map<String, List<String>> fields;

    private FormRequest(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static FormRequest read(Context ctx) {
        if (!MediaType.admits(ctx.header("Content-Type"), MediaType.FORM)) {
            discard(ctx);
            throw new ApiError(415, "unsupported_media_type", "send Content-Type: application/x-www-form-urlencoded");
        }
        if (ctx.contentLength() > DISCARD_CAP) {
            ctx.header("Connection", "close");
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                skip(in);
                ctx.header("Connection", "close");
                throw tooLarge();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new FormRequest(FormBody.parse(bytes));
        } catch (MalformedInput e) {
            throw new ApiError(400, e.rule().replace('-', '_'), "the form does not decode: " + e.getMessage());
        }
    }

    /** The first value of a field, or null. */
    String get(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "too_large", "the form is larger than " + MAX_BYTES + " bytes");
    }

    private static void discard(Context ctx) {
        ctx.header("Connection", "close");
        if (ctx.contentLength() > DISCARD_CAP) {
            return;
        }
        try (InputStream in = ctx.bodyInputStream()) {
            skip(in);
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing left to protect
        }
    }

    private static void skip(InputStream in) throws IOException {
        byte[] sink = new byte[16 * 1024];
        long total = 0;
        for (int n; total < DISCARD_CAP && (n = in.read(sink)) >= 0; ) {
            total += n;
        }
    }
}
