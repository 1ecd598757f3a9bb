package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.dashboards.clickhouse.Granularity;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.office.OfficeIndicatorsQuery;
import ru.otklik.dashboards.office.TrackedItem;
import ru.otklik.dashboards.office.TrackedItems;

/**
 * Server-rendered page shells; the figures are drawn by {@code /assets/dashboard.js}, which reads the
 * JSON API again without reloading the page whenever the place's live stream ({@link LiveRoutes}) says the figures
 * changed, or every {@code refreshSeconds} where there is no stream.
 */
final class PageRoutes {

    /**
     * How old the figures are, filled by the page script from the answer's {@code asOf} (the place's watermark)
     * and {@code updatedAt} (the server's clock), in the place's local time: every figure of the page is as of it.
     */
    private static final String AS_OF = "<p class=\"as-of\" id=\"as-of\"></p>";

    private final SessionGuard guard;
    private final OfficeDirectory directory;

    /** The open alerts of the page's place, filled by the page script from {@code /api/v1/alerts}. */
    private static String alertsPanel(String lang) {
        return "<section class=\"panel alerts-panel\" id=\"alerts-panel\"><h2>" + Html.esc(PageTexts.get("alertsTitle", lang))
                + "</h2><p class=\"hint\">" + Html.esc(PageTexts.get("alertsHint", lang)) + "</p>"
                + "<ul id=\"alerts\" class=\"alerts\" aria-live=\"polite\"></ul></section>";
    }
    private final TrackedItems items;
    private final int refreshSeconds;
    private final int minimumSample;
    private ru.otklik.dashboards.live.LiveSettings live; // null: the pages poll every refreshSeconds as before

    PageRoutes(SessionGuard guard, OfficeDirectory directory, TrackedItems items, int refreshSeconds, int minimumSample) {
        this.guard = guard;
        this.directory = directory;
        this.items = items;
        this.refreshSeconds = refreshSeconds;
        this.minimumSample = minimumSample;
    }

