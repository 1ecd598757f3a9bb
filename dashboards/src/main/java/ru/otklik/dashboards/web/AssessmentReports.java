package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.RaterRole;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.assessment.AssessmentFigures;
import ru.otklik.dashboards.assessment.AssessmentSessions;
import ru.otklik.dashboards.assessment.OrgDirectory;
import ru.otklik.dashboards.assessment.TargetReport;

/**
 * 360 reports and the session dashboard (domain §5): completion per target, live from the streaming job's
 * figures; per target, once the session is closed, the report as a page with its radar chart, as JSON and as
 * CSV (UTF-8 with BOM, semicolons: opens in Russian Excel). Every form goes through {@link TargetReport}, so the
 * anonymity merge is applied to all of them alike. Reports of a running session are refused (409): two reports
 * read a few minutes apart would give the latest rater's answers by subtraction. Who may read: the session's
 * administrators (its creator, federal users); 404 for anyone else.
 */
final class AssessmentReports {

    private final SessionGuard guard;
    private final OrgDirectory org;
    private final AssessmentSessions sessions;
    private final AssessmentFigures figures;
    private final ru.otklik.dashboards.assessment.AssessmentSettings settings;

    private final java.util.function.Function<String, java.util.Optional<String>> employeeOf;

    /** @param employeeOf the employee a dashboard account is (by username), if it is linked to one */
    AssessmentReports(SessionGuard guard, OrgDirectory org, AssessmentSessions sessions, AssessmentFigures figures,
                      ru.otklik.dashboards.assessment.AssessmentSettings settings,
                      java.util.function.Function<String, java.util.Optional<String>> employeeOf) {
        this.settings = settings;
        this.employeeOf = employeeOf;
        this.guard = guard;
        this.org = org;
        this.sessions = sessions;
        this.figures = figures;
    }

