package ru.otklik.dashboards;

import ru.otklik.dashboards.cases.CaseIntake;
import ru.otklik.dashboards.cases.CaseResponses;
import ru.otklik.dashboards.cases.Cases;
import ru.otklik.dashboards.delivery.AlertDelivery;
import ru.otklik.dashboards.delivery.Notifications;
import ru.otklik.dashboards.review.FlagReviews;
import ru.otklik.dashboards.review.ReviewPublisher;
import ru.otklik.common.operational.OperationalStore;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.dashboards.access.SessionCookie;
import ru.otklik.dashboards.access.UserAccounts;
import ru.otklik.dashboards.access.UsersFile;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.clickhouse.ResponseWindowQuery;
import ru.otklik.dashboards.clickhouse.WatermarkQuery;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;
import ru.otklik.dashboards.figures.SurveyItems;
import ru.otklik.dashboards.office.OfficeBreakdownQuery;
import ru.otklik.dashboards.office.OfficeCharts;
import ru.otklik.dashboards.office.OfficeHistoryQuery;
import ru.otklik.dashboards.office.OfficeIndicatorsQuery;
import ru.otklik.dashboards.office.OfficeProfileQuery;
import ru.otklik.dashboards.office.TrackedItems;
import ru.otklik.dashboards.region.RegionOfficesQuery;
import ru.otklik.dashboards.region.RegionsQuery;
import ru.otklik.dashboards.web.DashboardsWeb;
import ru.otklik.dashboards.web.ServerHardening;

