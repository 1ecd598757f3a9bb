package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.report.IsoWeek;
import ru.otklik.dashboards.report.ReportScope;
import ru.otklik.dashboards.report.WeeklyReport;
import ru.otklik.dashboards.report.WeeklyReports;

/**
 * The weekly report (issue 14 §5): the page {@code /reports/weekly?scope=office:BRY-01&week=2026-W48}, and the same
 * report as {@code /api/v1/reports/weekly.csv} and {@code .pdf}. {@code scope} defaults to the viewer's own office or
 * region, {@code week} to the last full week of the place's time zone. Access is every figure's ({@link
 * ru.otklik.dashboards.access.AccessScope}): 403 outside the viewer's scope, also for codes that do not exist, so a
 * refusal reveals nothing; 404 for an unknown code only to those who see everything.
 */
final class ReportRoutes {

    private final SessionGuard guard;
    private final OfficeDirectory directory;
    private final WeeklyReports reports;
    private final ru.otklik.dashboards.report.ReportSubscriptions subscriptions; // null without an operational store
    private final RenderedReports rendered = new RenderedReports();

    ReportRoutes(SessionGuard guard, WeeklyReports reports, ru.otklik.dashboards.report.ReportSubscriptions subscriptions) {
        this.guard = guard;
        this.directory = reports.directory();
        this.reports = reports;
        this.subscriptions = subscriptions;
    }

    /** The download's bytes, access already checked by {@link #request}: built once, kept (RenderedReports). */
    private byte[] download(Request q, String format, java.util.function.Function<WeeklyReport, byte[]> render) {
        RenderedReports.Key key = new RenderedReports.Key(format, q.scope().level() + ":" + q.scope().code(),
                q.week().code(), q.lang());
        return rendered.get(key, reports.ended(q.scope(), q.week()), () -> render.apply(reports.build(q.scope(), q.week(),
                q.lang())));
    }

