package ru.otklik.dashboards.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import ru.otklik.dashboards.access.SessionCookie;
import ru.otklik.dashboards.access.UserAccounts;

/** Resolves the session cookie to a user and guards handlers: 401 for the API, a redirect to /login for pages. */
final class SessionGuard {

    /** A handler that runs only for a signed-in user. */
    @FunctionalInterface
    interface SignedIn {
        void handle(Context ctx, Viewer viewer) throws Exception;
    }

    private final SessionCookie cookies;
    private final UserAccounts accounts;
    private final boolean secureCookies;

    SessionGuard(SessionCookie cookies, UserAccounts accounts, boolean secureCookies) {
        this.cookies = cookies;
        this.accounts = accounts;
        this.secureCookies = secureCookies;
    }

    Optional<Viewer> viewer(Context ctx) {
        return cookies.verify(ctx.cookie(SessionCookie.NAME))
                .flatMap(accounts::findSession)
                .map(user -> new Viewer(user, accounts.scopeOf(user)));
    }

    Handler api(SignedIn handler) {
        return ctx -> {
            Optional<Viewer> viewer = viewer(ctx);
            if (viewer.isEmpty()) {
                ApiErrors.send(ctx, 401, "unauthorized", "sign in first: POST /login");
                return;
            }
            ctx.attribute("user", viewer.get().user().username());
            handler.handle(ctx, viewer.get());
        };
    }

    /** The header a state-changing API request must carry: the page's anti-CSRF token. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    /**
     * A handler that changes state: signed in, and sending the anti-CSRF token of its own session
     * (403 {@code csrf_token} otherwise), so another site cannot make a signed-in browser post it.
     */
    Handler apiChange(SignedIn handler) {
        return api((ctx, viewer) -> {
            if (!cookies.csrfValid(ctx.cookie(SessionCookie.NAME), ctx.header(CSRF_HEADER))) {
                throw new ApiError(403, "csrf_token", "send the page's anti-CSRF token in the " + CSRF_HEADER + " header");
            }
            handler.handle(ctx, viewer);
        });
    }

    /** The anti-CSRF token of the request's session, for the page to send back. */
    String csrfToken(Context ctx) {
        return cookies.csrfToken(ctx.cookie(SessionCookie.NAME));
    }

    Handler page(SignedIn handler) {
        return ctx -> {
            Optional<Viewer> viewer = viewer(ctx);
            if (viewer.isEmpty()) {
                String next = ctx.path();
                ctx.redirect("/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            ctx.attribute("user", viewer.get().user().username());
            handler.handle(ctx, viewer.get());
        };
    }

    /** The cookie names the account's session epoch: ending its sessions (sign-out, disabling) raises it. */
    void startSession(Context ctx, String username) {
        setCookie(ctx, cookies.issue(accounts.sessionSubject(username)), cookies.lifetime().toSeconds());
    }

    /** Signs out: the account's sessions end on the server too (where the store can record it), and the cookie goes. */
    void endSession(Context ctx) {
        viewer(ctx).ifPresent(v -> accounts.endSessions(v.user().username()));
        setCookie(ctx, "", 0);
    }

    private void setCookie(Context ctx, String value, long maxAge) {
        // written by hand: SameSite=Strict and HttpOnly must be exact, whatever the servlet defaults are
        ctx.res().addHeader("Set-Cookie", SessionCookie.NAME + "=" + value + "; Path=/; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : ""));
    }
}
