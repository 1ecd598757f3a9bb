package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.dashboards.access.DashboardUser;
import ru.otklik.dashboards.access.LoginThrottle;
import ru.otklik.dashboards.access.UserAccounts;

/** {@code GET/POST /login}, {@code POST /logout}. */
final class LoginRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);

    private final SessionGuard guard;
    private final UserAccounts accounts;
    private final LoginThrottle throttle;

    private ru.otklik.dashboards.access.SsoSettings sso = ru.otklik.dashboards.access.SsoSettings.off();
    private ru.otklik.common.http.TrustedProxies proxies = ru.otklik.common.http.TrustedProxies.none();

    /** Single sign-on through the authenticating proxy at {@code proxies} ({@link ru.otklik.dashboards.access.SsoSettings}). */
    LoginRoutes withSso(ru.otklik.dashboards.access.SsoSettings settings, ru.otklik.common.http.TrustedProxies trusted) {
        this.sso = settings;
        this.proxies = trusted;
        return this;
    }

    LoginRoutes(SessionGuard guard, UserAccounts accounts, LoginThrottle throttle) {
        this.guard = guard;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    void register(RoutesConfig routes) {
        routes.get("/login", ctx -> {
            Optional<Viewer> viewer = guard.viewer(ctx);
            if (viewer.isPresent()) {
                ctx.redirect(viewer.get().scope().homePath());
                return;
            }
            form(ctx, Lang.resolve(ctx), null, null, sso.on());
        });
        routes.post("/login", ctx -> {
            FormRequest posted = FormRequest.read(ctx); // strict: form type, size limit, UTF-8
            String username = posted.get("username");
            String address = ClientAddress.of(ctx);
            Optional<java.time.Duration> refused = throttle.refusedFor(username, address);
            if (refused.isPresent()) {
                // refused before the password is looked at: a guesser learns nothing while the lock lasts
                long seconds = Math.max(1, (refused.get().toMillis() + 999) / 1000);
                LOG.warn("login throttled user={} ip={} retry_after_s={}", username != null
                        && accounts.find(username).isPresent() ? safe(username) : "(unknown)", address, seconds);
                ctx.status(429).header("Retry-After", String.valueOf(seconds));
                form(ctx, Lang.resolve(ctx), "loginThrottled", posted.get("next"), sso.on());
                return;
            }
            Optional<DashboardUser> user = accounts.authenticate(username, posted.get("password"));
            if (user.isEmpty()) {
                throttle.failed(username, address);
                // the name only if it is an account: a mistyped password in the name field must not be logged
                LOG.warn("login failed user={} ip={}", username != null && accounts.find(username).isPresent()
                        ? safe(username) : "(unknown)", address);
                ctx.status(401);
                form(ctx, Lang.resolve(ctx), "loginFailed", posted.get("next"), sso.on());
                return;
            }
            throttle.succeeded(username);
            LOG.info("login user={} role={} scope={}", user.get().username(), user.get().role().code(), user.get().scope());
            guard.startSession(ctx, user.get().username());
            String next = posted.get("next");
            // only local paths: an open redirect would turn the login page into a phishing aid
            boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
            ctx.redirect(local ? next : accounts.scopeOf(user.get()).homePath(), io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.get("/login/sso", ctx -> {
            if (!sso.on()) {
                throw new ApiError(404, "not_found", "single sign-on is not configured");
            }
            // the header is the proxy's word: believed only from the proxy itself, never from the client
            String peer = ctx.req().getRemoteAddr();
            if (!proxies.trusts(peer)) {
                LOG.warn("sso refused reason=untrusted_peer ip={}", peer);
                throw new ApiError(403, "untrusted_proxy", "single sign-on is accepted only through the sign-in proxy");
            }
            String username = ctx.header(sso.userHeader());
            Optional<DashboardUser> user = username == null || username.isBlank() ? Optional.empty()
                    : accounts.find(username.strip());
            if (user.isEmpty()) {
                LOG.warn("sso refused reason=no_account user={}", safe(username));
                throw new ApiError(403, "no_account", "no enabled account for the signed-in user; an administrator"
                        + " creates it at /admin/accounts");
            }
            LOG.info("login user={} role={} scope={} via=sso", user.get().username(), user.get().role().code(),
                    user.get().scope());
            guard.startSession(ctx, user.get().username());
            String next = ctx.queryParam("next");
            boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
            ctx.redirect(local ? next : accounts.scopeOf(user.get()).homePath(), io.javalin.http.HttpStatus.SEE_OTHER);
        });
        routes.post("/logout", ctx -> {
            if (ctx.contentLength() != 0) { // the page's button posts an empty form; anything more is read strictly
                FormRequest.read(ctx);
            }
            guard.endSession(ctx);
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    private static String safe(String username) {
        return username == null ? "-" : username.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    /** The login form; {@code error}: the text key of the message above it, or null. */
    private static void form(Context ctx, String lang, String error, String postedNext, boolean ssoLink) {
        String next = Optional.ofNullable(ctx.queryParam("next")).orElse(Optional.ofNullable(postedNext).orElse(""));
        String main = "<section class=\"login panel\"><h1>" + Html.esc(PageTexts.get("loginTitle", lang)) + "</h1>"
                + (error != null ? "<p class=\"error\" id=\"login-error\">" + Html.esc(PageTexts.get(error, lang)) + "</p>" : "")
                + "<form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(next) + "\">"
                + "<label>" + Html.esc(PageTexts.get("username", lang))
                + "<input name=\"username\" id=\"username\" autocomplete=\"username\" required></label>"
                + "<label>" + Html.esc(PageTexts.get("password", lang))
                + "<input name=\"password\" id=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\" id=\"sign-in\">" + Html.esc(PageTexts.get("signIn", lang)) + "</button>"
                + "</form>"
                + (ssoLink ? "<p class=\"sso\"><a id=\"sso\" href=\"/login/sso?next=" + Html.esc(
                java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)) + "\">"
                + Html.esc(PageTexts.get("ssoSignIn", lang)) + "</a></p>" : "")
                + "</section>";
        ctx.html(PageLayout.render(lang, PageTexts.get("loginTitle", lang), Map.of("page", "login"), null, "/login", main));
    }
}
