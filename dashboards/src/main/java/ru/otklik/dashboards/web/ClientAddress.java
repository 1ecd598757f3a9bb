package ru.otklik.dashboards.web;

import io.javalin.http.Context;
import java.util.Collections;
import ru.otklik.common.http.TrustedProxies;

/**
 * The viewer's address for the logs (failed logins): the socket's peer, or behind a configured
 * trusted proxy the hop that proxy saw ({@link TrustedProxies}, shared with ingest).
 */
final class ClientAddress {

    private static final String ATTRIBUTE = "otklik.client-address";

    private ClientAddress() {
    }

    static void resolve(Context ctx, TrustedProxies proxies) {
        ctx.attribute(ATTRIBUTE, proxies.clientAddress(ctx.req().getRemoteAddr(),
                Collections.list(ctx.req().getHeaders("X-Forwarded-For"))));
    }

    static String of(Context ctx) {
        String resolved = ctx.attribute(ATTRIBUTE);
        return resolved != null ? resolved : ctx.req().getRemoteAddr();
    }
}