    /** The pages subscribe to {@link LiveRoutes}' stream of their place. */
    void live(ru.otklik.dashboards.live.LiveSettings settings) {
        this.live = settings;
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> {
            var viewer = guard.viewer(ctx);
            ctx.redirect(viewer.isPresent() ? viewer.get().scope().homePath() : "/login");
        });
        routes.get("/offices/{office}", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            String code = ctx.pathParam("office");
            if (!viewer.scope().allowsOffice(code)) {
                problem(ctx, viewer, lang, 403, "forbidden");
                return;
            }
            Office office = directory.office(code).orElse(null);
            if (office == null) {
                problem(ctx, viewer, lang, 404, "notFound");
                return;
            }
            officePage(ctx, viewer, lang, office);
        }));
        routes.get("/regions/{region}", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            String region = ctx.pathParam("region");
            if (!viewer.scope().allowsRegion(region)) {
                problem(ctx, viewer, lang, 403, "forbidden");
                return;
            }
            if (!directory.hasRegion(region)) {
                problem(ctx, viewer, lang, 404, "notFound");
                return;
            }
            String name = directory.regions().get(region);
            String back = viewer.scope().allowsAllRegions()
                    ? "<a class=\"back\" href=\"/regions\">← " + Html.esc(PageTexts.get("allRegions", lang)) + "</a>" : "";
            String main = back + "<h1 id=\"title\">" + Html.esc(name) + "</h1><p class=\"sub\">" + Html.esc(region) + "</p>"
                    + AS_OF + "<p class=\"clean-notice\" id=\"clean-notice\" hidden></p>"
                    + casesLink("region=" + region, lang).replace("</p>", " · <a id=\"assessment-link\" href=\"/assessment\">"
                            + Html.esc(PageTexts.get("a360Title", lang)) + " →</a>" + commentsLink("/regions/" + region, lang)
                            + "</p>")
                    + alertsPanel(lang) + controls(lang, false) + totalCards(lang)
                    + "<section class=\"panel\"><h2>" + Html.esc(PageTexts.get("rankingTitle", lang)) + "</h2>"
                    + "<p class=\"hint\">" + Html.esc(PageTexts.get("rankingHint", lang)) + " "
                    + Html.esc(PageTexts.get("indicatorsHint", lang)) + minimumSample + "</p>"
                    + "<div id=\"offices\" class=\"bars\"></div></section>" + footer();
            Map<String, String> data = pageData("region", "/api/v1/regions/" + region + "/offices", lang, ctx,
                    ru.otklik.dashboards.live.LiveScope.region(region));
            data.put("alerts", "/api/v1/alerts?region=" + region);
            data.put("zone", RegionTimeZone.of(region).getId());
            ctx.html(PageLayout.render(lang, name, data, viewer.user().username(), ctx.path(), main));
        }));
        routes.get("/regions", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            if (!viewer.scope().allowsAllRegions()) {
                problem(ctx, viewer, lang, 403, "forbidden");
                return;
            }
            String main = "<h1 id=\"title\">" + Html.esc(PageTexts.get("regionsTitle", lang)) + "</h1>"
                    + "<p class=\"page-links\"><a id=\"assessment-link\" href=\"/assessment\">"
                    + Html.esc(PageTexts.get("a360Title", lang)) + " →</a></p>"
                    + AS_OF + alertsPanel(lang) + controls(lang, false) + totalCards(lang)
                    + "<section class=\"panel\"><p class=\"hint\">" + Html.esc(PageTexts.get("indicatorsHint", lang))
                    + minimumSample + "</p><div id=\"regions\" class=\"bars\"></div></section>" + footer();
            Map<String, String> data = pageData("regions", "/api/v1/regions", lang, ctx,
                    ru.otklik.dashboards.live.LiveScope.federal());
            data.put("alerts", "/api/v1/alerts?status=open");
            // the federal figures are told in the federal reporting clock
            data.put("zone", RegionTimeZone.MOSCOW.getId());
            ctx.html(PageLayout.render(lang, PageTexts.get("allRegions", lang), data, viewer.user().username(), ctx.path(),
                    main));
        }));
    }

    private void officePage(Context ctx, Viewer viewer, String lang, Office office) {
        String back = viewer.scope().allowsRegion(office.regionCode())
                ? "<a class=\"back\" href=\"/regions/" + Html.esc(office.regionCode()) + "\">← "
                + Html.esc(office.regionName()) + "</a>" : "";
        String main = back + "<h1 id=\"title\">" + Html.esc(office.name()) + "</h1>"
                + "<p class=\"sub\">" + Html.esc(office.regionName()) + " · " + Html.esc(office.code()) + "</p>"
                + AS_OF + "<p class=\"clean-notice\" id=\"clean-notice\" hidden></p>"
                + casesLink("office=" + office.code(), lang).replace("</p>", commentsLink("/offices/" + office.code(), lang)
                        + "</p>")
                + alertsPanel(lang) + controls(lang, true)
                + "<section class=\"cards\">"
                + card("responses", PageTexts.get("responses", lang))
                + card("kiosk-satisfaction", PageTexts.get("kioskSatisfaction", lang))
                + card("nps", PageTexts.get("nps", lang))
                + card("ces", PageTexts.get("ces", lang))
                + card("csat", PageTexts.get("csat", lang))
                + "</section>"
                + "<section class=\"panel\"><h2>" + Html.esc(PageTexts.get("indicatorsTitle", lang)) + "</h2>"
                + "<p class=\"hint\">" + Html.esc(PageTexts.get("indicatorsHint", lang)) + minimumSample + "</p>"
                + "<div id=\"indicators\" class=\"bars\"></div></section>"
                + "<section class=\"panel\"><h2>" + Html.esc(PageTexts.get("kioskTitle", lang)) + "</h2>"
                + "<div id=\"kiosk-chart\"></div></section>"
                + chartPanels(lang, office) + footer();
        Map<String, String> data = pageData("office", "/api/v1/offices/" + office.code() + "/indicators", lang, ctx,
                ru.otklik.dashboards.live.LiveScope.office(office.code()));
        data.put("charts", "/api/v1/offices/" + office.code());
        data.put("alerts", "/api/v1/alerts?office=" + office.code());
        data.put("zone", RegionTimeZone.of(office.regionCode()).getId());
        data.put("item", items.parse(ctx.queryParam("questionId")).orElse(items.all().get(0)).id());
        data.put("granularity", Granularity.parse(ctx.queryParam("granularity")).orElse(Granularity.DAY).code());
        ctx.html(PageLayout.render(lang, office.name(), data, viewer.user().username(), ctx.path(), main));
    }

    /** History line, hour x weekday profile and breakdown bars; all follow the item picked here. */
    private String chartPanels(String lang, Office office) {
        StringBuilder options = new StringBuilder();
        for (TrackedItem item : items.all()) {
            options.append("<option value=\"").append(Html.esc(item.id())).append("\">")
                    .append(Html.esc(item.label(lang))).append("</option>");
        }
        StringBuilder granularity = new StringBuilder("<div class=\"seg\" id=\"granularity\" role=\"group\" aria-label=\"")
                .append(Html.esc(PageTexts.get("granularity", lang))).append("\">");
        for (Granularity g : Granularity.values()) {
            granularity.append("<button type=\"button\" data-granularity=\"").append(g.code()).append("\">")
                    .append(Html.esc(PageTexts.get("g" + g.code(), lang))).append("</button>");
        }
        granularity.append("</div>");
        String zone = RegionTimeZone.of(office.regionCode()).getId();
        return "<section class=\"panel\" id=\"trend-panel\"><h2>" + Html.esc(PageTexts.get("historyTitle", lang)) + "</h2>"
                + "<label class=\"pick\"><span>" + Html.esc(PageTexts.get("item", lang)) + "</span>"
                + "<select id=\"item\">" + options + "</select></label>"
                + granularity
                + "<div id=\"history-chart\" class=\"chart\"></div>"
                + "<p class=\"hint legend\"><span class=\"key\"><span class=\"dot\"></span>"
                + Html.esc(PageTexts.get("legendShare", lang)) + "</span> <span class=\"key\"><span class=\"dot hollow\"></span>"
                + Html.esc(PageTexts.get("legendInsufficient", lang)) + minimumSample + "</span></p></section>"
                + "<section class=\"panel\" id=\"profile-panel\"><h2>" + Html.esc(PageTexts.get("profileTitle", lang)) + "</h2>"
                + "<p class=\"hint\">" + Html.esc(PageTexts.get("profileHint", lang)) + " " + Html.esc(zone)
                + "<span class=\"item-name\" id=\"profile-item\"></span></p>"
                + "<div id=\"profile\" class=\"heat-wrap\"></div></section>"
                + "<section class=\"panel\" id=\"breakdown-panel\"><h2>" + Html.esc(PageTexts.get("breakdownTitle", lang)) + "</h2>"
                + "<p class=\"hint\"><span class=\"item-name\" id=\"breakdown-item\"></span></p>"
                + "<div id=\"breakdown\"></div></section>";
    }

    private Map<String, String> pageData(String page, String api, String lang, Context ctx,
                                         ru.otklik.dashboards.live.LiveScope place) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("page", page);
        data.put("api", api);
        data.put("lang", lang);
        data.put("csrf", guard.csrfToken(ctx)); // sent back with every state-changing request
        data.put("refresh", String.valueOf(refreshSeconds));
        if (live != null) { // the page reads again when told (server push); it polls only while the stream is down
            data.put("live", LiveRoutes.path(place));
            data.put("fallback", String.valueOf(Math.max(1, live.fallbackPoll().toSeconds())));
        }
        data.put("window", TimeWindow.parse(ctx.queryParam("window")).orElse(TimeWindow.DEFAULT).code());
        String audience = ctx.queryParam("audience");
        data.put("audience", audience != null && OfficeIndicatorsQuery.AUDIENCES.contains(audience) ? audience
                : ScopeLevel.ALL_AUDIENCES);
        return data;
    }

    private static String controls(String lang, boolean withAudience) {
        StringBuilder out = new StringBuilder("<div class=\"controls\"><div class=\"seg\" id=\"window\" role=\"group\" aria-label=\"")
                .append(Html.esc(PageTexts.get("window", lang))).append("\">");
        for (TimeWindow w : TimeWindow.values()) {
            out.append("<button type=\"button\" data-window=\"").append(w.code()).append("\">")
                    .append(Html.esc(PageTexts.get("w" + w.code(), lang))).append("</button>");
        }
        out.append("</div>");
        if (withAudience) {
            out.append("<div class=\"seg\" id=\"audience\" role=\"group\" aria-label=\"")
                    .append(Html.esc(PageTexts.get("audience", lang))).append("\">");
            for (String a : OfficeIndicatorsQuery.AUDIENCES) {
                out.append("<button type=\"button\" data-audience=\"").append(a).append("\">")
                        .append(Html.esc(PageTexts.get("a" + a, lang))).append("</button>");
            }
            out.append("</div>");
        }
        return out.append("</div>").toString();
    }

    /** The place's own figures on the region and federal pages (its region / federal rows, not a sum of the list). */
    private static String totalCards(String lang) {
        return "<section class=\"cards total\" id=\"total\">"
                + card("total-responses", PageTexts.get("responses", lang))
                + card("total-positive", PageTexts.get("positiveAll", lang))
                + card("total-kiosk", PageTexts.get("kioskSatisfaction", lang))
                + "</section>";
    }

    /** The way to the place's case queue ({@code query}: office= or region= of a code from the directory). */
    private static String casesLink(String query, String lang) {
        return "<p class=\"page-links\"><a id=\"cases-link\" href=\"/cases?" + Html.esc(query) + "\">"
                + Html.esc(PageTexts.get("casesLink", lang)) + " →</a></p>";
    }

    /** The way to the place's comments page ({@link CommentRoutes}); {@code place}: its page path of directory codes. */
    private static String commentsLink(String place, String lang) {
        return " · <a id=\"comments-link\" href=\"" + Html.esc(place + "/comments") + "\">"
                + Html.esc(CommentTexts.get("title", lang)) + " →</a>";
    }

    /** A figure's card: its title, its value and a line under it, filled by the page script by id. */
    static String card(String id, String title) {
        return "<div class=\"card\"><div class=\"card-title\">" + Html.esc(title) + "</div>"
                + "<div class=\"card-value\" id=\"" + id + "\">…</div><div class=\"card-sub\" id=\"" + id + "-sub\"></div></div>";
    }

    private static String footer() {
        return "<footer class=\"status\"><span id=\"updated\"></span> <span id=\"status\" role=\"status\"></span></footer>";
    }

    static void problem(Context ctx, Viewer viewer, String lang, int status, String key) {
        ctx.status(status);
        String main = "<section class=\"panel\"><h1>" + Html.esc(PageTexts.get(key, lang)) + "</h1>"
                + "<p><a href=\"" + Html.esc(viewer.scope().homePath()) + "\">" + Html.esc(PageTexts.get("home", lang))
                + "</a></p></section>";
        ctx.html(PageLayout.render(lang, PageTexts.get(key, lang), Map.of("page", "problem"), viewer.user().username(),
                ctx.path(), main));
    }

}
