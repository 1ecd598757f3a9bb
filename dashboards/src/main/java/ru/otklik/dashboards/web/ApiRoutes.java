package ru.otklik.dashboards.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.alert.AlertFeedQuery;
import ru.otklik.dashboards.clickhouse.Granularity;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.office.OfficeCharts;
import ru.otklik.dashboards.office.OfficeIndicatorsQuery;
import ru.otklik.dashboards.office.TrackedItem;
import ru.otklik.dashboards.region.RegionOfficesQuery;
import ru.otklik.dashboards.region.RegionsQuery;

/**
 * The JSON API the live pages poll. Order of checks: signed in (401), allowed to see the code (403,
 * also for codes that do not exist, so nothing is revealed), code known (404, federal only), window valid (400).
 */
final class ApiRoutes {

    private static final String WINDOWS = Arrays.stream(TimeWindow.values()).map(TimeWindow::code)
            .collect(Collectors.joining("|"));

    private final SessionGuard guard;
    private final OfficeDirectory directory;
    private final OfficeIndicatorsQuery officeIndicators;
    private final OfficeCharts charts;
    private final RegionOfficesQuery regionOffices;
    private final RegionsQuery regions;
    private final AlertFeedQuery alerts;

    ApiRoutes(SessionGuard guard, OfficeDirectory directory, OfficeIndicatorsQuery officeIndicators,
              OfficeCharts charts, RegionOfficesQuery regionOffices, RegionsQuery regions, AlertFeedQuery alerts) {
        this.guard = guard;
        this.directory = directory;
        this.officeIndicators = officeIndicators;
        this.charts = charts;
        this.regionOffices = regionOffices;
        this.regions = regions;
        this.alerts = alerts;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/offices/{office}/indicators", guard.api((ctx, viewer) -> {
            String office = allowedOffice(ctx, viewer);
            Optional<TimeWindow> window = office == null ? Optional.empty() : window(ctx);
            if (window.isPresent()) {
                json(ctx, officeIndicators.run(office, window.get(), apiLanguage(ctx)));
            }
        }));
        routes.get("/api/v1/offices/{office}/history", guard.api((ctx, viewer) -> {
            String office = allowedOffice(ctx, viewer);
            if (office == null) {
                return;
            }
            Optional<Granularity> granularity = Granularity.parse(ctx.queryParam("granularity"));
            if (granularity.isEmpty()) {
                ApiErrors.send(ctx, 400, "bad_request", "granularity must be day|hour");
                return;
            }
            Optional<TrackedItem> item = item(ctx);
            String audience = item.isEmpty() ? null : audience(ctx);
            if (audience != null) {
                json(ctx, charts.history().run(office, granularity.get(), item.get(), audience, apiLanguage(ctx)));
            }
        }));
        routes.get("/api/v1/offices/{office}/profile", guard.api((ctx, viewer) -> {
            String office = allowedOffice(ctx, viewer);
            Optional<TrackedItem> item = office == null ? Optional.empty() : item(ctx);
            String audience = item.isEmpty() ? null : audience(ctx);
            if (audience != null) {
                json(ctx, charts.profile().run(office, item.get(), audience, apiLanguage(ctx)));
            }
        }));
        // employee figures: the same scope rule as the office itself (office head, its region, federal)
        routes.get("/api/v1/offices/{office}/breakdown", guard.api((ctx, viewer) -> {
            String office = allowedOffice(ctx, viewer);
            Optional<TimeWindow> window = office == null ? Optional.empty() : window(ctx);
            Optional<TrackedItem> item = window.isEmpty() ? Optional.empty() : item(ctx);
            String audience = item.isEmpty() ? null : audience(ctx);
            if (audience != null) {
                json(ctx, charts.breakdown().run(office, window.get(), item.get(), audience, apiLanguage(ctx)));
            }
        }));
        routes.get("/api/v1/regions/{region}/offices", guard.api((ctx, viewer) -> {
            String region = ctx.pathParam("region");
            if (!allowedRegion(ctx, viewer, region)) {
                return;
            }
            Optional<TimeWindow> window = window(ctx);
            if (window.isPresent()) {
                json(ctx, regionOffices.run(region, window.get()));
            }
        }));
        routes.get("/api/v1/regions", guard.api((ctx, viewer) -> {
            if (!allowedAllRegions(ctx, viewer)) {
                return;
            }
            Optional<TimeWindow> window = window(ctx);
            if (window.isPresent()) {
                json(ctx, regions.run(window.get()));
            }
        }));
        // the alert feed of the viewer's scope; region= and office= narrow it within that scope
        routes.get("/api/v1/alerts", guard.api((ctx, viewer) -> {
            String office = blankToNull(ctx.queryParam("office"));
            String region = blankToNull(ctx.queryParam("region"));
            if ((office != null && !allowedOffice(ctx, viewer, office)) || (region != null && !allowedRegion(ctx, viewer, region))) {
                return;
            }
            Optional<AlertFeedQuery.Status> status = AlertFeedQuery.Status.parse(ctx.queryParam("status"));
            if (status.isEmpty()) {
                ApiErrors.send(ctx, 400, "bad_request", "status must be open|all");
                return;
            }
            json(ctx, alerts.run(viewer.scope(), region, office, status.get(), apiLanguage(ctx)));
        }));
        routes.get("/api/v1/me", guard.api((ctx, viewer) -> json(ctx, java.util.Map.of(
                "username", viewer.user().username(),
                "role", viewer.user().role().code(),
                "scope", viewer.user().scope() == null ? "" : viewer.user().scope(),
                "home", viewer.scope().homePath()))));
    }

    /** The office path parameter if the viewer may see it and it exists, else null after answering 403/404. */
    private String allowedOffice(Context ctx, Viewer viewer) {
        String office = ctx.pathParam("office");
        return allowedOffice(ctx, viewer, office) ? office : null;
    }

    /**
     * Whether the viewer may see {@code office} and it exists; if not, 403 or 404 has been answered. Also the live
     * stream's rule ({@link LiveRoutes}): a page's stream is allowed exactly when its API is.
     */
    boolean allowedOffice(Context ctx, Viewer viewer, String office) {
        if (!viewer.scope().allowsOffice(office)) {
            forbidden(ctx);
            return false;
        }
        if (directory.office(office).isEmpty()) {
            ApiErrors.send(ctx, 404, "not_found", "unknown office " + office);
            return false;
        }
        return true;
    }

    /** The same for a region. */
    boolean allowedRegion(Context ctx, Viewer viewer, String region) {
        if (!viewer.scope().allowsRegion(region)) {
            forbidden(ctx);
            return false;
        }
        if (!directory.hasRegion(region)) {
            ApiErrors.send(ctx, 404, "not_found", "unknown region " + region);
            return false;
        }
        return true;
    }

    /** Whether the viewer sees every region (the federal overview); if not, 403 has been answered. */
    boolean allowedAllRegions(Context ctx, Viewer viewer) {
        if (!viewer.scope().allowsAllRegions()) {
            forbidden(ctx);
            return false;
        }
        return true;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The tracked item ({@code questionId}, default the pooled index), or empty after answering 400. */
    private Optional<TrackedItem> item(Context ctx) {
        Optional<TrackedItem> item = charts.items().parse(ctx.queryParam("questionId"));
        if (item.isEmpty()) {
            ApiErrors.send(ctx, 400, "bad_request", "unknown questionId");
        }
        return item;
    }

    /** The audience (default all), or null after answering 400. */
    private static String audience(Context ctx) {
        String audience = ctx.queryParam("audience");
        if (audience == null || audience.isBlank()) {
            return ScopeLevel.ALL_AUDIENCES;
        }
        if (!OfficeIndicatorsQuery.AUDIENCES.contains(audience)) {
            ApiErrors.send(ctx, 400, "bad_request", "audience must be one of " + String.join("|", OfficeIndicatorsQuery.AUDIENCES));
            return null;
        }
        return audience;
    }

    /** The window, or empty after answering 400. */
    private static Optional<TimeWindow> window(Context ctx) {
        Optional<TimeWindow> window = TimeWindow.parse(ctx.queryParam("window"));
        if (window.isEmpty()) {
            ApiErrors.send(ctx, 400, "bad_request", "window must be one of " + WINDOWS);
        }
        return window;
    }

    /** API labels: {@code lang=en|ru}, else the remembered page language, else Russian. */
    static String apiLanguage(Context ctx) {
        String lang = ctx.queryParam("lang");
        if ("en".equals(lang) || "ru".equals(lang)) {
            return lang;
        }
        return "en".equals(ctx.cookie(Lang.COOKIE)) ? "en" : "ru";
    }

    private static void forbidden(Context ctx) {
        ApiErrors.send(ctx, 403, "forbidden", "outside your access scope");
    }

    private static void json(Context ctx, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(JsonBody.write(body));
    }
}
