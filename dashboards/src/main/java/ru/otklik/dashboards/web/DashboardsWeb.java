package ru.otklik.dashboards.web;

import ru.otklik.dashboards.review.FlagReviews;
import ru.otklik.dashboards.review.ReviewPublisher;
import ru.otklik.common.operational.OperationalStoreException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.http.Failures;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.access.SessionCookie;
import ru.otklik.dashboards.alert.AlertFeedQuery;
import ru.otklik.dashboards.access.UserAccounts;
import ru.otklik.dashboards.clickhouse.ClickHouseQueryException;
import ru.otklik.dashboards.office.OfficeCharts;
import ru.otklik.dashboards.office.OfficeIndicatorsQuery;
import ru.otklik.dashboards.region.RegionOfficesQuery;
import ru.otklik.dashboards.region.RegionsQuery;

/** Wires routes, static assets, security headers, error mapping and the one-line request log into a Javalin config. */
public final class DashboardsWeb {

    private static final Logger LOG = LoggerFactory.getLogger("ru.otklik.dashboards.http");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final SessionGuard guard;
    private final UserAccounts accounts;
    private final ApiRoutes api;
    private final PageRoutes pages;
    private final ReviewRoutes reviewRoutes;
    private final CaseRoutes caseRoutes;
    private AssessmentRoutes assessmentRoutes;
    private AssessmentReports assessmentReports; // null without an operational store
    private AccountRoutes accountRoutes;
    private ChecklistRoutes checklistRoutes;
    private MethodologyRoutes methodologyRoutes;
    private CompositeRoutes compositeRoutes;
    private ReportRoutes reportRoutes;
    private LiveRoutes liveRoutes; // null: the pages poll
    private CoverageRoutes coverageRoutes;
    private CommentRoutes commentRoutes;

    public DashboardsWeb(OfficeDirectory directory, UserAccounts accounts, SessionCookie cookies, boolean secureCookies,
                         OfficeIndicatorsQuery officeIndicators, OfficeCharts charts, RegionOfficesQuery regionOffices, RegionsQuery regions,
                         AlertFeedQuery alerts, FlagReviews reviews, ReviewPublisher publisher, int refreshSeconds,
                         int minimumSample, ru.otklik.dashboards.cases.Cases cases,
                         ru.otklik.dashboards.cases.CaseResponses caseResponses) {
        this.guard = new SessionGuard(cookies, accounts, secureCookies);
        this.accounts = accounts;
        this.api = new ApiRoutes(guard, directory, officeIndicators, charts, regionOffices, regions, alerts);
        this.reviewRoutes = new ReviewRoutes(guard, alerts, reviews, publisher);
        this.caseRoutes = new CaseRoutes(guard, directory, ru.otklik.common.survey.SurveyCatalog.builtIn(), cases,
                caseResponses, java.time.Clock.systemUTC());
        this.pages = new PageRoutes(guard, directory, charts.items(), refreshSeconds, minimumSample);
    }

    /** The 360 administration API ({@link AssessmentRoutes}); the stores and relay null without an operational store. */
    public DashboardsWeb withAssessment(OfficeDirectory directory, ru.otklik.dashboards.assessment.OrgDirectory org,
                                        ru.otklik.dashboards.assessment.AssessmentSessions sessions,
                                        ru.otklik.dashboards.assessment.AssessmentSettings settings,
                                        ru.otklik.dashboards.store.OutboxRelay<
                                                ru.otklik.dashboards.assessment.AssessmentSessions.PendingAssignments> relay,
                                        ru.otklik.dashboards.assessment.AssessmentFigures figures,
                                        ru.otklik.dashboards.assessment.RaterReminders reminders) {
        this.assessmentRoutes = new AssessmentRoutes(guard, directory, org, sessions, settings, relay, reminders);
        this.assessmentReports = org == null ? null : new AssessmentReports(guard, org, sessions, figures, settings,
                username -> accounts.store().find(username).map(ru.otklik.dashboards.access.AccountStore.Account::employeeId));
        return this;
    }

