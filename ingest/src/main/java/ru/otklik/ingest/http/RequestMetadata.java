package ru.otklik.ingest.http;

import io.javalin.http.Context;
import ru.otklik.common.response.SurveyResponse;

/**
 * Stamps an accepted response with what the request told us about its sender (domain §8, fraud
 * analysis): the salted hashes of the client address and of the {@code User-Agent} header. The
 * fill duration comes from the response's own {@code startedTs}.
 */
public final class RequestMetadata {

    private final SaltedHash hashes;

    public RequestMetadata(SaltedHash hashes) {
        this.hashes = hashes;
    }

    public SurveyResponse onto(SurveyResponse response, Context ctx) {
        return response.withMeta(hashes.hex(ctx.ip()), hashes.hex(ctx.userAgent()));
    }
}
