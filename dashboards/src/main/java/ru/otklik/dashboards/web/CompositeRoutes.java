package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.methodology.IndexGroup;
import ru.otklik.common.methodology.IndexIndicator;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.methodology.MethodologyVariant;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.dashboards.composite.CompositeQuery;
import ru.otklik.dashboards.composite.CompositeReport;
import ru.otklik.dashboards.charts.GroupBars;
import ru.otklik.dashboards.charts.IndexTrend;
import ru.otklik.dashboards.methodology.MethodologyStore;

/**
 * The composite client-centricity index (domain §7, §9; issue 13 §6) from {@code otklik.composite_index}: the API
 * ({@code /api/v1/composite}, {@code /api/v1/composite/series}) and the page {@code /composite}. Access is that of
 * every figure: office users their office, region users their region's offices and the region, federal users and
 * admins everything (the federal level included).
 */
final class CompositeRoutes {

    /** A scope the request names, checked against the directory and the viewer's access. */
    record Scope(String level, String code, String region) {
    }

    private final SessionGuard guard;
    private final OfficeDirectory directory;
    private final CompositeReport report;
    private final MethodologyStore methodology; // null without an operational store: codes instead of titles

    CompositeRoutes(SessionGuard guard, OfficeDirectory directory, CompositeReport report, MethodologyStore methodology) {
        this.guard = guard;
        this.directory = directory;
        this.report = report;
        this.methodology = methodology;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/composite", guard.api((ctx, viewer) -> {
            Scope s = scope(ctx, viewer, false);
            CompositeReport.View v = report.view(s.level(), s.code(), s.region(), version(ctx), period(ctx))
                    .orElseThrow(() -> new ApiError(404, "not_found", "no composite index rows for " + s.level() + " "
                            + s.code() + " in that version and period"));
            json(ctx, v);
        }));
        routes.get("/api/v1/composite/series", guard.api((ctx, viewer) -> {
            Scope s = scope(ctx, viewer, false);
            List<CompositeQuery.Point> points = report.series(s.level(), s.code(), version(ctx));
            json(ctx, Map.of("scopeLevel", s.level(), "scopeCode", s.code(), "points", points));
        }));
        routes.get("/composite", guard.page((ctx, viewer) -> page(ctx, viewer, Lang.resolve(ctx))));
    }

    private Scope scope(Context ctx, Viewer viewer, boolean defaultToHome) {
        String level = ctx.queryParam("scope_level");
        String code = ctx.queryParam("scope_code");
        if (defaultToHome && (level == null || level.isBlank())) {
            switch (viewer.user().role()) {
                case OFFICE -> {
                    level = "office";
                    code = viewer.user().scope();
                }
                case REGION -> {
                    level = "region";
                    code = viewer.user().scope();
                }
                default -> {
                    level = "federal";
                    code = "RU";
                }
            }
        }
        if (level == null || !CompositeQuery.SCOPE_LEVELS.contains(level)) {
            throw new ApiError(400, "bad_request", "scope_level must be office, managing, region or federal");
        }
        if ("federal".equals(level) && (code == null || code.isBlank())) {
            code = "RU";
        }
        if (code == null || code.isBlank()) {
            throw new ApiError(400, "bad_request", "scope_code is required");
        }
        String region;
        boolean allowed;
        boolean known;
        switch (level) {
            case "office", "managing" -> {
                Optional<Office> o = directory.office(code);
                known = o.isPresent();
                region = o.map(Office::regionCode).orElse(null);
                allowed = known && viewer.scope().allowsOffice(code);
            }
            case "region" -> {
                known = directory.hasRegion(code);
                region = code;
                allowed = known && viewer.scope().allowsRegion(code);
            }
            default -> {
                known = "RU".equals(code);
                region = null;
                allowed = viewer.scope().allowsAllRegions();
            }
        }
        if (!viewer.scope().allowsAllRegions() && !allowed) {
            throw new ApiError(403, "forbidden", "this " + level + " is outside your access");
        }
        if (!known) {
            throw new ApiError(404, "not_found", "no such " + level + ": " + code);
        }
        return new Scope(level, code, region);
    }

    private static Integer version(Context ctx) {
        String v = ctx.queryParam("version");
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > 1_000_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", "version must be a methodology version number");
        }
    }

    private static String period(Context ctx) {
        String p = ctx.queryParam("period");
        if (p == null || p.isBlank()) {
            return null;
        }
        if (!ReportingPeriod.isCode(p)) {
            throw new ApiError(400, "bad_request", "period must look like 2026-Q4, 2026-11 or 2026");
        }
        return ReportingPeriod.parse(p).code();
    }

    private static void json(Context ctx, Object body) {
        ctx.status(200).contentType("application/json; charset=utf-8").result(JsonBody.write(body));
    }

    // ---- the page

    private void page(Context ctx, Viewer viewer, String lang) {
        Scope s = scope(ctx, viewer, true);
        Integer askedVersion = version(ctx);
        Optional<CompositeReport.View> view = report.view(s.level(), s.code(), s.region(), askedVersion, period(ctx));
        StringBuilder main = new StringBuilder("<h1>").append(IndexTexts.esc("cTitle", lang)).append("</h1>");
        main.append("<p class=\"sub\">").append(IndexTexts.esc("l" + s.level() + "Scope", lang)).append(": ")
                .append(Html.esc(scopeName(s))).append("</p>");
        main.append("<p class=\"page-links\"><a href=\"").append(Html.esc(backLink(s))).append("\">←</a> <a href=\"/methodology\">")
                .append(IndexTexts.esc("navMethodology", lang)).append("</a></p>");
        if (view.isEmpty()) {
            main.append("<p class=\"empty\" id=\"no-rows\">").append(IndexTexts.esc("cNoRows", lang)).append("</p>");
            render(ctx, viewer, lang, main);
            return;
        }
        CompositeReport.View v = view.get();
        Titles titles = titles(v.methodologyVersion(), s, lang);
        String mv = "<span class=\"mv\">" + IndexTexts.esc("cMethodology", lang) + v.methodologyVersion() + "</span>";
        // the version selector: the versions with rows for this scope
        List<CompositeQuery.Point> series = report.series(s.level(), s.code(), v.methodologyVersion());
        main.append("<form method=\"get\" action=\"/composite\" class=\"controls pick c-pick\">")
                .append(hidden("scope_level", s.level())).append(hidden("scope_code", s.code()))
                .append("<label>").append(IndexTexts.esc("cVersion", lang)).append(" <select name=\"version\" id=\"version\">");
        for (Integer ver : v.versions()) {
            main.append("<option value=\"").append(ver).append('"').append(ver == v.methodologyVersion() ? " selected" : "")
                    .append(">v").append(ver).append("</option>");
        }
        main.append("</select></label><label>").append(IndexTexts.esc("cPeriod", lang)).append(" <select name=\"period\" id=\"period\">");
        for (int i = series.size() - 1; i >= 0; i--) {
            String p = series.get(i).period();
            main.append("<option value=\"").append(Html.esc(p)).append('"').append(p.equals(v.period()) ? " selected" : "")
                    .append('>').append(Html.esc(p)).append("</option>");
        }
        main.append("</select></label><button type=\"submit\">").append(IndexTexts.esc("cShow", lang)).append("</button></form>");
        // the cards: index, previous period, the region's best office
        main.append("<div class=\"cards c-cards\"><div class=\"card\" id=\"index-card\"><div class=\"card-title\">")
                .append(IndexTexts.esc("cIndex", lang)).append(", ").append(Html.esc(v.period())).append("</div>")
                .append(value(v.index(), lang, "card-value")).append("<div class=\"card-sub\">").append(mv)
                .append(v.live() ? " · " + IndexTexts.esc("cLive", lang) : "").append("</div></div>");
        main.append("<div class=\"card\" id=\"previous-card\"><div class=\"card-title\">").append(IndexTexts.esc("cPrevious", lang))
                .append(" (").append(Html.esc(v.previous().period())).append(")</div>");
        if (v.previous().delta() != null) {
            double d = v.previous().delta() * 100;
            main.append("<div class=\"card-value ").append(d >= 0 ? "up" : "down").append("\">")
                    .append(String.format(Locale.ROOT, "%+.1f", d)).append("en".equals(lang) ? " pp" : " п.п.")
                    .append("</div><div class=\"card-sub\">").append(pct(v.previous().index())).append(" → ")
                    .append(pct(v.index().value())).append(" · ").append(mv).append("</div>");
        } else {
            main.append("<div class=\"card-value insufficient\">—</div><div class=\"card-sub\">")
                    .append(IndexTexts.esc("cNoPrevious", lang)).append(" · ").append(mv).append("</div>");
        }
        main.append("</div>");
        if (v.bestOffice() != null) {
            String name = directory.office(v.bestOffice().officeCode()).map(Office::name).orElse(v.bestOffice().officeCode());
            main.append("<div class=\"card\" id=\"best-card\"><div class=\"card-title\">").append(IndexTexts.esc("cBest", lang))
                    .append("</div><div class=\"card-value\">").append(pct(v.bestOffice().value())).append("</div><div class=\"card-sub\">")
                    .append(Html.esc(v.bestOffice().officeCode())).append(" · ").append(Html.esc(name)).append(" · ").append(mv)
                    .append("</div></div>");
        }
        main.append("</div>");
        // the index over its periods, in this version (the same series the period selector lists)
        if (series.size() >= 2) {
            List<IndexTrend.Point> points = series.stream()
                    .map(p -> new IndexTrend.Point(p.period(), p.hasValue() ? p.value() : null)).toList();
            main.append("<section class=\"panel\" id=\"trend\"><h2>").append(IndexTexts.esc("cTrend", lang)).append(" · ")
                    .append(mv).append("</h2>").append(Html.chart(IndexTrend.of(IndexTexts.get("cTrend", lang),
                            IndexTexts.get("sno_data", lang), points))).append("</section>");
        }
        // the groups' bar chart
        List<GroupBars.Bar> bars = new ArrayList<>();
        for (CompositeQuery.Part g : v.groups()) {
            bars.add(GroupBars.Bar.of(titles.group(g.component()) + " (" + IndexTexts.get("cWeight", lang) + " "
                    + num(g.weight()) + ")", g.hasValue() ? g.value() : null, IndexTexts.get("s" + g.status(), lang)));
        }
        main.append("<section class=\"panel\" id=\"groups\"><h2>").append(IndexTexts.esc("cGroups", lang)).append(" · ").append(mv)
                .append("</h2>");
        // a version without group rows has no chart to draw, only axes: say so instead
        main.append(bars.isEmpty() ? "<p class=\"empty\">" + IndexTexts.esc("sno_data", lang) + "</p>"
                : "<div class=\"chart group-chart\">" + Html.chart(GroupBars.of(IndexTexts.get("cGroups", lang), bars)) + "</div>")
                .append("</section>");
        // the indicators: subjective and objective side by side
        main.append("<section class=\"panel\" id=\"indicators\"><h2>").append(IndexTexts.esc("cIndicators", lang)).append(" · ")
                .append(mv).append("</h2><div class=\"table-scroll\"><table class=\"report c-table\"><thead><tr><th>")
                .append(IndexTexts.esc("cIndicator", lang)).append("</th><th>").append(IndexTexts.esc("cSubjective", lang))
                .append("</th><th>").append(IndexTexts.esc("cObjective", lang)).append("</th></tr></thead><tbody>");
        for (CompositeQuery.Part g : v.groups()) {
            main.append("<tr class=\"competency\"><th scope=\"row\" colspan=\"3\">").append(Html.esc(titles.group(g.component())))
                    .append(": ").append(g.hasValue() ? pct(g.value()) : IndexTexts.esc("s" + g.status(), lang)).append(' ')
                    .append(mv).append("</th></tr>");
            for (CompositeQuery.Part i : v.indicators()) {
                if (!i.groupCode().equals(g.component())) {
                    continue;
                }
                boolean subjective = "subjective".equals(i.kind());
                String cell = indicatorCell(i, lang, mv);
                main.append("<tr data-indicator=\"").append(Html.esc(i.component())).append("\"><th scope=\"row\">")
                        .append(Html.esc(titles.indicator(i.component()))).append(" <span class=\"qid\">")
                        .append(Html.esc(i.component())).append("</span></th><td data-label=\"")
                        .append(IndexTexts.esc("cSubjective", lang)).append("\">").append(subjective ? cell : "")
                        .append("</td><td data-label=\"").append(IndexTexts.esc("cObjective", lang)).append("\">")
                        .append(subjective ? "" : cell).append("</td></tr>");
            }
        }
        main.append("</tbody></table></div></section>");
        render(ctx, viewer, lang, main);
    }

    private static String indicatorCell(CompositeQuery.Part i, String lang, String mv) {
        StringBuilder b = new StringBuilder();
        b.append("<strong>").append(pct(i.hasValue() ? i.value() : null)).append("</strong>");
        if ("objective".equals(i.kind())) {
            b.append(" · ").append(num(i.points())).append('/').append(num(i.maxPoints())).append(' ')
                    .append(IndexTexts.esc("cPoints", lang));
        }
        b.append(" · n=").append(i.n());
        if (!"ok".equals(i.status())) {
            b.append(" <span class=\"badge status ").append(Html.esc(i.status())).append("\">")
                    .append(IndexTexts.esc("s" + i.status(), lang)).append("</span>");
        }
        return b.append("<br>").append(mv).toString();
    }

    private void render(Context ctx, Viewer viewer, String lang, StringBuilder main) {
        ctx.html(PageLayout.render(lang, IndexTexts.get("cTitle", lang), Map.of("page", "composite"),
                viewer.user().username(), ctx.path(), main.toString(), "/assets/methodology.js"));
    }

    private String scopeName(Scope s) {
        return switch (s.level()) {
            case "office", "managing" -> s.code() + " · " + directory.office(s.code()).map(Office::name).orElse("");
            case "region" -> s.code() + " · " + directory.regions().getOrDefault(s.code(), "");
            default -> "RU";
        };
    }

    private static String backLink(Scope s) {
        return switch (s.level()) {
            case "office", "managing" -> "/offices/" + s.code();
            case "region" -> "/regions/" + s.code();
            default -> "/regions";
        };
    }

    private static String value(CompositeQuery.Part p, String lang, String cls) {
        if (p == null || !p.hasValue()) {
            return "<div class=\"" + cls + " insufficient\">" + IndexTexts.esc("s" + (p == null ? "no_data" : p.status()), lang)
                    + "</div>";
        }
        return "<div class=\"" + cls + "\">" + pct(p.value()) + "</div>";
    }

    private static String pct(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.esc(value) + "\">";
    }

    /** Group and indicator titles from the methodology version (codes when it is not in the store). */
    private record Titles(Map<String, String> groups, Map<String, String> indicators) {
        String group(String code) {
            return groups.getOrDefault(code, code);
        }

        String indicator(String code) {
            return indicators.getOrDefault(code, code);
        }
    }

    private Titles titles(int version, Scope s, String lang) {
        Map<String, String> groups = new HashMap<>();
        Map<String, String> indicators = new HashMap<>();
        // the version's own titles; version 1's (the default's) for what it does not name or when it is not stored
        for (IndexGroup g : ru.otklik.common.methodology.DefaultMethodology.groups()) {
            groups.put(g.code(), g.title().in(lang));
        }
        for (IndexIndicator i : ru.otklik.common.methodology.DefaultMethodology.variant().indicators()) {
            if (i.title() != null) {
                indicators.put(i.code(), i.title().in(lang));
            }
        }
        Optional<Methodology> m = methodology == null ? Optional.empty() : Optional.ofNullable(methodology.cached(version));
        if (m.isPresent()) {
            RegionNetwork network = s.region() == null ? RegionNetwork.DECENTRALISED
                    : directory.officesOf(s.region()).stream().findFirst().map(Office::network)
                    .orElse(RegionNetwork.DECENTRALISED);
            MethodologyVariant variant = m.get().variant(network);
            for (IndexGroup g : variant.groups()) {
                if (g.title() != null) {
                    groups.put(g.code(), g.title().in(lang));
                }
            }
            for (IndexIndicator i : variant.indicators()) {
                if (i.title() != null) {
                    indicators.put(i.code(), i.title().in(lang));
                }
            }
        }
        return new Titles(groups, indicators);
    }
}