    void register(RoutesConfig routes) {
        routes.get("/reports/weekly", guard.page((ctx, viewer) -> page(ctx, viewer, Lang.resolve(ctx))));
        routes.get("/api/v1/reports/weekly.csv", guard.api((ctx, viewer) -> {
            Request q = request(ctx, viewer);
            attachment(ctx, "text/csv; charset=utf-8", fileName(q, "csv"));
            ctx.result(download(q, "csv", r -> WeeklyReportCsv.render(r, q.lang())));
        }));
        routes.get("/api/v1/reports/weekly.pdf", guard.api((ctx, viewer) -> {
            Request q = request(ctx, viewer);
            attachment(ctx, "application/pdf", fileName(q, "pdf"));
            ctx.result(download(q, "pdf", r -> WeeklyReportPdf.render(r, q.lang())));
        }));
        // subscriptions: the viewer's own, to places they may see; e-mailed by the schedule (ReportSettings)
        routes.get("/api/v1/reports/subscriptions", guard.api((ctx, viewer) -> json(ctx, 200,
                Map.of("subscriptions", store().of(viewer.user().username())))));
        routes.post("/api/v1/reports/subscriptions", guard.apiChange((ctx, viewer) -> {
            com.fasterxml.jackson.databind.JsonNode body = JsonBody.readObject(ctx);
            ReportScope scope = allowedScope(viewer, body.path("scope").asText(""));
            String lang = body.path("language").asText("ru");
            try {
                json(ctx, 201, store().subscribe(viewer.user().username(), body.path("email").asText("").strip(), scope, lang));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_request", e.getMessage());
            }
        }));
        routes.delete("/api/v1/reports/subscriptions/{id}", guard.apiChange((ctx, viewer) -> {
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new ApiError(404, "not_found", "no such subscription");
            }
            if (!store().unsubscribe(viewer.user().username(), id)) {
                throw new ApiError(404, "not_found", "no such subscription");
            }
            ctx.status(204);
        }));
    }

    private ru.otklik.dashboards.report.ReportSubscriptions store() {
        if (subscriptions == null) {
            throw new ApiError(503, "operational_store_unavailable", "subscriptions need the operational store");
        }
        return subscriptions;
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).header("Cache-Control", "no-store").contentType("application/json; charset=utf-8")
                .result(JsonBody.write(body));
    }

    /** What a report request names, checked: the place, the week, the language. */
    record Request(ReportScope scope, IsoWeek week, String lang) {
    }

    private Request request(Context ctx, Viewer viewer) {
        ReportScope scope = scope(ctx, viewer);
        String w = ctx.queryParam("week");
        IsoWeek week = w == null || w.isBlank() ? reports.lastFullWeek(scope) : IsoWeek.parse(w)
                .orElseThrow(() -> new ApiError(400, "bad_request", "week must be an ISO week like 2026-W48"));
        String lang = ctx.queryParam("lang");
        if (!"en".equals(lang) && !"ru".equals(lang)) {
            lang = "en".equals(ctx.cookie(Lang.COOKIE)) ? "en" : "ru";
        }
        return new Request(scope, week, lang);
    }

    private ReportScope scope(Context ctx, Viewer viewer) {
        String value = ctx.queryParam("scope");
        if (value == null || value.isBlank()) {
            value = switch (viewer.user().role()) {
                case OFFICE -> ReportScope.OFFICE + ":" + viewer.user().scope();
                case REGION -> ReportScope.REGION + ":" + viewer.user().scope();
                default -> throw new ApiError(400, "bad_request", "scope is required: office:CODE or region:CODE");
            };
        }
        return allowedScope(viewer, value);
    }

    /** A place the viewer may see: 400 malformed, 403 outside their scope (unknown codes too), 404 unknown to all-seeing. */
    private ReportScope allowedScope(Viewer viewer, String value) {
        int colon = value.indexOf(':');
        String level = colon < 0 ? "" : value.substring(0, colon);
        String code = colon < 0 ? "" : value.substring(colon + 1);
        boolean allowed = switch (level) {
            case ReportScope.OFFICE -> viewer.scope().allowsOffice(code);
            case ReportScope.REGION -> viewer.scope().allowsRegion(code);
            default -> throw new ApiError(400, "bad_request", "scope must be office:CODE or region:CODE");
        };
        if (!allowed) {
            throw new ApiError(403, "forbidden", "outside your access scope");
        }
        return ReportScope.parse(value, directory)
                .orElseThrow(() -> new ApiError(404, "not_found", "unknown " + level + " " + code));
    }

    private static String fileName(Request q, String extension) {
        // codes and week come from the directory and the parser: plain ASCII, safe in the header
        return "otklik-weekly-" + q.scope().code() + "-" + q.week().code() + "." + extension;
    }

    private static void attachment(Context ctx, String type, String fileName) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.contentType(type);
    }

    // ---- the page

    private void page(Context ctx, Viewer viewer, String lang) {
        String asked = ctx.queryParam("scope");
        if ((asked == null || asked.isBlank()) && viewer.scope().allowsAllRegions()) {
            // those who see everything have no place of their own: the first region, as the picker lists it
            ctx.redirect("/reports/weekly?scope=" + ReportScope.REGION + ":" + directory.regions().firstKey()
                    + (ctx.queryParam("week") == null ? "" : "&week=" + IsoWeek.parse(ctx.queryParam("week"))
                    .map(IsoWeek::code).orElse("")));
            return;
        }
        Request q = request(ctx, viewer);
        WeeklyReport r = reports.build(q.scope(), q.week(), lang);
        String query = "scope=" + q.scope().value() + "&week=" + q.week().code() + "&lang=" + lang;
        StringBuilder m = new StringBuilder("<h1>").append(esc("wrTitle", lang)).append(" · ").append(Html.esc(r.week()))
                .append("</h1><p class=\"sub\" id=\"report-scope\">").append(Html.esc(r.scopeCode() + " · " + r.scopeName()));
        if (q.scope().office()) {
            m.append(" · ").append(Html.esc(r.regionName()));
        }
        m.append("</p><p class=\"hint\">").append(esc("wrLocalTime", lang)).append(' ')
                .append(Html.esc(r.from() + " – " + r.to() + " (" + r.zone() + ")")).append(" · ").append(esc("wrMinimum", lang))
                .append(r.minimumSample()).append("</p>");
        m.append("<p class=\"page-links\"><a href=\"").append(Html.esc(backLink(q.scope()))).append("\">←</a> ")
                .append("<a id=\"download-csv\" href=\"/api/v1/reports/weekly.csv?").append(Html.esc(query)).append("\">")
                .append(esc("wrCsv", lang)).append("</a> <a id=\"download-pdf\" href=\"/api/v1/reports/weekly.pdf?")
                .append(Html.esc(query)).append("\">").append(esc("wrPdf", lang)).append("</a></p>");

        // the pickers: places the viewer may see, and the week
        m.append("<form method=\"get\" action=\"/reports/weekly\" class=\"controls pick c-pick\"><label>").append(esc("wrScope", lang))
                .append(" <select name=\"scope\" id=\"scope\">");
        for (ReportScope s : choices(viewer)) {
            m.append("<option value=\"").append(Html.esc(s.value())).append('"')
                    .append(s.value().equals(q.scope().value()) ? " selected" : "").append('>')
                    .append(Html.esc(s.code() + " · " + s.name())).append("</option>");
        }
        m.append("</select></label><label>").append(esc("wrWeek", lang)).append(" <input type=\"week\" name=\"week\" id=\"week\" value=\"")
                .append(Html.esc(r.week())).append("\" required></label><button type=\"submit\">").append(esc("wrShow", lang))
                .append("</button></form>");

        // the cards: the pooled index, kiosk satisfaction, coverage
        m.append("<div class=\"cards c-cards\">");
        card(m, "index-card", PageTexts.get("wrIndex", lang), r.index(), lang);
        card(m, "kiosk-card", PageTexts.get("wrKiosk", lang), r.kiosk(), lang);
        WeeklyReport.Coverage c = r.coverage();
        m.append("<div class=\"card\" id=\"coverage-card\"><div class=\"card-title\">").append(esc("wrCoverage", lang))
                .append("</div><div class=\"card-value\">").append(c.seekers() + c.employers()).append("</div><div class=\"card-sub\">")
                .append(esc("wrSeekers", lang)).append(": ").append(c.seekers()).append(" · ").append(esc("wrEmployers", lang))
                .append(": ").append(c.employers()).append(" · ").append(esc("wrKioskTaps", lang)).append(": ").append(c.kioskTaps())
                .append(" · ").append(esc("wrPulse", lang)).append(": ").append(c.pulse()).append("<br>")
                .append(esc("wrPrevious", lang)).append(": ").append(c.previousSeekers() + c.previousEmployers())
                .append(" · ").append(esc("wrNoQuota", lang)).append("</div></div>");
        m.append("</div>");
        String excluded = WeeklyReportViews.excluded(r, lang);
        if (excluded != null) { // the figures are clean: say what was left out of them
            m.append("<p class=\"hint\" id=\"excluded\">").append(Html.esc(excluded)).append("</p>");
        }

        // the chart and the table of the items
        m.append("<section class=\"panel\" id=\"items\"><h2>").append(esc("wrItems", lang)).append("</h2><p class=\"hint\">")
                .append(esc("wrChangeRule", lang)).append("</p><div class=\"chart group-chart\">")
                .append(Html.chart(WeeklyReportViews.itemsChart(r, lang))).append("</div><div class=\"table-scroll\"><table class=\"report c-table\">")
                .append("<thead><tr><th>").append(esc("wrItem", lang)).append("</th><th>").append(esc("wrShare", lang))
                .append("</th><th>").append(esc("wrPrevious", lang)).append(" · ").append(esc("wrChange", lang))
                .append("</th></tr></thead><tbody>");
        for (WeeklyReport.Item i : r.items()) {
            m.append("<tr data-item=\"").append(Html.esc(i.questionId())).append("\"><th scope=\"row\">")
                    .append(Html.esc(i.questionId() + ". " + i.label())).append("<br><span class=\"qid\">")
                    .append(esc("wrSeekers", lang)).append(": ").append(Html.esc(WeeklyReportViews.share(i.seekers().week(), lang)))
                    .append(" · ").append(esc("wrEmployers", lang)).append(": ")
                    .append(Html.esc(WeeklyReportViews.share(i.employers().week(), lang))).append("</span></th><td>")
                    .append(cell(i.all().week(), lang)).append("</td><td>").append(cell(i.all().previous(), lang))
                    .append("<br><span class=\"change\">").append(Html.esc(WeeklyReportViews.change(i.all(), lang)))
                    .append("</span></td></tr>");
        }
        m.append("</tbody></table></div></section>");

        ranking(m, "top", PageTexts.get("wrTop", lang), r.top(), lang);
        ranking(m, "bottom", PageTexts.get("wrBottom", lang), r.bottom(), lang);

        m.append("<section class=\"panel\" id=\"weekdays\"><h2>").append(esc("wrByWeekday", lang))
                .append("</h2><div class=\"chart group-chart\">").append(Html.chart(WeeklyReportViews.weekdayChart(r, lang)))
                .append("</div></section>");

        m.append("<section class=\"panel\" id=\"comments\"><h2>").append(esc("wrComments", lang)).append("</h2>");
        if (r.comments().isEmpty()) {
            m.append("<p class=\"empty\">").append(esc("wrNoComments", lang)).append("</p>");
        } else {
            m.append("<ul class=\"comments\">");
            for (WeeklyReport.Comment cm : r.comments()) {
                m.append("<li><span class=\"hint\">").append(Html.esc(cm.date())).append(" · ")
                        .append(Html.esc(WeeklyReportViews.audience(cm.audience(), lang))).append("</span> ")
                        .append(Html.esc(cm.text())).append("</li>");
            }
            m.append("</ul>");
        }
        m.append("</section>");
        if (subscriptions != null) {
            subscription(m, viewer, q.scope(), lang);
        }
        ctx.html(PageLayout.render(lang, PageTexts.get("wrTitle", lang), Map.of("page", "weekly-report", "csrf", guard.csrfToken(ctx)),
                viewer.user().username(), ctx.path(), m.toString(), "/assets/report.js"));
    }

    /** The viewer's subscription to this place, or a form to subscribe; report.js sends it with the anti-CSRF token. */
    private void subscription(StringBuilder m, Viewer viewer, ReportScope scope, String lang) {
        m.append("<section class=\"panel\" id=\"subscription\"><h2>").append(esc("wrSubscribe", lang))
                .append("</h2><p class=\"hint\">").append(esc("wrSubscribeHint", lang)).append("</p>");
        Optional<ru.otklik.dashboards.report.ReportSubscriptions.Subscription> mine = subscriptions.of(viewer.user().username())
                .stream().filter(s -> s.scope().equals(scope.value())).findFirst();
        if (mine.isPresent()) {
            m.append("<p id=\"subscribed\">").append(esc("wrSubscribed", lang)).append(' ')
                    .append(Html.esc(mine.get().email())).append(" (").append(Html.esc(mine.get().language().toUpperCase(
                            java.util.Locale.ROOT))).append(") <button type=\"button\" id=\"unsubscribe\" data-id=\"")
                    .append(mine.get().id()).append("\">").append(esc("wrUnsubscribe", lang)).append("</button></p>");
        } else {
            m.append("<form id=\"subscribe\" class=\"controls pick c-pick\" data-scope=\"").append(Html.esc(scope.value()))
                    .append("\"><label>E-mail <input type=\"email\" name=\"email\" id=\"subscribe-email\" required"
                            + " maxlength=\"254\" autocomplete=\"email\"></label><label>").append(esc("wrLanguage", lang))
                    .append(" <select name=\"language\" id=\"subscribe-language\"><option value=\"ru\"")
                    .append("ru".equals(lang) ? " selected" : "").append(">RU</option><option value=\"en\"")
                    .append("en".equals(lang) ? " selected" : "").append(">EN</option></select></label><button type=\"submit\">")
                    .append(esc("wrSubscribeButton", lang)).append("</button></form>");
        }
        m.append("<p class=\"hint\" id=\"subscribe-status\" role=\"status\"></p></section>");
    }

    private static void card(StringBuilder m, String id, String title, WeeklyReport.Figure f, String lang) {
        m.append("<div class=\"card\" id=\"").append(id).append("\"><div class=\"card-title\">").append(Html.esc(title))
                .append("</div>");
        if (f.week().sufficient()) {
            m.append("<div class=\"card-value\">").append(WeeklyReportViews.pct(f.week().share())).append("</div>");
        } else {
            m.append("<div class=\"card-value insufficient\">").append(esc("wrInsufficient", lang)).append("</div>");
        }
        m.append("<div class=\"card-sub\">n=").append(f.week().n()).append(" · ").append(esc("wrInterval", lang)).append(' ')
                .append(Html.esc(WeeklyReportViews.interval(f.week()))).append("<br>").append(esc("wrPrevious", lang)).append(": ")
                .append(Html.esc(WeeklyReportViews.share(f.previous(), lang))).append(" · ")
                .append(Html.esc(WeeklyReportViews.change(f, lang))).append("</div></div>");
    }

    private static String cell(ru.otklik.dashboards.figures.Share s, String lang) {
        if (!s.sufficient()) {
            return "<span class=\"insufficient\">" + Html.esc(WeeklyReportViews.share(s, lang)) + "</span>";
        }
        return "<strong>" + WeeklyReportViews.pct(s.share()) + "</strong> · n=" + s.n() + "<br><span class=\"qid\">"
                + Html.esc(WeeklyReportViews.interval(s)) + "</span>";
    }

    private static void ranking(StringBuilder m, String id, String title, List<WeeklyReport.Item> items, String lang) {
        m.append("<section class=\"panel\" id=\"").append(id).append("\"><h2>").append(Html.esc(title)).append("</h2>");
        if (items.isEmpty()) {
            m.append("<p class=\"empty\">").append(esc("wrNoRanking", lang)).append("</p></section>");
            return;
        }
        m.append("<ol>");
        for (WeeklyReport.Item i : items) {
            m.append("<li>").append(Html.esc(i.questionId() + ". " + i.label())).append(" — <strong>")
                    .append(WeeklyReportViews.pct(i.all().week().share())).append("</strong> (n=").append(i.all().week().n())
                    .append(", ").append(Html.esc(WeeklyReportViews.change(i.all(), lang))).append(")</li>");
        }
        m.append("</ol></section>");
    }

    /** The places the viewer may pick: their office; their region and its offices; every region and office. */
    private List<ReportScope> choices(Viewer viewer) {
        List<ReportScope> out = new ArrayList<>();
        for (String region : directory.regions().keySet()) {
            if (viewer.scope().allowsRegion(region)) {
                ReportScope.parse(ReportScope.REGION + ":" + region, directory).ifPresent(out::add);
            }
            for (Office o : directory.officesOf(region)) {
                if (viewer.scope().allowsOffice(o.code())) {
                    out.add(ReportScope.of(o));
                }
            }
        }
        return out;
    }

    private static String backLink(ReportScope s) {
        return s.office() ? "/offices/" + s.code() : "/regions/" + s.code();
    }

    private static String esc(String key, String lang) {
        return Html.esc(PageTexts.get(key, lang));
    }
}
