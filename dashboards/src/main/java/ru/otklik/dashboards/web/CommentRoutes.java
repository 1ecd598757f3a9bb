package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.dashboards.comments.CommentCursor;
import ru.otklik.dashboards.comments.CommentFilter;
import ru.otklik.dashboards.comments.CommentPage;
import ru.otklik.dashboards.comments.ItemScore;
import ru.otklik.dashboards.comments.RespondentComment;
import ru.otklik.dashboards.comments.RespondentComments;

/**
 * "What people wrote" (issue 14 §4): {@code GET /api/v1/offices/{office}/comments} and
 * {@code /api/v1/regions/{region}/comments} ({@code cursor}, {@code size} 1–100 default 20, {@code audience=seeker|employer})
 * and the server-rendered pages {@code /offices/{office}/comments}, {@code /regions/{region}/comments}. Access is the
 * office's and the region's own ({@link ApiRoutes#allowedOffice}/{@link ApiRoutes#allowedRegion} for the API, the same
 * {@code AccessScope} rules as {@link PageRoutes} for the pages): office staff their office, a region's manager their
 * region and its offices, federal users and admins all. Nothing that reaches a person is answered: see
 * {@link RespondentComment}.
 */
final class CommentRoutes {

    private static final DateTimeFormatter RU = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SessionGuard guard;
    private final ApiRoutes api;
    private final OfficeDirectory directory;
    private final RespondentComments comments;

    CommentRoutes(SessionGuard guard, ApiRoutes api, OfficeDirectory directory, RespondentComments comments) {
        this.guard = guard;
        this.api = api;
        this.directory = directory;
        this.comments = comments;
    }

