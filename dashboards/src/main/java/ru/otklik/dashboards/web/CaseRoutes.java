package ru.otklik.dashboards.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.cases.CaseRecord;
import ru.otklik.dashboards.cases.CaseResponses;
import ru.otklik.dashboards.cases.Cases;
import ru.otklik.dashboards.cases.CauseStatistics;

/**
 * The case queue (domain §8): low-scored comments and drop alerts become cases for the office head, who records
 * the cause (from the weighted catalogue) and the corrective action, then a follow-up that closes the case.
 * <ul>
 *   <li>{@code GET /cases} — the page (office, region or all, as the viewer's scope allows);</li>
 *   <li>{@code GET /api/v1/cases?office=|region=&filter=active|overdue|closed|all&page=N} — one page of cases,
 *   newest first, with the comment and the scores each came with, age and overdue status;</li>
 *   <li>{@code POST /api/v1/cases/{id}/action} {@code {"cause": code, "action": text}} and
 *   {@code POST /api/v1/cases/{id}/follow-up} {@code {"followUp": text}} — office heads for their office and
 *   regional managers for their region; federal users read only;</li>
 *   <li>{@code GET /api/v1/cases/statistics?office=|region=&days=90} — the cause statistics of the place.</li>
 * </ul>
 * Refusals: 400 naming the field and rule, 403 (scope, read-only role, anti-CSRF token), 404 for a case outside
 * the scope, 409 for a step out of order, 503 without an operational store.
 */
