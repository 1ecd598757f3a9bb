package ru.otklik.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.List;
import ru.otklik.common.http.MediaType;
import ru.otklik.common.validation.Violation;

/**
 * The media type an endpoint reads. Anything else, a missing {@code Content-Type} or a multipart body
 * included, is 415 before the body is looked at: reading JSON out of {@code text/plain} or a form out
 * of {@code multipart/form-data} would be guessing, and the servlet container's multipart parser is a
 * door nobody configured (it answered 500).
 */
public final class BodyType {

    public static final String RULE = "media-type";

    private BodyType() {
    }

    public static Handler json(String endpoint, int maxBodyBytes, Handler next) {
        return requires(MediaType.JSON, endpoint, maxBodyBytes, next);
    }

    public static Handler form(String endpoint, int maxBodyBytes, Handler next) {
        return requires(MediaType.FORM, endpoint, maxBodyBytes, next);
    }

    private static Handler requires(MediaType type, String endpoint, int maxBodyBytes, Handler next) {
        return ctx -> {
            if (!MediaType.admits(ctx.header("Content-Type"), type)) {
                RequestBody.discard(ctx, maxBodyBytes); // so the client can read the 415
                throw unsupported(endpoint, type);
            }
            next.handle(ctx);
        };
    }

    static ProblemException unsupported(String endpoint, MediaType type) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), endpoint,
                new Problem("unsupported-media-type", "send Content-Type: " + type.essence(),
                        List.of(new Violation("Content-Type", RULE, "must be " + type.essence()
                                + " (optionally ; charset=utf-8)"))));
    }

    /** Whether a request is one a JSON endpoint reads (for tests and the OpenAPI description). */
    public static boolean isJson(Context ctx) {
        return MediaType.admits(ctx.header("Content-Type"), MediaType.JSON);
    }
}