    /** Account management ({@link AccountRoutes}); {@code accounts} null without an operational store (503). */
    public DashboardsWeb withAccounts(ru.otklik.dashboards.access.StoredAccounts accounts,
                                      ru.otklik.dashboards.access.AccountRules rules) {
        this.accountRoutes = new AccountRoutes(guard, accounts, rules);
        return this;
    }

    /** The objective checklists ({@link ChecklistRoutes}); {@code checklists} null without an operational store (503). */
    /** Room for a multipart body's boundaries and part headers around the evidence file itself. */
    private static final int MULTIPART_FRAMING_BYTES = 64 * 1024;
    private int evidenceMaxBytes = ru.otklik.dashboards.checklist.ChecklistSettings.DEFAULT_EVIDENCE_MAX_BYTES;

    public DashboardsWeb withChecklists(OfficeDirectory directory, ru.otklik.dashboards.checklist.Checklists checklists,
                                        ru.otklik.dashboards.checklist.ChecklistSettings settings,
                                        ru.otklik.dashboards.store.OutboxRelay<ru.otklik.dashboards.checklist.Checklists.Pending> relay) {
        this.checklistRoutes = new ChecklistRoutes(guard, directory, checklists, settings, relay, java.time.Clock.systemUTC());
        this.evidenceMaxBytes = settings.evidenceMaxBytes();
        return this;
    }

    /** The methodology versions and the composite index (issue 13); {@code store} and {@code relay} null without PG. */
    public DashboardsWeb withIndex(OfficeDirectory directory, ru.otklik.dashboards.methodology.MethodologyStore store,
                                   ru.otklik.dashboards.store.OutboxRelay<ru.otklik.dashboards.methodology.MethodologyStore.Pending> relay,
                                   ru.otklik.dashboards.composite.CompositeReport composite) {
        this.methodologyRoutes = new MethodologyRoutes(guard, store, relay);
        this.compositeRoutes = new CompositeRoutes(guard, directory, composite, store);
        return this;
    }

    /** The weekly report of an office or region (issue 14 §5): page, CSV, PDF; subscriptions null without PG (503). */
    public DashboardsWeb withWeeklyReports(ru.otklik.dashboards.report.WeeklyReports reports,
                                           ru.otklik.dashboards.report.ReportSubscriptions subscriptions) {
        this.reportRoutes = new ReportRoutes(guard, reports, subscriptions);
        return this;
    }

    private ru.otklik.dashboards.access.SsoSettings sso = ru.otklik.dashboards.access.SsoSettings.off();
    private ru.otklik.common.http.TrustedProxies ssoProxies = ru.otklik.common.http.TrustedProxies.none();

    /** Single sign-on through an authenticating proxy (OIDC); off by default. */
    public DashboardsWeb withSso(ru.otklik.dashboards.access.SsoSettings settings,
                                 ru.otklik.common.http.TrustedProxies proxies) {
        this.sso = settings;
        this.ssoProxies = proxies;
        return this;
    }

    /** Coverage of the survey wave against the quota (issue 14 §2): API and page. */
    public DashboardsWeb withCoverage(OfficeDirectory directory, ru.otklik.dashboards.coverage.WaveCoverageQuery coverage) {
        this.coverageRoutes = new CoverageRoutes(guard, directory, coverage);
        return this;
    }

    /** What people wrote (issue 14 §4): the comments of an office or region, API and page. */
    public DashboardsWeb withComments(OfficeDirectory directory, ru.otklik.dashboards.comments.RespondentComments comments) {
        this.commentRoutes = new CommentRoutes(guard, api, directory, comments);
        return this;
    }

    /** The live pages' server push (issue 14 §1): the stream route, and the pages subscribing to it. */
    public DashboardsWeb withLive(ru.otklik.dashboards.live.LiveWatchers watchers) {
        this.liveRoutes = new LiveRoutes(guard, api, watchers);
        pages.live(watchers.settings());
        return this;
    }

