package ru.otklik.dashboards.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.methodology.IndexGroup;
import ru.otklik.common.methodology.IndexIndicator;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.methodology.MethodologyVariant;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.methodology.InvalidMethodology;
import ru.otklik.dashboards.methodology.MethodologyDiff;
import ru.otklik.dashboards.methodology.MethodologyStore;
import ru.otklik.dashboards.store.OutboxRelay;

/**
 * The versioned methodology of the composite index (domain §7, issue 13 §4): every signed-in user reads the
 * versions and their differences; methodologists (federal users and admins) edit the draft and publish it as the
 * next, immutable version, which the relay sends to Kafka. Every change needs the anti-CSRF token; a refused draft
 * answers 422 naming the field and the rule; a published version answers 409 to any attempt to change it.
 */
final class MethodologyRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(MethodologyRoutes.class);
    private static final String API = "/api/v1/methodology";

    private final SessionGuard guard;
    private final MethodologyStore store; // null without an operational store (503)
    private final OutboxRelay<MethodologyStore.Pending> relay; // likewise

    MethodologyRoutes(SessionGuard guard, MethodologyStore store, OutboxRelay<MethodologyStore.Pending> relay) {
        this.guard = guard;
        this.store = store;
        this.relay = relay;
    }

    void register(RoutesConfig routes) {
        routes.get(API + "/versions", guard.api((ctx, viewer) -> ctx.status(200)
                .contentType("application/json; charset=utf-8")
                .result(EventJson.toJson(Map.of("versions", store().versions()))))); // dates as ISO-8601
        routes.get(API + "/versions/{version}", guard.api((ctx, viewer) ->
                ctx.status(200).contentType("application/json; charset=utf-8").result(EventJson.toJson(version(ctx)))));
        for (String method : List.of("put", "patch", "delete")) {
            io.javalin.http.Handler refuse = guard.apiChange((ctx, viewer) -> {
                Methodology m = version(ctx);
                throw new ApiError(409, "published", "methodology version " + m.version()
                        + " is published and cannot change: edit the draft and publish a new version");
            });
            switch (method) {
                case "put" -> routes.put(API + "/versions/{version}", refuse);
                case "patch" -> routes.patch(API + "/versions/{version}", refuse);
                default -> routes.delete(API + "/versions/{version}", refuse);
            }
        }
        routes.get(API + "/diff", guard.api((ctx, viewer) -> {
            int from = number(ctx, "from");
            int to = number(ctx, "to");
            Methodology a = store().version(from).orElseThrow(() -> new ApiError(404, "not_found", "no version " + from));
            Methodology b = store().version(to).orElseThrow(() -> new ApiError(404, "not_found", "no version " + to));
            json(ctx, 200, MethodologyDiff.between(a, b));
        }));
        routes.get(API + "/draft", guard.api((ctx, viewer) -> {
            methodologist(viewer);
            draftAnswer(ctx, store().draft(viewer.user().username()));
        }));
        routes.put(API + "/draft", guard.apiChange((ctx, viewer) -> {
            methodologist(viewer);
            JsonNode body = JsonBody.readObject(ctx);
            try {
                MethodologyStore.Draft d = store().saveDraft(body, viewer.user().username());
                LOG.info("event=methodology_draft_saved by={}", viewer.user().username());
                draftAnswer(ctx, d);
            } catch (InvalidMethodology e) {
                refused(ctx, e);
            }
        }));
        routes.post(API + "/draft/publish", guard.apiChange((ctx, viewer) -> {
            methodologist(viewer);
            JsonNode body = JsonBody.readObject(ctx);
            try {
                Methodology m = store().publishDraft(body.path("changeNote").asText(null), viewer.user().username());
                LOG.info("event=methodology_published version={} by={}", m.version(), viewer.user().username());
                if (relay != null) {
                    relay.wake();
                }
                ctx.status(201).contentType("application/json; charset=utf-8").result(EventJson.toJson(m));
            } catch (InvalidMethodology e) {
                refused(ctx, e);
            }
        }));
        routes.get("/methodology", guard.page((ctx, viewer) -> page(ctx, viewer, Lang.resolve(ctx))));
    }

    private MethodologyStore store() {
        if (store == null) {
            throw new ApiError(503, "operational_store_unavailable",
                    "methodology versions need the operational store (OTKLIK_POSTGRES_URL)");
        }
        return store;
    }

    private static boolean isMethodologist(Viewer viewer) {
        return viewer.user().role() == Role.FEDERAL || viewer.user().role() == Role.ADMIN;
    }

    private static void methodologist(Viewer viewer) {
        if (!isMethodologist(viewer)) {
            throw new ApiError(403, "forbidden", "only methodologists (federal users and admins) edit the methodology");
        }
    }

    private Methodology version(Context ctx) {
        int v;
        try {
            v = Integer.parseInt(ctx.pathParam("version"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", "version must be a number");
        }
        return store().version(v).orElseThrow(() -> new ApiError(404, "not_found", "no methodology version " + v));
    }

    private static int number(Context ctx, String name) {
        try {
            int v = Integer.parseInt(String.valueOf(ctx.queryParam(name)));
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", name + " must be a version number (1 or more)");
        }
    }

    /** The draft's Methodology JSON without version and publishedAt (what PUT takes back). */
    static ObjectNode draftJson(Methodology m) {
        ObjectNode node = EventJson.mapper().valueToTree(m);
        node.remove("version");
        node.remove("publishedAt");
        return node;
    }

    private static void draftAnswer(Context ctx, MethodologyStore.Draft d) {
        if (d.basedOn() != null) {
            ctx.header("X-Based-On-Version", Integer.toString(d.basedOn()));
        }
        ctx.status(200).contentType("application/json; charset=utf-8").result(draftJson(d.body()).toString());
    }

    private static void refused(Context ctx, InvalidMethodology e) {
        ctx.status(422).contentType("application/json; charset=utf-8").result(JsonBody.write(Map.of(
                "error", "invalid_methodology", "field", e.field(), "message", e.getMessage())));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(JsonBody.write(body));
    }

    // ---- the page

    private void page(Context ctx, Viewer viewer, String lang) {
        StringBuilder main = new StringBuilder("<h1>").append(IndexTexts.esc("mTitle", lang)).append("</h1>");
        main.append("<p class=\"page-links\"><a href=\"/composite\">").append(IndexTexts.esc("cTitle", lang))
                .append("</a></p>");
        if (store == null) {
            main.append("<p class=\"empty\">").append(IndexTexts.esc("mVersions", lang)).append(": 503</p>");
            ctx.html(PageLayout.render(lang, IndexTexts.get("mTitle", lang), Map.of("page", "methodology"),
                    viewer.user().username(), ctx.path(), main.toString()));
            return;
        }
        List<MethodologyStore.Version> versions = store.versions();
        if (isMethodologist(viewer)) {
            main.append(editor(store.draft(viewer.user().username()), lang));
        }
        main.append("<section class=\"panel\" id=\"versions\"><h2>").append(IndexTexts.esc("mVersions", lang)).append("</h2>");
        for (int i = versions.size() - 1; i >= 0; i--) {
            MethodologyStore.Version v = versions.get(i);
            Methodology m = store.version(v.version()).orElseThrow();
            main.append("<article class=\"m-version\" id=\"version-").append(v.version()).append("\"><h3>")
                    .append(IndexTexts.esc("mVersion", lang)).append(' ').append(v.version()).append(" · ")
                    .append(Html.esc(m.title() == null ? "" : m.title().in(lang))).append("</h3><p class=\"sub\">")
                    .append(IndexTexts.esc("mValidity", lang)).append(' ').append(IndexTexts.esc("mFrom", lang)).append(' ')
                    .append(v.validFrom()).append(' ')
                    .append(v.validTo() == null ? IndexTexts.esc("mOpen", lang)
                            : IndexTexts.esc("mTo", lang) + " " + v.validTo())
                    .append(" · ").append(IndexTexts.esc("p" + m.period().name().toLowerCase(Locale.ROOT), lang))
                    .append(" · n ≥ ").append(m.minimumSample()).append(" · ").append(IndexTexts.esc("mPublishedBy", lang))
                    .append(' ').append(Html.esc(v.publishedBy())).append(", ").append(v.publishedAt().toString(), 0, 10)
                    .append(v.publishedToKafka() ? "" : " · " + IndexTexts.esc("mKafkaPending", lang)).append("</p>");
            if (!v.changeNote().isBlank()) {
                main.append("<p><strong>").append(IndexTexts.esc("mNote", lang)).append(":</strong> ")
                        .append(Html.esc(v.changeNote())).append("</p>");
            }
            if (i > 0) {
                Methodology older = store.version(versions.get(i - 1).version()).orElseThrow();
                main.append(diffList(MethodologyDiff.between(older, m), m, lang));
            }
            main.append("</article>");
        }
        main.append("</section>");
        ctx.html(PageLayout.render(lang, IndexTexts.get("mTitle", lang), Map.of("page", "methodology",
                "csrf", guard.csrfToken(ctx)), viewer.user().username(), ctx.path(), main.toString(), "/assets/methodology.js"));
    }

    private static String diffList(MethodologyDiff.Result diff, Methodology to, String lang) {
        StringBuilder b = new StringBuilder("<div class=\"m-diff\"><h4>").append(IndexTexts.esc("mDiff", lang)).append(' ')
                .append(diff.from()).append("</h4>");
        if (diff.changes().isEmpty()) {
            return b.append("<p class=\"hint\">").append(IndexTexts.esc("mNoChanges", lang)).append("</p></div>").toString();
        }
        b.append("<ul class=\"diff\">");
        for (MethodologyDiff.Change c : diff.changes()) {
            b.append("<li class=\"").append(Html.esc(c.kind())).append("\"><span class=\"what\">")
                    .append(IndexTexts.esc("d" + c.kind(), lang)).append("</span>");
            if (c.variant() != null) {
                b.append(' ').append(Html.esc(subject(to, c, lang))).append(" <span class=\"variant\">(")
                        .append(IndexTexts.esc("centralised".equals(c.variant()) ? "mCentralised" : "mDecentralised", lang))
                        .append(")</span>");
            }
            b.append(": <span class=\"from\">").append(Html.esc(value(c.from(), lang))).append("</span> → <span class=\"to\">")
                    .append(Html.esc(value(c.to(), lang))).append("</span></li>");
        }
        return b.append("</ul></div>").toString();
    }

    private static String value(String v, String lang) {
        if (v == null) {
            return "—";
        }
        return switch (v) {
            case "month", "quarter", "year" -> IndexTexts.get("p" + v, lang);
            case "suspended" -> IndexTexts.get("mSuspended", lang);
            case "active" -> "en".equals(lang) ? "counted" : "учитывается";
            default -> v;
        };
    }

    private static String subject(Methodology m, MethodologyDiff.Change c, String lang) {
        for (MethodologyVariant v : m.variants().values()) {
            for (IndexGroup g : v.groups()) {
                if (g.code().equals(c.subject()) && g.title() != null) {
                    return "«" + g.title().in(lang) + "»";
                }
            }
            for (IndexIndicator i : v.indicators()) {
                if (i.code().equals(c.subject()) && i.title() != null) {
                    return "«" + i.title().in(lang) + "» (" + i.code() + ")";
                }
            }
        }
        return c.subject();
    }

    private static String editor(MethodologyStore.Draft d, String lang) {
        Methodology m = d.body();
        MethodologyVariant v = m.variant(RegionNetwork.DECENTRALISED);
        StringBuilder b = new StringBuilder("<section class=\"panel\" id=\"draft\"><h2>").append(IndexTexts.esc("mDraft", lang))
                .append("</h2>");
        if (d.basedOn() != null) {
            b.append("<p class=\"sub\">").append(IndexTexts.esc("mBasedOn", lang)).append(' ').append(d.basedOn()).append("</p>");
        }
        b.append("<form id=\"draft-form\" class=\"stack m-form\"><div class=\"m-fields\">");
        b.append("<label>").append(IndexTexts.esc("mPeriod", lang)).append(" <select name=\"period\">");
        for (ReportingPeriod.Kind k : ReportingPeriod.Kind.values()) {
            b.append("<option value=\"").append(k.name()).append('"').append(k == m.period() ? " selected" : "").append('>')
                    .append(IndexTexts.esc("p" + k.code(), lang)).append("</option>");
        }
        b.append("</select></label>");
        field(b, IndexTexts.get("mMinimumSample", lang), "minimumSample", "number", Integer.toString(m.minimumSample()),
                " min=\"1\" step=\"1\" required");
        field(b, IndexTexts.get("mValidFrom", lang), "validFrom", "date", m.validFrom().toString(), " required");
        field(b, IndexTexts.get("mValidTo", lang), "validTo", "date", m.validTo() == null ? "" : m.validTo().toString(), "");
        field(b, IndexTexts.get("mK", lang), "vacancyCoefficient", "number",
                Double.toString(m.objectiveRules().vacancyCoefficient()), " min=\"0.01\" step=\"0.01\" required");
        field(b, IndexTexts.get("mVacancyMax", lang), "vacancyMax", "number",
                Double.toString(m.objectiveRules().vacancyMax()), " min=\"0.01\" step=\"0.01\" required");
        b.append("</div><p class=\"hint\">").append(IndexTexts.esc("mVariantsHint", lang)).append("</p>");
        b.append("<fieldset><legend>").append(IndexTexts.esc("mWeights", lang)).append("</legend><div class=\"m-fields\">");
        for (IndexGroup g : v.groups()) {
            field(b, g.title() == null ? g.code() : g.title().in(lang), "weight:" + g.code(), "number",
                    Double.toString(g.weight()), " min=\"0\" step=\"0.1\" required");
        }
        b.append("</div></fieldset>");
        b.append("<fieldset><legend>").append(IndexTexts.esc("mIndicators", lang)).append(" — ")
                .append(IndexTexts.esc("mSuspended", lang)).append("</legend>");
        for (IndexGroup g : v.groups()) {
            b.append("<div class=\"m-group\"><h4>").append(Html.esc(g.title() == null ? g.code() : g.title().in(lang)))
                    .append("</h4>");
            for (IndexIndicator i : v.indicatorsOf(g.code())) {
                b.append("<label class=\"check\"><input type=\"checkbox\" name=\"suspended:").append(Html.esc(i.code()))
                        .append('"').append(i.suspended() ? " checked" : "").append("> ")
                        .append(Html.esc(i.title() == null ? i.code() : i.title().in(lang))).append(" <span class=\"qid\">")
                        .append(Html.esc(i.code())).append("</span></label>");
            }
            b.append("</div>");
        }
        b.append("</fieldset>");
        b.append("<label>").append(IndexTexts.esc("mChangeNote", lang))
                .append(" <textarea name=\"changeNote\" id=\"change-note\" maxlength=\"2000\" rows=\"2\">")
                .append(Html.esc(m.changeNote())).append("</textarea></label>");
        b.append("<div class=\"m-actions\"><button type=\"submit\" id=\"save-draft\">").append(IndexTexts.esc("mSave", lang))
                .append("</button><button type=\"button\" id=\"publish-draft\">").append(IndexTexts.esc("mPublish", lang))
                .append("</button></div><p class=\"result\" id=\"draft-result\" aria-live=\"polite\" data-saved=\"")
                .append(IndexTexts.esc("mSaved", lang)).append("\" data-published=\"").append(IndexTexts.esc("mPublished", lang))
                .append("\"></p></form></section>");
        return b.toString();
    }

    private static void field(StringBuilder b, String label, String name, String type, String value, String extra) {
        b.append("<label>").append(Html.esc(label)).append(" <input type=\"").append(type).append("\" name=\"")
                .append(Html.esc(name)).append("\" value=\"").append(Html.esc(value)).append('"').append(extra)
                .append("></label>");
    }
}
