package ru.otklik.ingest.http;

import io.javalin.http.Context;
import ru.otklik.common.office.OfficeNetworks;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.SurveyResponse;

/**
 * Stamps an accepted response with what the request told us about its sender (domain §8, fraud
 * analysis): the salted hashes of the client address (behind trusted proxies, the address they saw:
 * {@link ClientAddress}) and of the {@code User-Agent} header, and the door of ingest it came through
 * ({@link Entry}), so the job can check its channel again, and whether the address is in the response's
 * office's own network ({@link OfficeNetworks}; only the outcome is kept). The fill duration comes from
 * the response's own {@code startedTs}.
 */
public final class RequestMetadata {

    private final SaltedHash hashes;
    private final OfficeNetworks networks;

    public RequestMetadata(SaltedHash hashes) {
        this(hashes, OfficeNetworks.none());
    }

    public RequestMetadata(SaltedHash hashes, OfficeNetworks networks) {
        this.hashes = hashes;
        this.networks = networks;
    }

    /** The salted hashes of the request's client address and {@code User-Agent}, as {@link #onto} records them. */
    public record Hashes(String ip, String userAgent) {
    }

    public Hashes hashes(Context ctx) {
        return new Hashes(hashes.hex(ClientAddress.of(ctx)), hashes.hex(ctx.userAgent()));
    }

    public SurveyResponse onto(SurveyResponse response, Context ctx, Entry door) {
        if (!door.admits(response.channel(), response.surveyId())) { // the doors check this before; a bug if not
            throw new IllegalStateException("door " + door.code() + " does not admit " + response.channel().code()
                    + " responses of " + response.surveyId());
        }
        String address = ClientAddress.of(ctx);
        // decided against the address itself, before it is hashed: a hash cannot be matched against a range
        Boolean fromOffice = networks.contains(response.officeCode(), address).orElse(null);
        return response.withMeta(hashes.hex(address), hashes.hex(ctx.userAgent()), door, fromOffice);
    }
}