/** A running dashboards server. {@code start} with port 0 picks a free port (see {@link #port()}). */
public final class DashboardsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardsApp.class);

    private final Javalin javalin;
    private final OperationalStore store; // null without one
    private final ReviewPublisher publisher; // likewise
    private final AlertDelivery delivery; // null without a store or without routes
    private final CaseIntake intake; // null without a store
    private final AutoCloseable assignments; // the 360 matrices' relay, null without a store
    private final AutoCloseable checklistRelay; // the checklists' reports relay, null without a store
    private final AutoCloseable versions; // the methodology versions' relay, null without a store
    private final AutoCloseable weeklyReports; // the weekly reports' e-mail schedule, null without a store
    private ru.otklik.dashboards.live.LiveWatchers live; // the live pages' watchers

    private DashboardsApp(Javalin javalin, OperationalStore store, ReviewPublisher publisher, AlertDelivery delivery,
                          CaseIntake intake, AutoCloseable assignments, AutoCloseable checklistRelay,
                          AutoCloseable versions, AutoCloseable weeklyReports) {
        this.javalin = javalin;
        this.weeklyReports = weeklyReports;
        this.checklistRelay = checklistRelay;
        this.versions = versions;
        this.assignments = assignments;
        this.intake = intake;
        this.store = store;
        this.publisher = publisher;
        this.delivery = delivery;
    }

    public static DashboardsApp start(DashboardsConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * @param figuresClock the wall clock the answers are stamped with ({@code updatedAt}, against which a page
     *                     says how old its figures are); tests pin it to look at an idle stream days later
     */
    public static DashboardsApp start(DashboardsConfig config, Clock figuresClock) {
        OfficeDirectory directory = OfficeDirectory.pilot();
        SurveyItems items = new SurveyItems(SurveyCatalog.builtIn());
        Clock clock = Clock.systemUTC();

        // the operational store: flag reviews recorded there and relayed to Kafka (none: reviews answer 503)
        OperationalStore store = null;
        FlagReviews reviews = null;
        ReviewPublisher publisher = null;
        if (config.operational().configured()) {
            store = OperationalStore.open(config.operational().store());
            reviews = new FlagReviews(store.dataSource());
            publisher = new ReviewPublisher(reviews, config.operational().kafkaBootstrap(),
                    config.operational().reviewsTopic(), Duration.ofSeconds(2));
        } else {
            LOG.warn("no operational store configured (OTKLIK_POSTGRES_URL): flag reviews are unavailable");
        }
        // accounts: in the operational store when there is one (the users file imported at the first start), else the file
        ru.otklik.dashboards.access.AccountRules rules = new ru.otklik.dashboards.access.AccountRules(directory);
        ru.otklik.dashboards.access.StoredAccounts storedAccounts = null;
        UserAccounts accounts;
        if (store != null) {
            storedAccounts = new ru.otklik.dashboards.access.StoredAccounts(store.dataSource(), rules);
            if (Files.isRegularFile(config.usersFile())) {
                int imported = storedAccounts.importIfEmpty(UsersFile.read(config.usersFile()));
                if (imported > 0) {
                    LOG.info("event=accounts_imported count={} from={}", imported, config.usersFile().toAbsolutePath());
                }
            }
            if (storedAccounts.size() == 0) {
                throw new IllegalStateException("no dashboard accounts: the operational store has none and there is no"
                        + " users file to import at " + config.usersFile().toAbsolutePath()
                        + " (write one with ru.otklik.dashboards.access.DemoUsers)");
            }
            accounts = new UserAccounts(storedAccounts, directory);
        } else {
            if (!Files.isRegularFile(config.usersFile())) {
                throw new IllegalStateException("users file not found: " + config.usersFile().toAbsolutePath()
                        + " (write one with ru.otklik.dashboards.access.DemoUsers)");
            }
            accounts = new UserAccounts(UsersFile.read(config.usersFile()), directory);
        }
        // the case queue: opened from Kafka (low-scored comments, drop alerts), worked on in the pages
        Cases cases = null;
        CaseIntake intake = null;
        if (store != null) {
            cases = new Cases(store.dataSource(), config.cases().due());
            cases.syncCatalogue(config.cases().causes());
            intake = new CaseIntake(config.cases(), cases, config.operational().kafkaBootstrap(), Clock.systemUTC());
        }
        AlertDelivery delivery = null;
        if (config.delivery().any()) {
            if (store == null) {
                throw new IllegalStateException("alert delivery (OTKLIK_ALERT_WEBHOOKS, OTKLIK_ALERT_MAIL_TO) needs the"
                        + " operational store (OTKLIK_POSTGRES_URL): it keeps what is due to whom");
            }
            delivery = new AlertDelivery(config.delivery(), new Notifications(store.dataSource()),
                    config.operational().kafkaBootstrap(), OfficeDirectory.pilot(), Clock.systemUTC());
        }

        SessionCookie cookies = new SessionCookie(sessionSecret(config), Duration.ofHours(config.sessionHours()), clock);
        ClickHouseReader reader = new ClickHouseReader(config.clickHouseUrl(),
                Duration.ofSeconds(config.clickHouseTimeoutSeconds()));
        // every view reads its place's watermark first, then the rows of the job as of it
        WatermarkQuery watermarks = new WatermarkQuery(reader);
        WindowRowsQuery windows = new WindowRowsQuery(reader);
        ResponseWindowQuery responses = new ResponseWindowQuery(reader);
        HistoryQuery history = new HistoryQuery(reader);
        // the period before each window is closed: read once a minute per place, not on every live update
        var previousTotals = new ru.otklik.dashboards.clickhouse.PreviousPeriodTotals(history, Clock.systemUTC());
        int minimumSample = config.minimumSample();
        OfficeCharts charts = new OfficeCharts(new TrackedItems(items),
                new OfficeHistoryQuery(directory, watermarks, history, minimumSample, figuresClock),
                new OfficeProfileQuery(directory, watermarks, history, minimumSample, figuresClock),
                new OfficeBreakdownQuery(directory, watermarks, windows, minimumSample));
        DashboardsWeb web = new DashboardsWeb(directory, accounts, cookies, config.secureCookies(),
                new OfficeIndicatorsQuery(directory, items, watermarks, windows, responses, previousTotals, minimumSample,
                        config.cesExtremesJoinNeighbours(), figuresClock),
                charts,
                new RegionOfficesQuery(directory, items, watermarks, windows, responses, previousTotals, minimumSample,
                        figuresClock),
                new RegionsQuery(directory, items, watermarks, windows, responses, previousTotals, minimumSample,
                        figuresClock),
                new ru.otklik.dashboards.alert.AlertFeedQuery(reader, directory, clock, reviews),
                reviews, publisher, config.refreshSeconds(), minimumSample, cases, new CaseResponses(reader));

        // 360 assessments: structure, models, sessions in the operational store; matrices relayed to Kafka
        ru.otklik.dashboards.assessment.AssessmentSessions assessments = null;
        ru.otklik.dashboards.store.OutboxRelay<ru.otklik.dashboards.assessment.AssessmentSessions.PendingAssignments>
                assignments = null;
        if (store != null) {
            assessments = new ru.otklik.dashboards.assessment.AssessmentSessions(store.dataSource());
            assignments = new ru.otklik.dashboards.store.OutboxRelay<>("assignments", assessments.outbox(),
                    config.operational().kafkaBootstrap(), config.assessment().assignmentsTopic(), Duration.ofSeconds(2));
        }
        // sessions closed at their deadline, reminders to raters with targets left (e-mail through the SMTP settings)
        ru.otklik.dashboards.assessment.RaterReminders reminders = null;
        ru.otklik.dashboards.assessment.AssessmentSchedule schedule = null;
        if (store != null) {
            reminders = new ru.otklik.dashboards.assessment.RaterReminders(store.dataSource());
            var relayOfMatrices = assignments;
            schedule = new ru.otklik.dashboards.assessment.AssessmentSchedule(assessments, reminders,
                    new ru.otklik.dashboards.delivery.MailChannel(config.delivery())::send, config.assessment(),
                    relayOfMatrices::wake, clock).start();
        }
        web.withAssessment(directory, store == null ? null : new ru.otklik.dashboards.assessment.OrgDirectory(store.dataSource()),
                assessments, config.assessment(), assignments, new ru.otklik.dashboards.assessment.AssessmentFigures(reader),
                reminders);
        web.withAccounts(storedAccounts, rules);
        // objective checklists: in the operational store, each period's whole report relayed to Kafka
        ru.otklik.dashboards.checklist.ChecklistSettings checklistSettings = config.checklists();
        ru.otklik.dashboards.checklist.Checklists checklists = null;
        ru.otklik.dashboards.store.OutboxRelay<ru.otklik.dashboards.checklist.Checklists.Pending> checklistRelay = null;
        if (store != null) {
            checklists = new ru.otklik.dashboards.checklist.Checklists(store.dataSource(), directory,
                    ru.otklik.common.checklist.ChecklistCatalogue.standard());
            checklistRelay = new ru.otklik.dashboards.store.OutboxRelay<>("checklists", checklists.outbox(),
                    config.operational().kafkaBootstrap(), checklistSettings.reportsTopic(), Duration.ofSeconds(2));
        }
        web.withChecklists(directory, checklists, checklistSettings, checklistRelay);
        // the methodology versions (version 1 published at the first start) relayed to Kafka; the composite index
        ru.otklik.dashboards.methodology.MethodologyStore methodology = null;
        ru.otklik.dashboards.store.OutboxRelay<ru.otklik.dashboards.methodology.MethodologyStore.Pending> versions = null;
        if (store != null) {
            methodology = new ru.otklik.dashboards.methodology.MethodologyStore(store.dataSource(), clock);
            if (methodology.publishDefaultIfEmpty()) {
                LOG.info("event=methodology_published version=1 by=system");
            }
            versions = new ru.otklik.dashboards.store.OutboxRelay<>("methodology", methodology.outbox(),
                    config.operational().kafkaBootstrap(), config.methodology().versionsTopic(), Duration.ofSeconds(2));
        }
        ru.otklik.dashboards.methodology.MethodologyStore titles = methodology;
        web.withIndex(directory, methodology, versions, new ru.otklik.dashboards.composite.CompositeReport(
                new ru.otklik.dashboards.composite.CompositeQuery(reader),
                v -> ru.otklik.dashboards.methodology.MethodologyStore.order(titles == null ? null : titles.cached(v))));

        // the weekly report: the place's hourly history summed over its local week (figuresClock: "last full week");
        // subscriptions and the e-mail schedule in the operational store, the PDF attached
        ru.otklik.dashboards.report.WeeklyReports weekly = new ru.otklik.dashboards.report.WeeklyReports(directory, items,
                history, reader, minimumSample, figuresClock);
        ru.otklik.dashboards.report.ReportSubscriptions subscriptions = null;
        ru.otklik.dashboards.report.WeeklyReportSchedule weeklySchedule = null;
        if (store != null) {
            subscriptions = new ru.otklik.dashboards.report.ReportSubscriptions(store.dataSource());
            UserAccounts users = accounts;
            weeklySchedule = new ru.otklik.dashboards.report.WeeklyReportSchedule(weekly, subscriptions,
                    new ru.otklik.dashboards.web.WeeklyReportMail(config.delivery().publicUrl())::letter,
                    new ru.otklik.dashboards.delivery.MailChannel(config.delivery())::send,
                    username -> users.find(username).map(users::scopeOf), config.reports(), clock).start();
        }
        web.withWeeklyReports(weekly, subscriptions);
        web.withSso(config.sso(), config.http().trustedProxies());
        // coverage of the survey wave against the quota, per office and audience
        web.withCoverage(directory, new ru.otklik.dashboards.coverage.WaveCoverageQuery(directory,
                new ru.otklik.dashboards.clickhouse.FormCounts(reader), config.coverage(), clock));
        // what people wrote: the comments of an office or region with their responses' scores
        web.withComments(directory, new ru.otklik.dashboards.comments.RespondentComments(reader, items));
        // the live pages' server push: one watcher per watched scope, one cheap query per tick
        ru.otklik.dashboards.live.LiveWatchers live = new ru.otklik.dashboards.live.LiveWatchers(
                new ru.otklik.dashboards.live.ScopeStateQuery(reader, directory), config.live(), clock);
        web.withLive(live);

        Javalin javalin = Javalin.create(c -> {
            web.configure(c);
            ServerHardening.apply(c, config.http(), config.port()); // host, limits, timeouts, slow clients
        }).start();
        LOG.info("dashboards started port={} users={} config={}", javalin.port(), accounts.size(), config);
        var relayOfAssignments = assignments;
        var scheduleOfSessions = schedule;
        DashboardsApp app = new DashboardsApp(javalin, store, publisher, delivery, intake,
                relayOfAssignments == null ? null : () -> {
                    scheduleOfSessions.close(); // first: a run in progress may wake the relay
                    relayOfAssignments.close();
                }, checklistRelay, versions, weeklySchedule);
        app.live = live;
        return app;
    }

    private static byte[] sessionSecret(DashboardsConfig config) {
        if (config.sessionSecret() != null) {
            byte[] secret = config.sessionSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 16) {
                throw new IllegalArgumentException("session secret must have at least 16 characters");
            }
            return secret;
        }
        LOG.warn("no session secret configured: using a random one, sessions end when the server restarts");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    public int port() {
        return javalin.port();
    }

    /** The live pages' watchers (their counters: {@link ru.otklik.dashboards.live.LiveWatchers#stats}). */
    public ru.otklik.dashboards.live.LiveWatchers live() {
        return live;
    }

    @Override
    public void close() {
        if (live != null) {
            live.close(); // first: open streams would hold the server's stop up
        }
        javalin.stop();
        if (weeklyReports != null) {
            try {
                weeklyReports.close();
            } catch (Exception e) {
                LOG.warn("closing the weekly report schedule failed: {}", e.toString());
            }
        }
        if (delivery != null) {
            delivery.close();
        }
        if (intake != null) {
            intake.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (assignments != null) {
            try {
                assignments.close();
            } catch (Exception e) {
                LOG.warn("closing the assignments relay failed: {}", e.toString());
            }
        }
        if (checklistRelay != null) {
            try {
                checklistRelay.close();
            } catch (Exception e) {
                LOG.warn("closing the checklists relay failed: {}", e.toString());
            }
        }
        if (versions != null) {
            try {
                versions.close();
            } catch (Exception e) {
                LOG.warn("closing the methodology relay failed: {}", e.toString());
            }
        }
        if (store != null) {
            store.close();
        }
        LOG.info("dashboards stopped");
    }
}