    public void configure(JavalinConfig config) {
        // uploads (the 360 structure and competency files, checklist evidence) are larger than the JSON bodies,
        // which JsonBody limits; an evidence file of the configured maximum must fit with its multipart framing
        config.http.maxRequestSize = Math.max(ru.otklik.dashboards.assessment.TabularFile.MAX_BYTES,
                evidenceMaxBytes + MULTIPART_FRAMING_BYTES);
        config.startup.showJavalinBanner = false;
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/public/assets";
            files.location = Location.CLASSPATH;
        });
        ChartAssets.serve(config);
        config.requestLogger.http((ctx, ms) -> LOG.info("http method={} path={} status={} ms={} user={}",
                ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms),
                ctx.attribute("user") == null ? "-" : ctx.attribute("user")));
        config.routes.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "same-origin");
            ctx.header("X-Frame-Options", "DENY");
        });
        config.routes.get("/health", ctx -> ctx.result("ok"));
        new LoginRoutes(guard, accounts, new ru.otklik.dashboards.access.LoginThrottle(java.time.Clock.systemUTC()))
                .withSso(sso, ssoProxies)
                .register(config.routes);
        api.register(config.routes);
        if (liveRoutes != null) {
            liveRoutes.register(config.routes);
        }
        reviewRoutes.register(config.routes);
        caseRoutes.register(config.routes);
        if (assessmentRoutes != null) {
            assessmentRoutes.register(config.routes);
        }
        if (assessmentReports != null) {
            assessmentReports.register(config.routes);
        }
        if (accountRoutes != null) {
            accountRoutes.register(config.routes);
        }
        if (checklistRoutes != null) {
            checklistRoutes.register(config.routes);
            new ChecklistPages(guard, checklistRoutes).register(config.routes);
        }
        if (methodologyRoutes != null) {
            methodologyRoutes.register(config.routes);
            compositeRoutes.register(config.routes);
        }
        if (coverageRoutes != null) {
            coverageRoutes.register(config.routes);
        }
        if (reportRoutes != null) {
            reportRoutes.register(config.routes);
        }
        if (commentRoutes != null) {
            commentRoutes.register(config.routes);
        }
        pages.register(config.routes);
        // an API path no route takes (/api/v1/regions//offices, a typo) is JSON like every other API answer,
        // not the router's plain-text "Endpoint … not found"
        config.routes.error(404, "*", ctx -> {
            if (ctx.path().startsWith("/api/") && !String.valueOf(ctx.res().getContentType()).startsWith("application/json")) {
                ApiErrors.send(ctx, 404, "not_found", "no such API endpoint");
            }
        });
        config.routes.exception(ClickHouseQueryException.class, (e, ctx) -> {
            LOG.warn("clickhouse error path={} error={}", ctx.path(), e.getMessage());
            ApiErrors.send(ctx, 503, "clickhouse_unavailable", "figures are temporarily unavailable");
        });
        config.routes.exception(OperationalStoreException.class, (e, ctx) -> {
            LOG.warn("operational store error path={} error={}", ctx.path(), e.getMessage());
            ApiErrors.send(ctx, 503, "operational_store_unavailable", "decisions cannot be recorded right now");
        });
        config.routes.exception(ru.otklik.dashboards.assessment.ImportRefused.class, (e, ctx) -> {
            ctx.status(422);
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(JsonBody.write(java.util.Map.of("error", "import_refused", "message",
                    "nothing was imported: fix every problem listed and send the file again", "problems", e.problems())));
        });
        config.routes.exception(ru.otklik.dashboards.store.RefusedChange.class, (e, ctx) ->
                ApiErrors.send(ctx, e.status(), e.code(), e.getMessage()));
        config.routes.exception(ru.otklik.dashboards.checklist.ChecklistRefused.class, (e, ctx) -> {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("error", e.code());
            body.put("message", e.getMessage());
            if (e.field() != null) {
                body.put("field", e.field());
                body.put("rule", e.code());
            }
            ctx.status(e.status());
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(JsonBody.write(body));
        });
        config.routes.exception(ApiError.class, (e, ctx) -> ApiErrors.send(ctx, e.getStatus(), e.code(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // the route and the exception's classes and frames, never its messages (they can echo the request)
            LOG.error("unhandled error route={} method={} error=\"{}\"", ctx.endpoint() == null ? "-"
                    : ctx.endpoint().path, ctx.method(), Failures.describe(e));
            ApiErrors.send(ctx, 500, "internal_error", "internal error");
        });
    }

}