final class CaseRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(CaseRoutes.class);
    static final int PAGE_SIZE = 20;
    static final int MIN_TEXT = 3;
    static final int MAX_TEXT = 2000;

    private final SessionGuard guard;
    private final OfficeDirectory directory;
    private final SurveyCatalog surveys;
    private final Cases cases; // null without an operational store
    private final CaseResponses responses;
    private final Clock clock;

    CaseRoutes(SessionGuard guard, OfficeDirectory directory, SurveyCatalog surveys, Cases cases, CaseResponses responses,
               Clock clock) {
        this.guard = guard;
        this.directory = directory;
        this.surveys = surveys;
        this.cases = cases;
        this.responses = responses;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/cases", guard.api((ctx, viewer) -> {
            Cases.Place place = place(ctx, viewer);
            Cases.Filter filter = Cases.Filter.parse(Optional.ofNullable(ctx.queryParam("filter")).orElse("active"))
                    .orElseThrow(() -> new ApiError(400, "bad_request", "filter must be active, overdue, closed or all"));
            int page = number(ctx, "page", 0, 0, 10_000);
            String lang = Lang.resolve(ctx);
            List<CaseRecord> list = store().list(place, filter, PAGE_SIZE, page * PAGE_SIZE);
            Map<String, CaseResponses.Said> said = responses.of(
                    list.stream().filter(c -> c.responseId() != null).map(CaseRecord::responseId).toList(),
                    list.stream().map(CaseRecord::officeCode).toList());
            Instant now = clock.instant();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("place", placeView(place));
            out.put("filter", filter.code());
            out.put("page", page);
            out.put("pageSize", PAGE_SIZE);
            out.put("total", store().count(place, filter));
            out.put("cases", list.stream().map(c -> view(c, said.get(c.responseId()), now, lang)).toList());
            out.put("causes", store().causes().stream().filter(Cases.Cause::active)
                    .map(c -> Map.of("code", c.cause().code(), "title", c.cause().title(lang),
                            "weight", c.cause().weight())).toList());
            out.put("canAct", viewer.user().role() == Role.OFFICE || viewer.user().role() == Role.REGION);
            json(ctx, out);
        }));
        routes.get("/api/v1/cases/statistics", guard.api((ctx, viewer) -> {
            Cases.Place place = place(ctx, viewer);
            int days = number(ctx, "days", 90, 1, 3650);
            String lang = Lang.resolve(ctx);
            CauseStatistics s = store().statistics(place, clock.instant().minus(Duration.ofDays(days)));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("place", placeView(place));
            out.put("days", days);
            out.put("open", s.open());
            out.put("inProgress", s.inProgress());
            out.put("closed", s.closed());
            out.put("overdue", s.overdue());
            out.put("medianDaysToClose", s.medianDaysToClose());
            out.put("causes", s.causes().stream().map(r -> Map.of("code", r.cause().code(), "title", r.cause().title(lang),
                    "weight", r.cause().weight(), "cases", r.cases(), "share", r.share(),
                    "weightedShare", r.weightedShare())).toList());
            json(ctx, out);
        }));
        routes.post("/api/v1/cases/{caseId}/action", guard.apiChange((ctx, viewer) -> {
            CaseRecord c = actionable(ctx, viewer);
            JsonNode body = JsonBody.readObject(ctx);
            String cause = text(body, "cause", 1, 40);
            String action = text(body, "action", MIN_TEXT, MAX_TEXT);
            if (store().causes().stream().noneMatch(k -> k.active() && k.cause().code().equals(cause))) {
                throw new ApiError(400, "bad_request", "cause must be a code of the catalogue (GET /api/v1/cases lists them)");
            }
            CaseRecord updated = store().recordAction(c.caseId(), cause, action, viewer.user().username())
                    .orElseThrow(() -> new ApiError(409, "case_closed", "the case is closed; its action cannot change"));
            LOG.info("event=case_action case={} office={} cause={} by={}", c.caseId(), c.officeCode(), cause,
                    viewer.user().username());
            json(ctx, view(updated, null, clock.instant(), Lang.resolve(ctx)));
        }));
        routes.post("/api/v1/cases/{caseId}/follow-up", guard.apiChange((ctx, viewer) -> {
            CaseRecord c = actionable(ctx, viewer);
            JsonNode body = JsonBody.readObject(ctx);
            String followUp = text(body, "followUp", MIN_TEXT, MAX_TEXT);
            CaseRecord updated = store().recordFollowUp(c.caseId(), followUp, viewer.user().username())
                    .orElseThrow(() -> new ApiError(409, CaseRecord.CLOSED.equals(c.status()) ? "case_closed" : "no_action",
                            CaseRecord.CLOSED.equals(c.status()) ? "the case is closed already"
                                    : "record the cause and the corrective action first"));
            LOG.info("event=case_closed case={} office={} by={}", c.caseId(), c.officeCode(), viewer.user().username());
            json(ctx, view(updated, null, clock.instant(), Lang.resolve(ctx)));
        }));
        // the page shell; cases.js draws the list, the forms and the cause chart from the API
        routes.get("/cases", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            Cases.Place place;
            try {
                place = place(ctx, viewer);
            } catch (ApiError e) {
                PageRoutes.problem(ctx, viewer, lang, e.getStatus() == 403 ? 403 : 404, e.getStatus() == 403 ? "forbidden" : "notFound");
                return;
            }
            String title = PageTexts.get("casesTitle", lang) + " · " + placeName(place, lang);
            String query = place.officeCode() != null ? "office=" + place.officeCode()
                    : place.regionCode() != null ? "region=" + place.regionCode() : "";
            String back = "<a class=\"back\" href=\"" + Html.esc(place.officeCode() != null ? "/offices/" + place.officeCode()
                    : place.regionCode() != null ? "/regions/" + place.regionCode() : "/regions") + "\">← "
                    + Html.esc(placeName(place, lang)) + "</a>";
            String main = back + "<h1 id=\"title\">" + Html.esc(title) + "</h1>"
                    + "<p class=\"hint\">" + Html.esc(PageTexts.get("casesHint", lang)) + "</p>"
                    + "<section class=\"cards four\" id=\"case-totals\">"
                    + PageRoutes.card("cases-open", PageTexts.get("casesOpen", lang)) + PageRoutes.card("cases-progress", PageTexts.get("casesInProgress", lang))
                    + PageRoutes.card("cases-overdue", PageTexts.get("casesOverdue", lang)) + PageRoutes.card("cases-closed", PageTexts.get("casesClosed", lang))
                    + "</section>"
                    + "<section class=\"panel\"><div class=\"seg\" id=\"case-filter\" role=\"group\">"
                    + filterButton("active", lang) + filterButton("overdue", lang) + filterButton("closed", lang)
                    + filterButton("all", lang) + "</div>"
                    + "<ol id=\"cases\" class=\"cases\" aria-live=\"polite\"></ol>"
                    + "<div class=\"pager\"><button type=\"button\" id=\"prev\">←</button> <span id=\"page-no\"></span>"
                    + " <button type=\"button\" id=\"next\">→</button></div></section>"
                    + "<section class=\"panel\"><h2>" + Html.esc(PageTexts.get("causesTitle", lang)) + "</h2>"
                    + "<p class=\"hint\">" + Html.esc(PageTexts.get("causesHint", lang)) + "</p>"
                    + "<p class=\"hint legend\"><span class=\"key\"><span class=\"dot\"></span>"
                    + Html.esc(PageTexts.get("plainShare", lang)) + "</span> <span class=\"key weighted\"><span class=\"dot\">"
                    + "</span>" + Html.esc(PageTexts.get("weightedShare", lang)) + "</span></p>"
                    + "<div id=\"causes\"></div></section>"
                    + "<footer class=\"status\"><span id=\"status\" role=\"status\"></span></footer>";
            Map<String, String> data = new LinkedHashMap<>();
            data.put("page", "cases");
            data.put("lang", lang);
            data.put("csrf", guard.csrfToken(ctx));
            data.put("query", query);
            data.put("zone", place.officeCode() != null ? RegionTimeZone.of(directory.office(place.officeCode())
                    .map(Office::regionCode).orElse("")).getId() : place.regionCode() != null
                    ? RegionTimeZone.of(place.regionCode()).getId() : RegionTimeZone.MOSCOW.getId());
            ctx.html(PageLayout.render(lang, title, data, viewer.user().username(), ctx.path(), main, "/assets/cases.js"));
        }));
    }

    private static String filterButton(String code, String lang) {
        return "<button type=\"button\" data-filter=\"" + code + "\">" + Html.esc(PageTexts.get("casesFilter_" + code, lang))
                + "</button>";
    }

    private Cases store() {
        if (cases == null) {
            throw new ApiError(503, "operational_store_unavailable", "cases are kept in the operational store, and none"
                    + " is configured (OTKLIK_POSTGRES_URL)");
        }
        return cases;
    }

    /** The place of the request: {@code office=} or {@code region=} if given and in scope, else the viewer's own. */
    private Cases.Place place(Context ctx, Viewer viewer) {
        String office = ctx.queryParam("office");
        String region = ctx.queryParam("region");
        if (office != null) {
            if (!viewer.scope().allowsOffice(office)) {
                throw new ApiError(403, "forbidden", "this office is outside your scope");
            }
            if (directory.office(office).isEmpty()) {
                throw new ApiError(404, "not_found", "no such office");
            }
            return Cases.Place.office(office);
        }
        if (region != null) {
            if (!viewer.scope().allowsRegion(region)) {
                throw new ApiError(403, "forbidden", "this region is outside your scope");
            }
            if (!directory.hasRegion(region)) {
                throw new ApiError(404, "not_found", "no such region");
            }
            return Cases.Place.region(region);
        }
        return switch (viewer.user().role()) {
            case OFFICE -> Cases.Place.office(viewer.scope().scope());
            case REGION -> Cases.Place.region(viewer.scope().scope());
            case FEDERAL, ADMIN -> Cases.Place.ALL;
        };
    }

    private String placeName(Cases.Place place, String lang) {
        if (place.officeCode() != null) {
            return directory.office(place.officeCode()).map(Office::name).orElse(place.officeCode());
        }
        if (place.regionCode() != null) {
            return directory.regions().getOrDefault(place.regionCode(), place.regionCode());
        }
        return PageTexts.get("allRegions", lang);
    }

    private Map<String, Object> placeView(Cases.Place place) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("office", place.officeCode());
        p.put("region", place.regionCode());
        return p;
    }

    /** The case of the path if the viewer may work on it: in scope (404 alike otherwise) and not a federal reader. */
    private CaseRecord actionable(Context ctx, Viewer viewer) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("caseId"));
        } catch (NumberFormatException e) {
            throw new ApiError(404, "not_found", "no such case");
        }
        CaseRecord c = store().find(id).filter(k -> viewer.scope().allowsOffice(k.officeCode()))
                .orElseThrow(() -> new ApiError(404, "not_found", "no such case"));
        if (viewer.user().role() == Role.FEDERAL || viewer.user().role() == Role.ADMIN) {
            throw new ApiError(403, "forbidden", "federal users read the case queue; the office head or the regional"
                    + " manager works on it");
        }
        return c;
    }

    private Map<String, Object> view(CaseRecord c, CaseResponses.Said said, Instant now, String lang) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.caseId());
        v.put("kind", c.kind());
        v.put("office", c.officeCode());
        v.put("officeName", directory.office(c.officeCode()).map(Office::name).orElse(c.officeCode()));
        v.put("region", c.regionCode());
        v.put("touchpoint", c.touchpointId());
        v.put("channel", c.channel());
        v.put("alertType", c.alertType());
        v.put("alertId", c.alertId());
        v.put("alertTitle", c.alertType() == null ? null : ru.otklik.dashboards.alert.AlertFeedQuery.title(c.alertType(), lang));
        v.put("responseId", c.responseId());
        v.put("occurredAt", iso(c.occurredAt()));
        v.put("openedAt", iso(c.openedAt()));
        v.put("dueAt", iso(c.dueAt()));
        v.put("status", c.status());
        v.put("overdue", c.overdue(now));
        v.put("ageDays", Math.round(c.age(now).toMinutes() / 144.0) / 10.0);
        List<Map<String, Object>> items = new ArrayList<>();
        for (String q : c.lowItems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", q);
            // question ids keep their meaning across a survey's versions: any version that has the item names it
            item.put("label", surveys.all().stream().filter(s -> s.id().equals(c.surveyId()))
                    .flatMap(s -> s.question(q).stream()).findFirst().map(Question::text).map(t -> t.in(lang)).orElse(q));
            item.put("score", said == null ? null : said.scores().get(q));
            items.add(item);
        }
        v.put("lowItems", items);
        v.put("comment", said == null ? null : said.comment());
        v.put("cause", c.causeCode());
        v.put("action", c.action());
        v.put("actionBy", c.actionBy());
        v.put("actionAt", iso(c.actionAt()));
        v.put("followUp", c.followUp());
        v.put("followUpBy", c.followUpBy());
        v.put("closedAt", iso(c.closedAt()));
        return v;
    }

    private static String iso(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static int number(Context ctx, String param, int fallback, int min, int max) {
        String value = ctx.queryParam(param);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, "bad_request", param + " must be a whole number from " + min + " to " + max);
    }

    private static String text(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new ApiError(400, "bad_request", field + " is required (a string)");
        }
        String text = value.asText().strip();
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw new ApiError(400, "bad_request", field + " must have " + min + " to " + max + " characters");
        }
        return text;
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(JsonBody.write(value));
    }
}
