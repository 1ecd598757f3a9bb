package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.checklist.ChecklistCatalogue;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.dashboards.access.Role;

/**
 * The checklists' pages: {@code /checklists} (an office's checklists of a period with status and points; office
 * staff open a form from there), {@code /checklists/{office}/{period}/{indicator}} (the form; read-only once
 * submitted and for everyone but the office's staff) and {@code /checklists/review} (the experts' queue) with
 * {@code /checklists/review/{office}/{period}} (accept/reject per entry, audit). The page script
 * {@code /assets/checklists.js} talks to {@link ChecklistRoutes}' API; texts in Russian and English.
 */
final class ChecklistPages {

    private final SessionGuard guard;
    private final ChecklistRoutes api;

    ChecklistPages(SessionGuard guard, ChecklistRoutes api) {
        this.guard = guard;
        this.api = api;
    }

    private static String t(String lang, String ru, String en) {
        return "en".equals(lang) ? en : ru;
    }

    void register(RoutesConfig routes) {
        routes.get("/checklists", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            if (viewer.user().role() == Role.FEDERAL && ctx.queryParam("office") == null) {
                ctx.redirect("/checklists/review");
                return;
            }
            String office = viewer.user().role() == Role.OFFICE ? viewer.user().scope() : ctx.queryParam("office");
            if (office == null || !viewer.scope().allowsOffice(office)) {
                throw new ApiError(403, "forbidden", "not your office");
            }
            List<ReportingPeriod> periods = api.periods();
            String periodCode = ctx.queryParam("period") == null ? periods.get(0).code() : ctx.queryParam("period");
            ReportingPeriod period = periods.stream().filter(p -> p.code().equals(periodCode)).findFirst()
                    .orElse(periods.get(0));
            Map<String, Object> o = api.overview(office, period);
            StringBuilder main = new StringBuilder();
            main.append("<h1>").append(Html.esc(t(lang, "Объективные чек-листы", "Objective checklists"))).append(" · ")
                    .append(Html.esc(office)).append("</h1>");
            main.append("<nav class=\"periods\">").append(Html.esc(t(lang, "Отчётный период:", "Reporting period:")));
            for (ReportingPeriod p : periods) {
                main.append(" <a class=\"period").append(p.equals(period) ? " current" : "").append("\" href=\"/checklists?period=")
                        .append(p.code()).append(viewer.user().role() == Role.OFFICE ? "" : "&office=" + Html.esc(office))
                        .append("\">").append(p.code()).append("</a>");
            }
            main.append("</nav>");
            if (Boolean.TRUE.equals(o.get("auditActive"))) {
                main.append("<p class=\"warning\">").append(Html.esc(t(lang,
                        "Аудит выявил недостоверные данные: все баллы периода обнулены.",
                        "An audit found false data: every point of the period is zero."))).append("</p>");
            }
            main.append("<table class=\"checklists\"><thead><tr><th>").append(t(lang, "Чек-лист", "Checklist"))
                    .append("</th><th>").append(t(lang, "Статус", "Status")).append("</th><th>")
                    .append(t(lang, "Баллы", "Points")).append("</th></tr></thead><tbody>");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) o.get("checklists");
            for (Map<String, Object> item : items) {
                String code = (String) item.get("indicator");
                ChecklistIndicator i = ChecklistIndicator.fromCode(code);
                boolean other = !office.equals(item.get("filledBy"));
                var score = (ru.otklik.common.checklist.ObjectiveScore) item.get("score");
                main.append("<tr data-indicator=\"").append(code).append("\"><td>");
                if (other) {
                    main.append(Html.esc(i.title().in(lang))).append("<br><small>")
                            .append(Html.esc(t(lang, "заполняет управляющий ЦЗН ", "filled in by the managing office ")
                                    + item.get("filledBy"))).append("</small>");
                } else {
                    main.append("<a href=\"/checklists/").append(Html.esc(office)).append('/').append(period.code())
                            .append('/').append(code).append("\">").append(Html.esc(i.title().in(lang))).append("</a>");
                }
                main.append("</td><td class=\"status\">").append(Html.esc(status(lang, item))).append("</td><td>")
                        .append(String.format(java.util.Locale.ROOT, "%.2f / %.2f", score.points(), score.maxPoints()))
                        .append("</td></tr>");
            }
            main.append("</tbody></table>");
            render(ctx, viewer, lang, t(lang, "Чек-листы", "Checklists"), main.toString(), Map.of());
        }));
        routes.get("/checklists/review", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            if (viewer.user().role() != Role.FEDERAL) {
                throw new ApiError(403, "forbidden", "checklists are reviewed by the federal centre's experts");
            }
            render(ctx, viewer, lang, t(lang, "Проверка чек-листов", "Checklist review"),
                    "<h1>" + Html.esc(t(lang, "Очередь проверки чек-листов", "Checklist review queue")) + "</h1>"
                            + "<div id=\"queue\" class=\"queue\"></div>", Map.of("view", "queue"));
        }));
        routes.get("/checklists/review/{office}/{period}", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            if (viewer.user().role() != Role.FEDERAL) {
                throw new ApiError(403, "forbidden", "checklists are reviewed by the federal centre's experts");
            }
            String office = ctx.pathParam("office");
            String period = ctx.pathParam("period");
            render(ctx, viewer, lang, t(lang, "Проверка", "Review"),
                    "<p><a class=\"back\" href=\"/checklists/review\">← " + Html.esc(t(lang, "К очереди", "Back to the queue"))
                            + "</a></p><h1>" + Html.esc(office + " · " + period) + "</h1><div id=\"review\"></div>"
                            + "<section class=\"audit\"><h2>" + Html.esc(t(lang, "Аудит", "Audit")) + "</h2>"
                            + "<div id=\"audits\"></div><label>" + Html.esc(t(lang, "Причина", "Reason"))
                            + " <textarea id=\"audit-reason\" rows=\"2\"></textarea></label>"
                            + "<button type=\"button\" id=\"audit\">" + Html.esc(t(lang, "Недостоверные данные: обнулить баллы",
                            "False data: zero the points")) + "</button> <button type=\"button\" id=\"audit-withdraw\">"
                            + Html.esc(t(lang, "Отозвать аудит", "Withdraw the audit")) + "</button></section>"
                            + "<script type=\"application/json\" id=\"titles\">" + Html.scriptJson(JsonBody.write(titles(lang)))
                            + "</script>",
                    Map.of("view", "review", "office", office, "period", period));
        }));
        routes.get("/checklists/{office}/{period}/{indicator}", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            String office = ctx.pathParam("office");
            if (!viewer.scope().allowsOffice(office) || !ChecklistIndicator.isCode(ctx.pathParam("indicator"))) {
                throw new ApiError(403, "forbidden", "not your office");
            }
            ChecklistIndicator i = ChecklistIndicator.fromCode(ctx.pathParam("indicator"));
            String period = ctx.pathParam("period");
            ChecklistCatalogue cat = ChecklistCatalogue.standard();
            Map<String, Object> catalogue = new LinkedHashMap<>();
            catalogue.put("parameters", cat.parameters(i).stream().map(p -> Map.of("code", p.code(), "text",
                    p.text().in(lang))).toList());
            catalogue.put("eventTypes", cat.eventTypes().stream().map(p -> Map.of("code", p.code(), "text",
                    p.text().in(lang))).toList());
            catalogue.put("comfortLevels", cat.comfortLevels().stream().map(p -> Map.of("code", p.code(), "text",
                    p.text().in(lang))).toList());
            String main = "<p><a class=\"back\" href=\"/checklists?period=" + Html.esc(period) + "\">← "
                    + Html.esc(t(lang, "К списку чек-листов", "Back to the checklists")) + "</a></p>"
                    + "<h1>" + Html.esc(i.title().in(lang)) + " · " + Html.esc(office + " · " + period) + "</h1>"
                    + "<p id=\"meta\" class=\"meta\"></p><form id=\"checklist\" class=\"checklist\"></form>"
                    + "<p id=\"problem\" class=\"problem\" role=\"alert\"></p>"
                    + "<div class=\"actions\"><button type=\"button\" id=\"save\">" + Html.esc(t(lang, "Сохранить черновик", "Save draft"))
                    + "</button> <button type=\"button\" id=\"submit\">" + Html.esc(t(lang, "Отправить на проверку", "Submit"))
                    + "</button></div>"
                    + "<script type=\"application/json\" id=\"catalogue\">" + Html.scriptJson(JsonBody.write(catalogue))
                    + "</script>";
            render(ctx, viewer, lang, i.title().in(lang), main, Map.of("view", "form", "office", office, "period",
                    period, "indicator", i.code(), "form", i.form().name(),
                    "editable", String.valueOf(viewer.user().role() == Role.OFFICE)));
        }));
    }

    /** indicator code → parameter code → title, for the review page. */
    private static Map<String, Map<String, String>> titles(String lang) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (ChecklistIndicator i : ChecklistIndicator.values()) {
            Map<String, String> m = new LinkedHashMap<>();
            ChecklistCatalogue.standard().parameters(i).forEach(p -> m.put(p.code(), p.text().in(lang)));
            out.put(i.code(), m);
        }
        return out;
    }

    private static String status(String lang, Map<String, Object> item) {
        String s = (String) item.get("status");
        String base = switch (s) {
            case "not_started" -> t(lang, "не начат", "not started");
            case "draft" -> t(lang, "черновик", "draft");
            case "submitted" -> t(lang, "отправлен", "submitted");
            default -> t(lang, "проверен", "reviewed");
        };
        if (item.containsKey("accepted")) {
            base += ": " + item.get("accepted") + " " + t(lang, "принято", "accepted") + ", " + item.get("rejected") + " "
                    + t(lang, "отклонено", "rejected") + ", " + item.get("pending") + " " + t(lang, "ожидает", "pending");
        }
        return base;
    }

    private void render(Context ctx, Viewer viewer, String lang, String title, String main, Map<String, String> extra) {
        Map<String, String> data = new LinkedHashMap<>(extra);
        data.put("csrf", guard.csrfToken(ctx));
        data.put("lang", lang);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(PageLayout.render(lang, title, data, viewer.user().username(), ctx.path(), main, "/assets/checklists.js"));
    }
}
