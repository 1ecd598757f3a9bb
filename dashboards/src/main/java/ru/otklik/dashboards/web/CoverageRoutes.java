package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.charts.GroupBars;
import ru.otklik.dashboards.coverage.SurveyWave;
import ru.otklik.dashboards.coverage.WaveCoverage;
import ru.otklik.dashboards.coverage.WaveCoverageQuery;

/**
 * Coverage against the quota (issue 14 §2): {@code /api/v1/coverage?region=BRY&wave=2026-Q4} and the page
 * {@code /coverage}. A region's manager sees their region's offices, an office's staff their own office, federal
 * users and admins any region; the page follows the figures live (it listens to the place's live stream).
 */
final class CoverageRoutes {

    private final SessionGuard guard;
    private final OfficeDirectory directory;
    private final WaveCoverageQuery coverage;

    CoverageRoutes(SessionGuard guard, OfficeDirectory directory, WaveCoverageQuery coverage) {
        this.guard = guard;
        this.directory = directory;
        this.coverage = coverage;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/coverage", guard.api((ctx, viewer) -> {
            WaveCoverage c = view(ctx, viewer);
            Map<String, Object> body = new java.util.LinkedHashMap<>(); // dates as ISO text (the writer has no java.time)
            body.put("regionCode", c.regionCode());
            body.put("regionName", c.regionName());
            body.put("wave", Map.of("code", c.wave().code(), "start", c.wave().start().toString(),
                    "end", c.wave().end().toString()));
            body.put("daysLeft", c.daysLeft());
            body.put("seekerQuota", c.seekerQuota());
            body.put("employerQuota", c.employerQuota());
            body.put("seekers", c.seekers());
            body.put("employers", c.employers());
            body.put("offices", c.offices());
            ctx.status(200).contentType("application/json; charset=utf-8").result(JsonBody.write(body));
        }));
        routes.get("/coverage", guard.page((ctx, viewer) -> page(ctx, viewer, Lang.resolve(ctx))));
    }

    /** The region asked for (or the viewer's own), its wave, and only the offices the viewer may see. */
    private WaveCoverage view(Context ctx, Viewer viewer) {
        String region = ctx.queryParam("region");
        Role role = viewer.user().role();
        if (region == null || region.isBlank()) {
            region = switch (role) {
                case OFFICE -> directory.office(viewer.user().scope()).map(Office::regionCode).orElse(null);
                case REGION -> viewer.user().scope();
                default -> directory.regions().firstKey();
            };
        }
        boolean known = region != null && directory.hasRegion(region);
        String r = region;
        boolean allowed = known && (viewer.scope().allowsRegion(r)
                || directory.officesOf(r).stream().anyMatch(o -> viewer.scope().allowsOffice(o.code())));
        if (!allowed && !viewer.scope().allowsAllRegions()) {
            throw new ApiError(403, "forbidden", "this region is outside your access");
        }
        if (!known) {
            throw new ApiError(404, "not_found", "no such region: " + region);
        }
        String code = ctx.queryParam("wave");
        SurveyWave wave = code == null || code.isBlank()
                ? coverage.settings().waveOf(coverage.today(r)).orElseThrow(() -> new ApiError(404, "no_wave",
                "no survey wave holds today; name one with wave="))
                : coverage.settings().wave(code).orElseThrow(() -> new ApiError(404, "not_found", "no such wave: " + code));
        WaveCoverage all = coverage.run(r, wave).orElseThrow();
        List<WaveCoverage.OfficeCoverage> visible = all.offices().stream().filter(o -> viewer.scope().allowsOffice(o.officeCode()))
                .toList();
        return new WaveCoverage(all.regionCode(), all.regionName(), all.wave(), all.daysLeft(), all.seekerQuota(),
                all.employerQuota(), visible);
    }

    private void page(Context ctx, Viewer viewer, String lang) {
        WaveCoverage c;
        StringBuilder main = new StringBuilder();
        main.append("<h1>").append(CoverageTexts.esc("title", lang)).append("</h1>");
        try {
            c = view(ctx, viewer);
        } catch (ApiError e) {
            if (e.getStatus() == 403) {
                throw e;
            }
            main.append("<p class=\"hint\" id=\"coverage-none\">").append(e.getStatus() == 404 && "no_wave".equals(e.code())
                    ? CoverageTexts.esc("noWave", lang) : Html.esc(e.getMessage())).append("</p>");
            render(ctx, viewer, lang, main, "");
            return;
        }
        main.append("<p class=\"sub\">").append(Html.esc(c.regionCode() + " · " + c.regionName())).append("</p>");
        main.append("<form method=\"get\" action=\"/coverage\" class=\"controls pick c-pick\">");
        if (viewer.scope().allowsAllRegions()) {
            main.append("<label>").append(CoverageTexts.esc("region", lang)).append("<select name=\"region\" id=\"region\">");
            directory.regions().forEach((code, name) -> main.append("<option value=\"").append(Html.esc(code)).append('"')
                    .append(code.equals(c.regionCode()) ? " selected" : "").append('>').append(Html.esc(code + " · " + name))
                    .append("</option>"));
            main.append("</select></label>");
        }
        main.append("<label>").append(CoverageTexts.esc("wave", lang)).append("<input name=\"wave\" id=\"wave\" value=\"")
                .append(Html.esc(c.wave().code())).append("\" size=\"12\"></label><button type=\"submit\">")
                .append(CoverageTexts.esc("show", lang)).append("</button>")
                .append("<input type=\"hidden\" name=\"lang\" value=\"").append(Html.esc(lang)).append("\"></form>");
        main.append("<div class=\"cards c-cards\"><div class=\"card\" id=\"wave-card\"><div class=\"card-title\">")
                .append(CoverageTexts.esc("wave", lang)).append(' ').append(Html.esc(c.wave().code()))
                .append("</div><div class=\"card-value\">").append(c.wave().start()).append(" – ").append(c.wave().end())
                .append("</div></div><div class=\"card\" id=\"days-card\"><div class=\"card-title\">")
                .append(CoverageTexts.esc("daysLeft", lang)).append("</div><div class=\"card-value\" id=\"days-left\">")
                .append(c.daysLeft()).append("</div><div class=\"card-sub\">").append(CoverageTexts.esc("quota", lang))
                .append(": ").append(c.seekerQuota()).append(" + ").append(c.employerQuota()).append("</div></div></div>");
        main.append("<p class=\"hint\">").append(CoverageTexts.esc("hint", lang)).append("</p>");
        main.append("<section class=\"panel\" id=\"coverage\"><ul class=\"coverage-list\">");
        for (WaveCoverage.OfficeCoverage o : c.offices()) {
            String pace = o.onTrack() == null ? CoverageTexts.get("notStarted", lang) : c.daysLeft() == 0
                    ? CoverageTexts.get(o.onTrack() ? "met" : "notMet", lang) : o.onTrack()
                    ? CoverageTexts.get("onTrack", lang) : CoverageTexts.get("behind", lang);
            main.append("<li class=\"coverage-office\" data-office=\"").append(Html.esc(o.officeCode())).append("\"><h2>")
                    .append(Html.esc(o.officeCode())).append(" · ").append(Html.esc(o.officeName()))
                    .append(" <span class=\"badge status pace ").append(o.onTrack() == null || o.onTrack() ? "ok" : "behind")
                    .append("\">").append(Html.esc(pace)).append("</span></h2>")
                    .append(Html.chart(GroupBars.of(CoverageTexts.get("received", lang), List.of(
                            GroupBars.Bar.of(label("seekers", o.seekers(), c.seekerQuota(), lang), o.seekerShare(), ""),
                            GroupBars.Bar.of(label("employers", o.employers(), c.employerQuota(), lang),
                                    o.employerShare(), "")))))
                    .append("</li>");
        }
        main.append("</ul></section>");
        String scope = viewer.user().role() == Role.OFFICE ? "office:" + viewer.user().scope() : "region:" + c.regionCode();
        render(ctx, viewer, lang, main, scope);
    }

    private static String label(String audience, long n, int quota, String lang) {
        return CoverageTexts.get(audience, lang) + " " + String.format(Locale.ROOT, "%d / %d", n, quota);
    }

    private void render(Context ctx, Viewer viewer, String lang, StringBuilder main, String liveScope) {
        ctx.html(PageLayout.render(lang, CoverageTexts.get("title", lang), liveScope.isEmpty() ? Map.of("page", "coverage")
                        : Map.of("page", "coverage", "live-scope", liveScope), viewer.user().username(), ctx.path(),
                main.toString(), "/assets/live-page.js"));
    }
}