    /** Whose comments a request is about, as the filter, the scope text and the page's names. */
    private record Place(CommentFilter filter, String scope, String regionCode, String title, String sub, String back,
                         boolean region) {
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/offices/{office}/comments", guard.api((ctx, viewer) -> {
            String office = ctx.pathParam("office");
            if (api.allowedOffice(ctx, viewer, office)) {
                json(ctx, officePlace(office));
            }
        }));
        routes.get("/api/v1/regions/{region}/comments", guard.api((ctx, viewer) -> {
            String region = ctx.pathParam("region");
            if (api.allowedRegion(ctx, viewer, region)) {
                json(ctx, regionPlace(region));
            }
        }));
        routes.get("/offices/{office}/comments", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            String code = ctx.pathParam("office");
            if (!viewer.scope().allowsOffice(code)) {
                PageRoutes.problem(ctx, viewer, lang, 403, "forbidden");
            } else if (directory.office(code).isEmpty()) {
                PageRoutes.problem(ctx, viewer, lang, 404, "notFound");
            } else {
                page(ctx, viewer, lang, officePlace(code));
            }
        }));
        routes.get("/regions/{region}/comments", guard.page((ctx, viewer) -> {
            String lang = Lang.resolve(ctx);
            String region = ctx.pathParam("region");
            if (!viewer.scope().allowsRegion(region)) {
                PageRoutes.problem(ctx, viewer, lang, 403, "forbidden");
            } else if (!directory.hasRegion(region)) {
                PageRoutes.problem(ctx, viewer, lang, 404, "notFound");
            } else {
                page(ctx, viewer, lang, regionPlace(region));
            }
        }));
    }

    private Place officePlace(String code) {
        Office o = directory.office(code).orElseThrow();
        return new Place(CommentFilter.office(o.regionCode(), o.code()), "office:" + o.code(), o.regionCode(), o.name(),
                o.regionName() + " · " + o.code(), "/offices/" + o.code(), false);
    }

    private Place regionPlace(String region) {
        String name = directory.regions().get(region);
        return new Place(CommentFilter.region(region), "region:" + region, region, name, name + " · " + region,
                "/regions/" + region, true);
    }

    /** The request's audience (null: all), cursor (null: the first page) and size, or 400. */
    private record Ask(String audience, CommentCursor cursor, int size) {
    }

    private static Ask ask(Context ctx) {
        String audience = ctx.queryParam("audience");
        if (audience == null || audience.isBlank() || audience.equals("all")) {
            audience = null;
        } else if (!RespondentComments.AUDIENCES.contains(audience)) {
            throw new ApiError(400, "bad_request", "audience must be all|" + String.join("|", RespondentComments.AUDIENCES));
        }
        String cursorText = ctx.queryParam("cursor");
        CommentCursor cursor = null;
        if (cursorText != null && !cursorText.isBlank()) {
            cursor = CommentCursor.parse(cursorText).orElseThrow(() ->
                    new ApiError(400, "bad_request", "cursor must be one this API answered (older/newer)"));
        }
        String sizeText = ctx.queryParam("size");
        int size = RespondentComments.DEFAULT_SIZE;
        if (sizeText != null && !sizeText.isBlank()) {
            try {
                size = Integer.parseInt(sizeText.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > RespondentComments.MAX_SIZE) {
                throw new ApiError(400, "bad_request", "size must be 1.." + RespondentComments.MAX_SIZE);
            }
        }
        return new Ask(audience, cursor, size);
    }

    private CommentPage read(Place place, Ask ask) {
        CommentFilter filter = ask.audience() == null ? place.filter() : place.filter().withAudience(ask.audience());
        return comments.page(filter, ask.cursor(), ask.size());
    }

    private void json(Context ctx, Place place) {
        Ask ask = ask(ctx);
        String lang = ApiRoutes.apiLanguage(ctx); // the items' wording, as the other API answers' labels
        CommentPage page = read(place, ask);
        ZoneId zone = RegionTimeZone.of(place.regionCode());
        List<Map<String, Object>> list = new ArrayList<>();
        for (RespondentComment c : page.comments()) {
            Map<String, Object> m = new LinkedHashMap<>(); // a whitelist of fields: nothing else of the row is answered
            m.put("at", c.at().toString());
            m.put("localTime", c.at().atZone(zone).toOffsetDateTime().toString());
            m.put("surveyId", c.surveyId());
            m.put("audience", c.audience());
            m.put("channel", c.channel());
            m.put("officeCode", c.officeCode());
            m.put("officeName", directory.office(c.officeCode()).map(Office::name).orElse(c.officeCode()));
            m.put("text", c.text());
            List<Map<String, Object>> scores = new ArrayList<>();
            for (ItemScore s : c.scores()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("questionId", s.questionId());
                item.put("label", comments.items().label(s.questionId(), c.audience(), lang));
                item.put("score", s.score());
                item.put("low", s.low());
                scores.add(item);
            }
            m.put("scores", scores);
            list.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", place.scope());
        body.put("timeZone", zone.getId());
        body.put("audience", ask.audience() == null ? "all" : ask.audience());
        body.put("size", ask.size());
        body.put("comments", list);
        body.put("older", page.older() == null ? null : page.older().text());
        body.put("newer", page.newer() == null ? null : page.newer().text());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(JsonBody.write(body));
    }

    private void page(Context ctx, Viewer viewer, String lang, Place place) {
        Ask ask = ask(ctx);
        CommentPage page = read(place, ask);
        ZoneId zone = RegionTimeZone.of(place.regionCode());
        DateTimeFormatter format = ("en".equals(lang) ? EN : RU).withZone(zone);
        String base = place.back() + "/comments";
        StringBuilder main = new StringBuilder();
        main.append("<a class=\"back\" href=\"").append(Html.esc(place.back())).append("\">← ").append(Html.esc(place.title()))
                .append("</a><h1 id=\"title\">").append(CommentTexts.esc("title", lang)).append("</h1><p class=\"sub\">")
                .append(Html.esc(place.sub()))
                .append("</p>");
        main.append("<nav class=\"cm-filter\" id=\"audience\" aria-label=\"").append(CommentTexts.esc("audience", lang))
                .append("\">");
        for (String a : List.of("all", "seeker", "employer")) {
            boolean on = a.equals(ask.audience() == null ? "all" : ask.audience());
            main.append("<a href=\"").append(Html.esc(link(base, a, null, ask.size()))).append("\" data-audience=\"")
                    .append(a).append('"').append(on ? " aria-current=\"true\" class=\"on\"" : "").append('>')
                    .append(CommentTexts.esc(a, lang)).append("</a>");
        }
        main.append("</nav><p class=\"hint\">").append(Html.esc(CommentTexts.get("hint", lang).replace("{zone}", zone.getId())))
                .append("</p>");
        if (page.comments().isEmpty()) {
            main.append("<p class=\"hint\" id=\"comments-none\">").append(CommentTexts.esc("none", lang)).append("</p>");
        }
        main.append("<ul class=\"cm-list\" id=\"comments\">");
        for (RespondentComment c : page.comments()) {
            main.append("<li class=\"cm-item\"><div class=\"cm-meta\"><time datetime=\"").append(c.at()).append("\">")
                    .append(format.format(c.at())).append("</time><span class=\"cm-aud ").append(Html.esc(c.audience()))
                    .append("\">").append(CommentTexts.esc(c.audience(), lang)).append("</span><span class=\"cm-ch\">")
                    .append(CommentTexts.esc("ch-" + c.channel(), lang)).append("</span>");
            if (place.region()) {
                main.append("<span class=\"cm-office\">").append(Html.esc(c.officeCode())).append("</span>");
            }
            main.append("</div><p class=\"cm-text\">").append(Html.esc(c.text())).append("</p><ul class=\"cm-chips\">");
            if (c.scores().isEmpty()) {
                main.append("<li class=\"cm-chip none\">").append(CommentTexts.esc("noScores", lang)).append("</li>");
            }
            for (ItemScore s : c.scores()) {
                String label = comments.items().label(s.questionId(), c.audience(), lang);
                main.append("<li class=\"cm-chip").append(s.low() ? " low" : "").append("\" title=\"").append(Html.esc(label))
                        .append(s.low() ? " · " + CommentTexts.get("low", lang) : "").append("\">")
                        .append(Html.esc(s.questionId())).append(" <b>").append(s.score()).append("</b></li>");
            }
            main.append("</ul></li>");
        }
        main.append("</ul><nav class=\"cm-pager\" id=\"pager\">");
        String audience = ask.audience() == null ? "all" : ask.audience();
        if (page.newer() != null) {
            main.append("<a id=\"newer\" href=\"").append(Html.esc(link(base, audience, page.newer(), ask.size())))
                    .append("\">").append(CommentTexts.esc("newer", lang)).append("</a>");
        }
        if (ask.cursor() != null) {
            main.append("<a id=\"first\" href=\"").append(Html.esc(link(base, audience, null, ask.size()))).append("\">")
                    .append(CommentTexts.esc("first", lang)).append("</a>");
        }
        if (page.older() != null) {
            main.append("<a id=\"older\" href=\"").append(Html.esc(link(base, audience, page.older(), ask.size())))
                    .append("\">").append(CommentTexts.esc("older", lang)).append("</a>");
        }
        main.append("</nav>");
        ctx.header("Cache-Control", "no-store");
        // the newest page follows the place live (its stream's scope is the place's); an older page stays as it is
        boolean newest = ctx.queryParam("cursor") == null || ctx.queryParam("cursor").isBlank();
        ctx.html(PageLayout.render(lang, CommentTexts.get("title", lang) + " · " + place.title(), newest
                        ? Map.of("page", "comments", "live-scope", place.scope()) : Map.of("page", "comments"),
                viewer.user().username(), ctx.path(), main.toString(), "/assets/live-page.js"));
    }

    /** A link within the list: codes and cursors only (each validated), so nothing of the request is echoed raw. */
    private static String link(String base, String audience, CommentCursor cursor, int size) {
        StringBuilder q = new StringBuilder(base).append('?');
        q.append("audience=").append(audience);
        if (cursor != null) {
            q.append("&cursor=").append(cursor.text());
        }
        if (size != RespondentComments.DEFAULT_SIZE) {
            q.append("&size=").append(size);
        }
        return q.toString();
    }
}
