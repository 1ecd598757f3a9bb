package ru.otklik.ingest.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import ru.otklik.common.http.TrustedProxies;

/**
 * The client's address as ingest counts it (rate limits) and hashes it (fraud signals, dead letters):
 * the socket's peer, or behind a configured trusted proxy the hop that proxy saw
 * ({@link TrustedProxies}). Resolved once per request by {@link #resolve} and read with {@link #of}.
 */
public final class ClientAddress {

    private static final String ATTRIBUTE = "otklik.client-address";

    private ClientAddress() {
    }

    /** A before-handler: works out the address of this request from its peer and {@code X-Forwarded-For}. */
    public static void resolve(Context ctx, TrustedProxies proxies) {
        String peer = ctx.req().getRemoteAddr();
        List<String> forwarded = Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
        ctx.attribute(ATTRIBUTE, proxies.clientAddress(peer, forwarded));
    }

    public static String of(Context ctx) {
        String resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : ctx.req().getRemoteAddr();
    }
}
