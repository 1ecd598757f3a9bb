package ru.otklik.dashboards.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.dashboards.access.AccountRules;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.access.StoredAccounts;

/**
 * Accounts (issue 14 §6): admins create, re-scope, disable and reset the passwords of dashboard accounts
 * ({@code /api/v1/admin/accounts…} and the page {@code /admin/accounts}); every user changes their own password
 * ({@code POST /api/v1/me/password}). Only with the operational store (503 otherwise: the users file is read-only).
 * Every change needs the anti-CSRF token; everyone but an admin gets 403 on the admin routes.
 */
final class AccountRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);
    private static final String BASE = "/api/v1/admin/accounts";

    private final SessionGuard guard;
    private final StoredAccounts accounts; // null without an operational store
    private final AccountRules rules;

    AccountRoutes(SessionGuard guard, StoredAccounts accounts, AccountRules rules) {
        this.guard = guard;
        this.accounts = accounts;
        this.rules = rules;
    }

    void register(RoutesConfig routes) {
        routes.get(BASE, guard.api((ctx, viewer) -> {
            admin(viewer);
            AssessmentRoutes.json(ctx, 200, Map.of("accounts", store().list()));
        }));
        routes.post(BASE, guard.apiChange((ctx, viewer) -> {
            admin(viewer);
            JsonNode body = JsonBody.readObject(ctx);
            String username = text(body, "username");
            store().create(username, role(body), optional(body, "scope"), text(body, "password"),
                    optional(body, "employeeId"), viewer.user().username());
            LOG.info("event=account_created user={} by={}", username, viewer.user().username());
            AssessmentRoutes.json(ctx, 201, Map.of("username", username));
        }));
        routes.post(BASE + "/{user}/scope", guard.apiChange((ctx, viewer) -> {
            admin(viewer);
            JsonNode body = JsonBody.readObject(ctx);
            store().rescope(ctx.pathParam("user"), role(body), optional(body, "scope"), viewer.user().username());
            LOG.info("event=account_rescoped user={} by={}", safe(ctx.pathParam("user")), viewer.user().username());
            AssessmentRoutes.json(ctx, 200, Map.of("username", ctx.pathParam("user")));
        }));
        routes.post(BASE + "/{user}/disabled", guard.apiChange((ctx, viewer) -> {
            admin(viewer);
            JsonNode body = JsonBody.readObject(ctx);
            JsonNode disabled = body.get("disabled");
            if (disabled == null || !disabled.isBoolean()) {
                throw new ApiError(400, "bad_request", "disabled is required (true or false)");
            }
            store().setDisabled(ctx.pathParam("user"), disabled.asBoolean(), viewer.user().username());
            LOG.info("event=account_{} user={} by={}", disabled.asBoolean() ? "disabled" : "enabled",
                    safe(ctx.pathParam("user")), viewer.user().username());
            AssessmentRoutes.json(ctx, 200, Map.of("username", ctx.pathParam("user"), "disabled", disabled.asBoolean()));
        }));
        routes.post(BASE + "/{user}/password", guard.apiChange((ctx, viewer) -> {
            admin(viewer);
            store().setPassword(ctx.pathParam("user"), text(JsonBody.readObject(ctx), "password"), viewer.user().username());
            LOG.info("event=account_password_reset user={} by={}", safe(ctx.pathParam("user")), viewer.user().username());
            AssessmentRoutes.json(ctx, 200, Map.of("username", ctx.pathParam("user")));
        }));
        routes.post(BASE + "/{user}/employee", guard.apiChange((ctx, viewer) -> {
            admin(viewer);
            String employee = optional(JsonBody.readObject(ctx), "employeeId");
            store().linkEmployee(ctx.pathParam("user"), employee, viewer.user().username());
            AssessmentRoutes.json(ctx, 200, Map.of("username", ctx.pathParam("user"), "employeeId",
                    employee == null ? "" : employee));
        }));
        routes.get(BASE + "/{user}/changes", guard.api((ctx, viewer) -> {
            admin(viewer);
            AssessmentRoutes.json(ctx, 200, Map.of("changes", store().changes(ctx.pathParam("user"))));
        }));
        routes.post("/api/v1/me/password", guard.apiChange((ctx, viewer) -> {
            JsonNode body = JsonBody.readObject(ctx);
            String username = viewer.user().username();
            boolean current = store().find(username).map(a -> a.password().matches(text(body, "current"))).orElse(false);
            if (!current) {
                throw new ApiError(403, "wrong_password", "the current password is not right");
            }
            store().setPassword(username, text(body, "password"), username);
            guard.startSession(ctx, username); // the other sessions ended with the old epoch; this one goes on
            LOG.info("event=own_password_changed user={}", username);
            AssessmentRoutes.json(ctx, 200, Map.of("username", username));
        }));
        routes.get("/admin/accounts", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            if (viewer.user().role() != Role.ADMIN) {
                PageRoutes.problem(ctx, viewer, lang, 403, "forbidden");
                return;
            }
            StringBuilder main = new StringBuilder("<section class=\"panel\"><h1>").append(Html.esc(PageTexts.get("accTitle", lang)))
                    .append("</h1><div class=\"table-scroll\"><table class=\"report\" id=\"accounts\"><thead><tr><th>")
                    .append(Html.esc(PageTexts.get("username", lang))).append("</th><th>").append(Html.esc(PageTexts.get("accRole", lang)))
                    .append("</th><th>").append(Html.esc(PageTexts.get("accScope", lang))).append("</th><th></th></tr></thead><tbody>");
            for (StoredAccounts.Listed a : store().list()) {
                main.append("<tr data-user=\"").append(Html.esc(a.username())).append("\"").append(a.disabled() ? " class=\"disabled\"" : "")
                        .append("><th scope=\"row\">").append(Html.esc(a.username())).append("</th><td>").append(Html.esc(a.role()))
                        .append("</td><td>").append(Html.esc(a.scope() == null ? "" : a.scope())).append("</td><td><button type=\"button\""
                                + " class=\"toggle\" data-disabled=\"").append(a.disabled()).append("\">")
                        .append(Html.esc(PageTexts.get(a.disabled() ? "accEnable" : "accDisable", lang))).append("</button></td></tr>");
            }
            main.append("</tbody></table></div></section><section class=\"panel\"><h2>").append(Html.esc(PageTexts.get("accNew", lang)))
                    .append("</h2><form id=\"new-account\" class=\"stack\"><label>").append(Html.esc(PageTexts.get("username", lang)))
                    .append(" <input name=\"username\" required pattern=\"[A-Za-z0-9._-]{1,64}\"></label><label>")
                    .append(Html.esc(PageTexts.get("accRole", lang))).append(" <select name=\"role\">"
                            + "<option>office</option><option>region</option><option>federal</option><option>admin</option>"
                            + "</select></label><label>").append(Html.esc(PageTexts.get("accScope", lang)))
                    .append(" <input name=\"scope\"></label><label>").append(Html.esc(PageTexts.get("password", lang)))
                    .append(" <input name=\"password\" type=\"password\" minlength=\"").append(AccountRules.MIN_PASSWORD)
                    .append("\" required autocomplete=\"new-password\"></label><button type=\"submit\">")
                    .append(Html.esc(PageTexts.get("a360Create", lang))).append("</button></form>"
                            + "<p class=\"result\" id=\"account-result\" aria-live=\"polite\"></p></section>");
            ctx.html(PageLayout.render(lang, PageTexts.get("accTitle", lang), Map.of("page", "accounts", "csrf",
                    guard.csrfToken(ctx)), viewer.user().username(), ctx.path(), main.toString(), "/assets/accounts.js"));
        }));
    }

    private StoredAccounts store() {
        if (accounts == null) {
            throw new ApiError(503, "operational_store_unavailable", "accounts are managed in the operational store"
                    + " (OTKLIK_POSTGRES_URL); without it they come from the read-only users file");
        }
        return accounts;
    }

    private static void admin(Viewer viewer) {
        if (viewer.user().role() != Role.ADMIN) {
            throw new ApiError(403, "forbidden", "accounts are managed by admins");
        }
    }

    private static Role role(JsonNode body) {
        try {
            return Role.fromCode(text(body, "role"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad_request", e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new ApiError(400, "bad_request", field + " is required (a string)");
        }
        return v.asText();
    }

    private static String optional(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
    }

    private static String safe(String username) {
        return username.replaceAll("[^A-Za-z0-9._-]", "?");
    }
}