    void register(RoutesConfig routes) {
        String api = "/api/v1/assessment/sessions/{session}";
        routes.get(api + "/completion", guard.api((ctx, viewer) -> {
            AssessmentSessions.Session s = session(ctx, viewer);
            AssessmentRoutes.json(ctx, 200, Map.of("session", s, "targets", completion(s)));
        }));
        routes.get(api + "/targets/{employee}/report", guard.api((ctx, viewer) ->
                AssessmentRoutes.json(ctx, 200, report(ctx, viewer, apiLanguage(ctx)))));
        routes.get(api + "/targets/{employee}/report.csv", guard.api((ctx, viewer) -> {
            TargetReport report = report(ctx, viewer, apiLanguage(ctx));
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"360-" + report.sessionId() + "-"
                    + ctx.pathParam("employee").replaceAll("[^A-Za-z0-9_-]", "_") + ".csv\"");
            ctx.result(csv(report, apiLanguage(ctx)).getBytes(StandardCharsets.UTF_8));
        }));
        routes.get(api + "/targets/{employee}/report.pdf", guard.api((ctx, viewer) -> {
            String lang = apiLanguage(ctx);
            TargetReport report = report(ctx, viewer, lang);
            byte[] pdf = ReportPdf.render(report, reportSession(ctx, viewer).name(), sessions.roles(), lang);
            ctx.contentType("application/pdf");
            ctx.header("Content-Disposition", "attachment; filename=\"360-" + report.sessionId() + "-"
                    + ctx.pathParam("employee").replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf\"");
            ctx.result(pdf);
        }));
        routes.get("/assessment", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            if (viewer.user().role() == Role.OFFICE) {
                PageRoutes.problem(ctx, viewer, lang, 403, "forbidden");
                return;
            }
            indexPage(ctx, viewer, lang);
        }));
        routes.get("/assessment/sessions/{session}", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            AssessmentSessions.Session s = pageSession(ctx, viewer, lang);
            if (s != null) {
                sessionPage(ctx, viewer, lang, s);
            }
        }));
        routes.get(api + "/summary", guard.api((ctx, viewer) ->
                AssessmentRoutes.json(ctx, 200, summary(ctx, viewer, apiLanguage(ctx)))));
        routes.get("/assessment/sessions/{session}/targets/{employee}", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            AssessmentSessions.Session s;
            try {
                s = reportSession(ctx, viewer);
            } catch (ApiError e) {
                PageRoutes.problem(ctx, viewer, lang, e.getStatus(), e.getStatus() == 403 ? "forbidden" : "notFound");
                return;
            }
            if (!"closed".equals(s.status())) {
                PageRoutes.problem(ctx, viewer, lang, 409, "a360NotClosed");
                return;
            }
            OrgDirectory.Person target = org.employee(ctx.pathParam("employee")).orElse(null);
            if (target == null) {
                PageRoutes.problem(ctx, viewer, lang, 404, "notFound");
                return;
            }
            reportPage(ctx, viewer, lang, s, build(s, target, lang));
        }));
    }

    /** A session the viewer administers; 404 alike for one that does not exist and one of someone else. */
    private AssessmentSessions.Session session(Context ctx, Viewer viewer) {
        if (viewer.user().role() == Role.OFFICE) {
            throw new ApiError(403, "forbidden", "360 reports are read by the session's administrators");
        }
        return sessions.session(ctx.pathParam("session"))
                .filter(s -> viewer.user().role() == Role.FEDERAL || s.createdBy().equals(viewer.user().username()))
                .orElseThrow(() -> new ApiError(404, "not_found", "no such session"));
    }

    private AssessmentSessions.Session pageSession(Context ctx, Viewer viewer, String lang) {
        try {
            return session(ctx, viewer);
        } catch (ApiError e) {
            PageRoutes.problem(ctx, viewer, lang, e.getStatus(), e.getStatus() == 403 ? "forbidden" : "notFound");
            return null;
        }
    }

    /**
     * The session of a report the viewer may read (domain §5, issue 12 §7): its administrators read every report;
     * an account linked to an employee reads the reports of the employees below them (every lower level) and, once
     * the session grants it, their own; anyone else gets 403. A session that does not exist is 404.
     */
    private AssessmentSessions.Session reportSession(Context ctx, Viewer viewer) {
        AssessmentSessions.Session s = sessions.session(ctx.pathParam("session"))
                .orElseThrow(() -> new ApiError(404, "not_found", "no such session"));
        if (viewer.user().role() != Role.OFFICE
                && (viewer.user().role() == Role.FEDERAL || s.createdBy().equals(viewer.user().username()))) {
            return s;
        }
        String target = ctx.pathParam("employee");
        java.util.Optional<String> me = employeeOf.apply(viewer.user().username());
        if (me.isPresent() && me.get().equals(target)) {
            if (s.targetsSeeReports()) {
                return s;
            }
            throw new ApiError(403, "forbidden", "access to your own report has not been granted for this session");
        }
        if (me.isPresent() && org.subtree(me.get()).contains(target)) {
            return s;
        }
        throw new ApiError(403, "forbidden", "the report is outside your part of the organisation");
    }

    /**
     * A manager's summary (domain §5): per competency, the mean over the targets below the manager (every lower
     * level) of each target's "others" average — each through the anonymity merge first. The manager is the
     * viewer's own employee, or for the session's administrators {@code ?manager=}.
     */
    private Map<String, Object> summary(Context ctx, Viewer viewer, String lang) {
        AssessmentSessions.Session s = sessions.session(ctx.pathParam("session"))
                .orElseThrow(() -> new ApiError(404, "not_found", "no such session"));
        boolean administers = viewer.user().role() != Role.OFFICE
                && (viewer.user().role() == Role.FEDERAL || s.createdBy().equals(viewer.user().username()));
        String manager = administers && ctx.queryParam("manager") != null ? ctx.queryParam("manager")
                : employeeOf.apply(viewer.user().username()).orElseThrow(() -> new ApiError(403, "forbidden",
                "the summary is for managers: this account is not linked to an employee"));
        if (!"closed".equals(s.status())) {
            throw new ApiError(409, "session_running", "summaries open when the session closes");
        }
        java.util.Set<String> below = new java.util.HashSet<>(org.subtree(manager));
        below.remove(manager);
        Map<String, double[]> byCompetency = new LinkedHashMap<>(); // sum of averages, targets
        Map<String, String> names = new LinkedHashMap<>();
        int targets = 0;
        for (String t : sessions.targets(s.sessionId())) {
            if (!below.contains(t)) {
                continue;
            }
            OrgDirectory.Person person = org.employee(t).orElse(null);
            if (person == null) {
                continue;
            }
            targets++;
            for (TargetReport.CompetencyLine c : single(s, person, lang).competencies()) {
                names.putIfAbsent(c.competency().code(), c.competency().text());
                if (c.competency().others() != null) {
                    double[] acc = byCompetency.computeIfAbsent(c.competency().code(), k -> new double[2]);
                    acc[0] += c.competency().others().average();
                    acc[1]++;
                }
            }
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        names.forEach((code, text) -> {
            double[] acc = byCompetency.get(code);
            lines.add(Map.of("code", code, "text", text, "targets", acc == null ? 0 : (int) acc[1],
                    "average", acc == null ? Double.NaN : acc[0] / acc[1]));
        });
        return Map.of("sessionId", s.sessionId(), "manager", manager, "targets", targets, "competencies", lines);
    }

    private TargetReport report(Context ctx, Viewer viewer, String lang) {
        AssessmentSessions.Session s = reportSession(ctx, viewer);
        if (!"closed".equals(s.status())) {
            throw new ApiError(409, "session_running", "reports open when the session closes: two reports of a running"
                    + " session, read minutes apart, would give away the latest rater's answers");
        }
        OrgDirectory.Person target = org.employee(ctx.pathParam("employee"))
                .orElseThrow(() -> new ApiError(404, "not_found", "no such employee"));
        return build(s, target, lang);
    }

    /** The target's report of this session, compared with their report of the previous closed session if any. */
    private TargetReport build(AssessmentSessions.Session s, OrgDirectory.Person target, String lang) {
        TargetReport now = single(s, target, lang);
        return sessions.previousFor(s.sessionId(), target.employeeId())
                .map(before -> now.comparedWith(single(before, target, lang))).orElse(now);
    }

    private TargetReport single(AssessmentSessions.Session s, OrgDirectory.Person target, String lang) {
        CompetencyModel model = sessions.model(s.modelVersion()).orElseThrow();
        return TargetReport.build(s.sessionId(), target.fullName(), model, figures.items(s.sessionId(), target.pseudonym()),
                figures.comments(s.sessionId(), target.pseudonym()),
                figures.submittedByGroup(s.sessionId(), target.pseudonym()), sessions.roles(), lang);
    }

    /** Completion per target of the matrix, with names (the figures know pseudonyms only). */
    private List<Map<String, Object>> completion(AssessmentSessions.Session s) {
        Map<String, AssessmentFigures.Completion> byPseudonym = new LinkedHashMap<>();
        figures.completion(s.sessionId()).stream().filter(c -> c.group().isEmpty())
                .forEach(c -> byPseudonym.put(c.targetId(), c));
        Map<String, String> targets = new LinkedHashMap<>();
        sessions.matrix(s.sessionId()).forEach(l -> targets.putIfAbsent(l.targetId(), l.targetName()));
        List<Map<String, Object>> rows = new ArrayList<>();
        targets.forEach((id, name) -> {
            String pseudonym = org.employee(id).map(OrgDirectory.Person::pseudonym).orElse("");
            AssessmentFigures.Completion c = byPseudonym.get(pseudonym);
            rows.add(Map.of("employeeId", id, "name", name, "expected", c == null ? 0 : c.expected(),
                    "submitted", c == null ? 0 : c.submitted()));
        });
        AssessmentFigures.Completion all = byPseudonym.get("");
        if (all != null) {
            rows.add(0, Map.of("employeeId", "", "name", "", "expected", all.expected(), "submitted", all.submitted()));
        }
        return rows;
    }

    private void indexPage(Context ctx, Viewer viewer, String lang) {
        StringBuilder main = new StringBuilder("<section class=\"panel\"><h1>").append(Html.esc(PageTexts.get("a360Title", lang)))
                .append("</h1><h2>").append(Html.esc(PageTexts.get("a360Sessions", lang))).append("</h2><ul id=\"sessions\">");
        for (AssessmentSessions.Session s : sessions.sessions()) {
            if (viewer.user().role() == Role.FEDERAL || s.createdBy().equals(viewer.user().username())) {
                main.append("<li><a href=\"/assessment/sessions/").append(Html.esc(s.sessionId())).append("\">")
                        .append(Html.esc(s.name())).append("</a> · ").append(Html.esc(PageTexts.get("a360Status_" + s.status(), lang)))
                        .append("</li>");
            }
        }
        main.append("</ul></section>");
        main.append(upload("structure", lang, "a360Structure", "a360StructureHint"));
        main.append(upload("model", lang, "a360Model", "a360ModelHint").replace("data-upload=\"model\">",
                "data-upload=\"model\"><label>" + Html.esc(PageTexts.get("a360ModelName", lang))
                        + " <input name=\"name\" id=\"model-name\" required maxlength=\"200\"></label>"));
        main.append("<section class=\"panel\"><h2>").append(Html.esc(PageTexts.get("a360NewSession", lang)))
                .append("</h2><form id=\"new-session\" class=\"stack\"><label>").append(Html.esc(PageTexts.get("a360SessionId", lang)))
                .append(" <input name=\"sessionId\" required pattern=\"[A-Za-z0-9_-]{1,60}\"></label><label>")
                .append(Html.esc(PageTexts.get("a360SessionName", lang))).append(" <input name=\"name\" required maxlength=\"300\">")
                .append("</label><label>").append(Html.esc(PageTexts.get("a360ModelVersion", lang)))
                .append(" <input name=\"modelVersion\" id=\"model-version\" required inputmode=\"numeric\"></label><label>")
                .append(Html.esc(PageTexts.get("a360Deadline", lang))).append(" <input name=\"deadline\" type=\"date\" required></label>")
                .append("<label><input type=\"checkbox\" name=\"anonymous\" checked> ").append(Html.esc(PageTexts.get("a360Anonymous", lang)))
                .append("</label><button type=\"submit\">").append(Html.esc(PageTexts.get("a360Create", lang)))
                .append("</button></form><p class=\"result\" id=\"new-session-result\" aria-live=\"polite\"></p></section>");
        ctx.html(PageLayout.render(lang, PageTexts.get("a360Title", lang), Map.of("page", "assessment-index",
                "csrf", guard.csrfToken(ctx)), viewer.user().username(), ctx.path(), main.toString(), "/assets/assessment.js"));
    }

    private static String upload(String what, String lang, String title, String hint) {
        return "<section class=\"panel\"><h2>" + Html.esc(PageTexts.get(title, lang)) + "</h2><p class=\"hint\">"
                + Html.esc(PageTexts.get(hint, lang)) + "</p><form class=\"upload stack\" data-upload=\"" + what + "\"><input type=\"file\""
                + " name=\"file\" id=\"" + what + "-file\" accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument"
                + ".spreadsheetml.sheet\" required><button type=\"submit\">" + Html.esc(PageTexts.get("a360Upload", lang))
                + "</button></form><div class=\"result\" id=\"" + what + "-result\" aria-live=\"polite\"></div></section>";
    }

    /** The administrator's half of the session page: the matrix per target, approval, launch and close, the links. */
    private String adminPanel(AssessmentSessions.Session s, String lang) {
        Map<String, RaterRole> roles = sessions.roles();
        StringBuilder b = new StringBuilder("<section class=\"panel\"><h2>").append(Html.esc(PageTexts.get("a360Matrix", lang)))
                .append("</h2>");
        if (!"closed".equals(s.status())) {
            b.append("<form id=\"fill\" class=\"stack\"><label>").append(Html.esc(PageTexts.get("a360FillTargets", lang)))
                    .append(" <select name=\"targets\" id=\"fill-targets\" multiple size=\"6\">");
            for (OrgDirectory.Person p : org.activeEmployees()) {
                b.append("<option value=\"").append(Html.esc(p.employeeId())).append("\">").append(Html.esc(p.fullName()))
                        .append("</option>");
            }
            b.append("</select></label><button type=\"submit\">").append(Html.esc(PageTexts.get("a360Fill", lang)))
                    .append("</button></form>");
        }
        Map<String, List<AssessmentSessions.MatrixLine>> byTarget = new LinkedHashMap<>();
        sessions.matrix(s.sessionId()).forEach(l -> byTarget.computeIfAbsent(l.targetId(), k -> new ArrayList<>()).add(l));
        boolean allApproved = !byTarget.isEmpty();
        for (Map.Entry<String, List<AssessmentSessions.MatrixLine>> e : byTarget.entrySet()) {
            AssessmentSessions.MatrixLine first = e.getValue().get(0);
            allApproved &= first.approved();
            b.append("<div class=\"matrix-target\" data-target=\"").append(Html.esc(e.getKey())).append("\"><h3>")
                    .append(Html.esc(first.targetName())).append(' ').append(first.approved()
                            ? "<span class=\"badge obvious_strength\">" + Html.esc(PageTexts.get("a360Approved", lang)) + "</span>"
                            : "<button type=\"button\" class=\"approve\" data-target=\"" + Html.esc(e.getKey()) + "\">"
                            + Html.esc(PageTexts.get("a360Approve", lang)) + "</button>").append("</h3><ul>");
            for (AssessmentSessions.MatrixLine l : e.getValue()) {
                b.append("<li>").append(Html.esc(l.raterName())).append(" — ").append(Html.esc(ReportPdf.name(l.roleCode(), roles, lang)))
                        .append("</li>");
            }
            b.append("</ul></div>");
        }
        if ("draft".equals(s.status())) {
            b.append("<p><button type=\"button\" id=\"launch\"").append(allApproved ? "" : " disabled").append(">")
                    .append(Html.esc(PageTexts.get("a360Launch", lang))).append("</button></p>");
        } else if ("launched".equals(s.status())) {
            b.append("<p><button type=\"button\" id=\"close\">").append(Html.esc(PageTexts.get("a360Close", lang)))
                    .append("</button></p><h3>").append(Html.esc(PageTexts.get("a360Links", lang))).append("</h3><ul class=\"links\">");
            Map<String, String> names = new LinkedHashMap<>();
            byTarget.values().forEach(ls -> ls.forEach(l -> names.putIfAbsent(l.raterId(), l.raterName())));
            sessions.raterKeys(s.sessionId()).forEach((rater, key) -> b.append("<li>").append(Html.esc(names.getOrDefault(rater, rater)))
                    .append(": <a class=\"rater-link\" href=\"").append(Html.esc(settings.raterLink(key))).append("\">")
                    .append(Html.esc(PageTexts.get("a360PersonalLink", lang))).append("</a></li>"));
            b.append("</ul>");
        }
        return b.append("<p class=\"result\" id=\"admin-result\" aria-live=\"polite\"></p></section>").toString();
    }

    private void sessionPage(Context ctx, Viewer viewer, String lang, AssessmentSessions.Session s) {
        StringBuilder main = new StringBuilder("<section class=\"panel\"><h1>").append(Html.esc(s.name())).append("</h1><p>")
                .append(Html.esc(PageTexts.get("a360Status", lang))).append(": ")
                .append(Html.esc(PageTexts.get("a360Status_" + s.status(), lang))).append(" · ")
                .append(Html.esc(PageTexts.get("a360Deadline", lang))).append(": ")
                .append(Html.esc(s.deadline().toString().substring(0, 10))).append("</p>");
        main.append("<table class=\"completion\"><thead><tr><th>").append(Html.esc(PageTexts.get("a360Target", lang)))
                .append("</th><th>").append(Html.esc(PageTexts.get("a360Completion", lang))).append("</th></tr></thead><tbody>");
        for (Map<String, Object> row : completion(s)) {
            long expected = ((Number) row.get("expected")).longValue();
            long submitted = ((Number) row.get("submitted")).longValue();
            int pct = expected == 0 ? 0 : (int) Math.round(100.0 * submitted / expected);
            String name = row.get("name").toString();
            String cell = name.isEmpty() ? Html.esc(PageTexts.get("a360Everyone", lang))
                    : "closed".equals(s.status()) ? "<a href=\"/assessment/sessions/" + Html.esc(s.sessionId()) + "/targets/"
                    + Html.esc(row.get("employeeId").toString()) + "\">" + Html.esc(name) + "</a>" : Html.esc(name);
            // the bar is drawn by assessment.js, which reads the completion at once and every 10 s (one chart, one place)
            main.append("<tr><td>").append(cell).append("</td><td>").append(submitted).append(" / ").append(expected).append(" (").append(pct).append(" %)</td></tr>");
        }
        main.append("</tbody></table><p class=\"problem\" id=\"a360-connection\" hidden>")
                .append(Html.esc(PageTexts.get("a360Offline", lang))).append("</p></section>");
        main.append(adminPanel(s, lang));
        ctx.html(PageLayout.render(lang, s.name(), Map.of("page", "assessment-session", "csrf", guard.csrfToken(ctx),
                        "session", s.sessionId()), viewer.user().username(),
                ctx.path(), main.toString(), "/assets/assessment.js"));
    }

    private void reportPage(Context ctx, Viewer viewer, String lang, AssessmentSessions.Session s, TargetReport r) {
        Map<String, RaterRole> roles = sessions.roles();
        List<String> columns = new ArrayList<>(r.groups());
        columns.add(RaterRole.OTHERS);
        StringBuilder main = new StringBuilder("<section class=\"panel report360\"><h1>").append(Html.esc(r.targetName()))
                .append("</h1><p class=\"hint\">").append(Html.esc(s.name())).append(" · ")
                .append(Html.esc(PageTexts.get("a360Scale", lang))).append(" 0–").append(r.scaleMax())
                .append(" · <a href=\"/api/v1/assessment/sessions/").append(Html.esc(s.sessionId())).append("/targets/")
                .append(Html.esc(ctx.pathParam("employee"))).append("/report.csv?lang=").append(lang).append("\">CSV</a> · <a href=\"/api/v1/assessment/sessions/")
                .append(Html.esc(s.sessionId())).append("/targets/").append(Html.esc(ctx.pathParam("employee")))
                .append("/report.pdf?lang=").append(lang).append("\">PDF</a></p>");
        main.append("<div class=\"radar-box\">").append(Html.chart(ReportPdf.radar(r, columns, roles, lang))).append("</div>");
        for (TargetReport.CompetencyLine c : r.competencies()) {
            main.append("<h2>").append(Html.esc(c.competency().text())).append(' ').append(classes(c.competency(), lang))
                    .append("</h2><div class=\"table-scroll\"><table class=\"report\"><thead><tr><th>")
                    .append(Html.esc(PageTexts.get("a360Indicator", lang))).append("</th>");
            for (String g : columns) {
                main.append("<th>").append(Html.esc(groupName(g, roles, lang))).append("</th>");
            }
            if (r.previousSessionId() != null) {
                main.append("<th>").append(Html.esc(PageTexts.get("a360Previous", lang))).append("</th>");
            }
            main.append("<th>").append(Html.esc(PageTexts.get("a360Answers", lang))).append("</th></tr></thead><tbody>");
            row(main, c.competency(), columns, true, lang);
            for (TargetReport.ItemLine i : c.indicators()) {
                row(main, i, columns, false, lang);
            }
            main.append("</tbody></table></div>");
            for (TargetReport.ItemLine i : c.indicators()) {
                if (!i.comments().isEmpty()) {
                    main.append("<h3>").append(Html.esc(i.text())).append("</h3><ul class=\"comments\">");
                    for (TargetReport.Comment cm : i.comments()) {
                        main.append("<li><span class=\"who\">").append(Html.esc(groupName(cm.group(), roles, lang)))
                                .append("</span> ").append(Html.esc(cm.text())).append("</li>");
                    }
                    main.append("</ul>");
                }
            }
        }
        main.append("<p class=\"hint\">").append(Html.esc(PageTexts.get("a360AnonymityHint", lang))).append("</p></section>");
        ctx.html(PageLayout.render(lang, r.targetName(), Map.of("page", "assessment-report"), viewer.user().username(),
                ctx.path(), main.toString(), "/assets/assessment.js"));
    }

    private static void row(StringBuilder main, TargetReport.ItemLine line, List<String> columns, boolean competency,
                            String lang) {
        main.append(competency ? "<tr class=\"competency\"><th scope=\"row\">" : "<tr><th scope=\"row\">")
                .append(Html.esc(competency ? PageTexts.get("a360Average", lang) : line.text()))
                .append(competency ? "" : " " + classes(line, lang)).append("</th>");
        for (String g : columns) {
            double v = ReportPdf.value(line, g);
            main.append("<td>").append(Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v)).append("</td>");
        }
        if (line.change() != null) {
            main.append("<td class=\"change ").append(line.change()).append("\">")
                    .append(String.format(Locale.ROOT, "%.2f ", line.previousOthers()))
                    .append(Html.esc(PageTexts.get("a360Change_" + line.change(), lang))).append("</td>");
        }
        main.append("<td class=\"dist\">").append(Html.esc(distribution(line.counts()))).append("</td></tr>");
    }

    private static String classes(TargetReport.ItemLine line, String lang) {
        StringBuilder b = new StringBuilder();
        for (String c : line.classes()) {
            b.append("<span class=\"badge ").append(Html.esc(c)).append("\">").append(Html.esc(PageTexts.get("a360_" + c, lang)))
                    .append("</span>");
        }
        return b.toString();
    }

    private static String groupName(String group, Map<String, RaterRole> roles, String lang) {
        return ReportPdf.name(group, roles, lang);
    }

    /** How often each answer was chosen by the counted raters (domain §5): "5: 2 (33 %) · 4: 3 (50 %)", highest first. */
    static String distribution(List<Long> counts) {
        long total = counts.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int points = counts.size() - 1; points >= 0; points--) {
            long n = counts.get(points);
            if (n > 0) {
                parts.add(points + ": " + n + " (" + Math.round(100.0 * n / total) + " %)");
            }
        }
        return String.join(" · ", parts);
    }

    /** The report as CSV: one line per item and group shown, then the comments; the same merge as the page. */
    static String csv(TargetReport r, String lang) {
        StringBuilder b = new StringBuilder("\uFEFF");
        b.append(String.join(";", "competency", "indicator", "text", "group", "raters", "average", "classes",
                "withheld", "previous_others", "change", "answers")).append("\r\n");
        for (TargetReport.CompetencyLine c : r.competencies()) {
            List<TargetReport.ItemLine> lines = new ArrayList<>();
            lines.add(c.competency());
            lines.addAll(c.indicators());
            for (TargetReport.ItemLine l : lines) {
                String indicator = l == c.competency() ? "" : l.code();
                List<TargetReport.Figure> all = new ArrayList<>(l.figures());
                if (l.others() != null) {
                    all.add(l.others());
                }
                for (TargetReport.Figure f : all) {
                    b.append(String.join(";", cell(c.competency().code()), cell(indicator), cell(l.text()), cell(f.group()),
                            String.valueOf(f.raters()), String.format(Locale.ROOT, "%.2f", f.average()).replace('.', ','),
                            cell(String.join(" ", l.classes())), String.valueOf(l.withheld()),
                            f.group().equals(RaterRole.OTHERS) && l.previousOthers() != null
                                    ? String.format(Locale.ROOT, "%.2f", l.previousOthers()).replace('.', ',') : "",
                            f.group().equals(RaterRole.OTHERS) && l.change() != null ? l.change() : "",
                            f.group().equals(RaterRole.OTHERS) ? cell(distribution(l.counts())) : "")).append("\r\n");
                }
            }
        }
        b.append("\r\n").append(String.join(";", "comment_indicator", "group", "comment")).append("\r\n");
        for (TargetReport.CompetencyLine c : r.competencies()) {
            for (TargetReport.ItemLine i : c.indicators()) {
                for (TargetReport.Comment cm : i.comments()) {
                    b.append(String.join(";", cell(i.code()), cell(cm.group()), cell(cm.text()))).append("\r\n");
                }
            }
        }
        return b.toString();
    }

    /** A CSV cell: quoted when needed; a leading = + - @ is defused so Excel never runs a comment as a formula. */
    private static String cell(String v) {
        String text = v == null ? "" : v;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static String apiLanguage(Context ctx) {
        return "en".equals(ctx.queryParam("lang")) ? "en" : "ru";
    }
}
