package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseHandler;
import ru.otklik.dashboards.live.LiveScope;
import ru.otklik.dashboards.live.LiveWatchers;

/**
 * {@code GET /api/v1/live?scope=office:CODE|region:CODE|federal}: the live pages' event stream (issue 14 §1).
 * Checks in the API's order and with the API's own rules ({@link ApiRoutes}): signed in (401), scope well-formed
 * (400), allowed and known (403/404, as the scope's figures), asked for as {@code text/event-stream} (406). Then
 * the stream joins its scope's one watcher ({@link LiveWatchers}): {@code ready} with the current token as its
 * {@code id}, {@code changed} whenever the scope's rows change (the page reads its figures again), and a
 * keep-alive comment every {@code live.keep-alive}. A reconnecting EventSource sends {@code Last-Event-ID}; a
 * token other than the current one is answered {@code changed} at once. At every keep-alive the session and the
 * scope are checked again: a signed-out, disabled or re-scoped viewer's stream is closed, and the reconnect meets
 * the 401 or 403.
 */
final class LiveRoutes {

    static final String PATH = "/api/v1/live";

    private final SessionGuard guard;
    private final ApiRoutes api;
    private final LiveWatchers watchers;

    LiveRoutes(SessionGuard guard, ApiRoutes api, LiveWatchers watchers) {
        this.guard = guard;
        this.api = api;
        this.watchers = watchers;
    }

    /** The stream URL of a page's place, for its {@code data-live}. */
    static String path(LiveScope scope) {
        return PATH + "?scope=" + scope.text();
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, guard.api((ctx, viewer) -> {
            LiveScope scope = LiveScope.parse(ctx.queryParam("scope")).orElseThrow(() ->
                    new ApiError(400, "bad_request", "scope must be office:CODE, region:CODE or federal"));
            boolean allowed = switch (scope.level()) {
                case OFFICE -> api.allowedOffice(ctx, viewer, scope.code());
                case REGION -> api.allowedRegion(ctx, viewer, scope.code());
                default -> api.allowedAllRegions(ctx, viewer);
            };
            if (!allowed) {
                return;
            }
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                // Javalin's SSE handler would answer an empty 200; say what this is instead
                throw new ApiError(406, "not_acceptable", "an event stream: send Accept: text/event-stream");
            }
            String lastEventId = ctx.header("Last-Event-ID");
            // the session and the scope checked again at every keep-alive, by the same rules (AccessScope)
            java.util.function.BooleanSupplier stillAllowed = () -> guard.viewer(ctx).map(v -> allows(v, scope)).orElse(false);
            new SseHandler(client -> {
                client.keepAlive(); // the request stays open until the stream closes
                LiveWatchers.Subscription subscription = watchers.subscribe(scope,
                        new ru.otklik.dashboards.live.SseStream(client), lastEventId, stillAllowed);
                client.onClose(subscription::cancel);
                if (client.terminated()) { // closed before the callback was set
                    subscription.cancel();
                }
            }).handle(ctx);
        }));
    }

    /** The viewer's scope still takes the place (the codes were found in the directory when the stream opened). */
    private static boolean allows(Viewer viewer, LiveScope scope) {
        return switch (scope.level()) {
            case OFFICE -> viewer.scope().allowsOffice(scope.code());
            case REGION -> viewer.scope().allowsRegion(scope.code());
            default -> viewer.scope().allowsAllRegions();
        };
    }
}
