package ru.otklik.dashboards;

import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.http.HttpServerSettings;

/**
 * Settings of the dashboards server, read with the shared {@link Settings} rule: an environment
 * variable beats the properties file (path in {@code OTKLIK_DASHBOARDS_CONFIG}), which beats the
 * default. A bad value fails at start naming the setting and its variable; the session secret is
 * never echoed.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>host</td><td>OTKLIK_DASHBOARDS_HOST</td><td>127.0.0.1 (0.0.0.0: every interface)</td></tr>
 * <tr><td>port</td><td>OTKLIK_DASHBOARDS_PORT</td><td>8090</td></tr>
 * <tr><td>clickhouse.url</td><td>OTKLIK_CLICKHOUSE_URL</td><td>http://127.0.0.1:18123</td></tr>
 * <tr><td>users.file</td><td>OTKLIK_DASHBOARDS_USERS</td><td>dashboards-users.json</td></tr>
 * <tr><td>refresh.seconds</td><td>OTKLIK_DASHBOARDS_REFRESH_SECONDS</td><td>5</td></tr>
 * <tr><td>minimum.sample</td><td>OTKLIK_DASHBOARDS_MINIMUM_SAMPLE</td><td>30</td></tr>
 * <tr><td>session.secret</td><td>OTKLIK_DASHBOARDS_SESSION_SECRET</td><td>random per start (16+ characters)</td></tr>
 * <tr><td>session.hours</td><td>OTKLIK_DASHBOARDS_SESSION_HOURS</td><td>12</td></tr>
 * <tr><td>cookies.secure</td><td>OTKLIK_DASHBOARDS_SECURE_COOKIES</td><td>false</td></tr>
 * <tr><td>ces.extremes-join-neighbours</td><td>OTKLIK_DASHBOARDS_CES_EXTREMES_JOIN</td><td>true</td></tr>
 * <tr><td>clickhouse.timeout.seconds</td><td>OTKLIK_CLICKHOUSE_TIMEOUT_SECONDS</td><td>10</td></tr>
 * <tr><td>trusted-proxies, http.*</td><td>OTKLIK_TRUSTED_PROXIES, OTKLIK_HTTP_*</td><td>see
 * {@link HttpServerSettings}</td></tr>
 * <tr><td>postgres.*, kafka.bootstrap, reviews.topic</td><td>OTKLIK_POSTGRES_*, OTKLIK_KAFKA_BOOTSTRAP,
 * OTKLIK_REVIEWS_TOPIC</td><td>see {@link OperationalSettings}</td></tr>
 * <tr><td>alert.*, smtp.*</td><td>OTKLIK_ALERT_*, OTKLIK_SMTP_*</td><td>see {@link DeliverySettings}</td></tr>
 * <tr><td>link.keys, public-base-url, kafka.topic.assessment-assignments</td><td>OTKLIK_LINK_KEYS,
 * OTKLIK_PUBLIC_BASE_URL, OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC</td><td>see {@link
 * ru.otklik.dashboards.assessment.AssessmentSettings}</td></tr>
 * <tr><td>kafka.topic.methodology-versions</td><td>OTKLIK_METHODOLOGY_VERSIONS_TOPIC</td><td>see {@link
 * ru.otklik.dashboards.methodology.MethodologySettings}</td></tr>
 * <tr><td>checklists.evidence.max-bytes, kafka.topic.checklist-reports</td><td>OTKLIK_EVIDENCE_MAX_BYTES,
 * OTKLIK_CHECKLIST_REPORTS_TOPIC</td><td>see {@link ru.otklik.dashboards.checklist.ChecklistSettings}</td></tr>
 * <tr><td>coverage.waves, coverage.quota.*</td><td>OTKLIK_COVERAGE_WAVES, OTKLIK_COVERAGE_QUOTA_SEEKERS,
 * OTKLIK_COVERAGE_QUOTA_EMPLOYERS</td><td>see {@link ru.otklik.dashboards.coverage.CoverageSettings}</td></tr>
 * <tr><td>sso.user-header</td><td>OTKLIK_SSO_USER_HEADER</td><td>see {@link
 * ru.otklik.dashboards.access.SsoSettings}</td></tr>
 * <tr><td>live.poll-interval, live.keep-alive, live.fallback-poll</td><td>OTKLIK_LIVE_POLL_INTERVAL,
 * OTKLIK_LIVE_KEEP_ALIVE, OTKLIK_LIVE_FALLBACK_POLL</td><td>see {@link ru.otklik.dashboards.live.LiveSettings}</td></tr>
 * <tr><td>case.*</td><td>OTKLIK_CASE_*, OTKLIK_NEGATIVE_FEEDBACK_TOPIC</td><td>see {@link CaseSettings}</td></tr>
 * <tr><td>report.weekly.day, report.weekly.time, report.schedule.interval</td><td>OTKLIK_REPORT_DAY, OTKLIK_REPORT_TIME,
 * OTKLIK_REPORT_SCHEDULE_INTERVAL</td><td>see {@link ru.otklik.dashboards.report.ReportSettings}</td></tr>
 * </table>
 *
 * @param sessionSecret HMAC key for session cookies; {@code null} means a random key per start
 *                      (every restart logs everybody out, which is acceptable for a demo only)
 * @param http bind address, trusted proxies, timeouts and the header limit (shared with ingest)
 * @param operational the operational store (PostgreSQL) and where its events go (Kafka)
 * @param live how the pages learn of new figures: the watchers' poll interval, keep-alives, the pages' fallback poll
 */
public record DashboardsConfig(int port, String clickHouseUrl, Path usersFile, int refreshSeconds,
                               int minimumSample, String sessionSecret, int sessionHours, boolean secureCookies,
                               boolean cesExtremesJoinNeighbours, int clickHouseTimeoutSeconds,
                               HttpServerSettings http, OperationalSettings operational,
                               DeliverySettings delivery, CaseSettings cases,
                               ru.otklik.dashboards.assessment.AssessmentSettings assessment,
                               ru.otklik.dashboards.methodology.MethodologySettings methodology,
                               ru.otklik.dashboards.checklist.ChecklistSettings checklists,
                               ru.otklik.dashboards.report.ReportSettings reports,
                               ru.otklik.dashboards.live.LiveSettings live,
                               ru.otklik.dashboards.coverage.CoverageSettings coverage,
                               ru.otklik.dashboards.access.SsoSettings sso) {

    public static final String CONFIG_ENV = "OTKLIK_DASHBOARDS_CONFIG";

    public DashboardsConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (refreshSeconds < 1) {
            throw new IllegalArgumentException("refreshSeconds must be at least 1");
        }
        if (minimumSample < 1) {
            throw new IllegalArgumentException("minimumSample must be at least 1");
        }
        if (sessionHours < 1) {
            throw new IllegalArgumentException("sessionHours must be at least 1");
        }
        if (clickHouseUrl == null || clickHouseUrl.isBlank()) {
            throw new IllegalArgumentException("clickHouseUrl is required");
        }
        if (http == null) {
            throw new IllegalArgumentException("http settings are required");
        }
        if (delivery == null) {
            throw new IllegalArgumentException("delivery settings are required (DeliverySettings.none() for none)");
        }
        if (cases == null) {
            throw new IllegalArgumentException("case settings are required (CaseSettings.defaults())");
        }
        if (assessment == null) {
            throw new IllegalArgumentException("assessment settings are required");
        }
        if (methodology == null) {
            throw new IllegalArgumentException("methodology settings are required (MethodologySettings.defaults())");
        }
        if (checklists == null) {
            throw new IllegalArgumentException("checklist settings are required (ChecklistSettings.defaults())");
        }
        if (reports == null) {
            throw new IllegalArgumentException("report settings are required (ReportSettings.defaults())");
        }
        if (sso == null) {
            throw new IllegalArgumentException("single sign-on settings are required (SsoSettings.off())");
        }
        if (sso.on() && http.trustedProxies().isEmpty()) {
            // a user header from anyone would let anyone sign in as anyone
            throw new IllegalArgumentException("dashboards config: sso.user-header (OTKLIK_SSO_USER_HEADER) needs the"
                    + " authenticating proxy's address in trusted-proxies (OTKLIK_TRUSTED_PROXIES)");
        }
        if (coverage == null) {
            throw new IllegalArgumentException("coverage settings are required (CoverageSettings.defaults())");
        }
        if (live == null) {
            throw new IllegalArgumentException("live settings are required (LiveSettings.defaults())");
        }
        if (operational == null) {
            throw new IllegalArgumentException("operational settings are required (OperationalSettings.none() for none)");
        }
    }

    /** The address the server binds. */
    public String host() {
        return http.host();
    }

    public static DashboardsConfig defaults() {
        return from(Settings.of("dashboards", new Properties(), Map.of()));
    }

    /** The process configuration: file from {@code OTKLIK_DASHBOARDS_CONFIG} if set, then env overrides. */
    public static DashboardsConfig fromEnvironment(Map<String, String> env) {
        return from(Settings.from("dashboards", env, CONFIG_ENV));
    }

    /** From properties alone (no environment). */
    public static DashboardsConfig fromProperties(Properties p) {
        return from(Settings.of("dashboards", p, Map.of()));
    }

    static DashboardsConfig from(Settings s) {
        String secret = s.secret("session.secret", "OTKLIK_DASHBOARDS_SESSION_SECRET", "", text -> {
            if (text != null && !text.isBlank() && text.length() < 16) {
                throw new IllegalArgumentException("must have at least 16 characters");
            }
            return text == null || text.isBlank() ? null : text;
        });
        DeliverySettings delivery = DeliverySettings.from(s);
        HttpServerSettings http = HttpServerSettings.from(s, "OTKLIK_DASHBOARDS_HOST");
        ru.otklik.dashboards.live.LiveSettings live = ru.otklik.dashboards.live.LiveSettings.from(s);
        if (live.keepAlive().compareTo(http.deadlines().idle()) >= 0) {
            // a stream with nothing written for the idle timeout is cut by the server: pages would reconnect forever
            throw s.invalid("live.keep-alive", "OTKLIK_LIVE_KEEP_ALIVE", "must be shorter than http.idle-timeout ("
                    + http.deadlines().idle() + "), got \"" + live.keepAlive() + "\"");
        }
        return new DashboardsConfig(
                s.port("port", "OTKLIK_DASHBOARDS_PORT", 8090),
                s.get("clickhouse.url", "OTKLIK_CLICKHOUSE_URL", "http://127.0.0.1:18123", SettingParser.REQUIRED_TEXT),
                Path.of(s.get("users.file", "OTKLIK_DASHBOARDS_USERS", "dashboards-users.json",
                        SettingParser.REQUIRED_TEXT)),
                s.integer("refresh.seconds", "OTKLIK_DASHBOARDS_REFRESH_SECONDS", 5, 1, 3600),
                s.integer("minimum.sample", "OTKLIK_DASHBOARDS_MINIMUM_SAMPLE", 30, 1, 1_000_000),
                secret,
                s.integer("session.hours", "OTKLIK_DASHBOARDS_SESSION_HOURS", 12, 1, 24 * 366),
                s.flag("cookies.secure", "OTKLIK_DASHBOARDS_SECURE_COOKIES", false),
                s.flag("ces.extremes-join-neighbours", "OTKLIK_DASHBOARDS_CES_EXTREMES_JOIN", true),
                s.integer("clickhouse.timeout.seconds", "OTKLIK_CLICKHOUSE_TIMEOUT_SECONDS", 10, 1, 3600),
                http,
                OperationalSettings.from(s),
                delivery, CaseSettings.from(s, delivery.alertsTopic()),
                ru.otklik.dashboards.assessment.AssessmentSettings.from(s),
                ru.otklik.dashboards.methodology.MethodologySettings.from(s),
                ru.otklik.dashboards.checklist.ChecklistSettings.from(s),
                ru.otklik.dashboards.report.ReportSettings.from(s),
                live, ru.otklik.dashboards.coverage.CoverageSettings.from(s),
                ru.otklik.dashboards.access.SsoSettings.from(s));
    }

    public DashboardsConfig withPort(int value) {
        return with(c -> c.port = value);
    }

    public DashboardsConfig withClickHouseUrl(String value) {
        return with(c -> c.clickHouseUrl = value);
    }

    public DashboardsConfig withUsersFile(Path value) {
        return with(c -> c.usersFile = value);
    }

    public DashboardsConfig withRefreshSeconds(int value) {
        return with(c -> c.refreshSeconds = value);
    }

    public DashboardsConfig withMinimumSample(int value) {
        return with(c -> c.minimumSample = value);
    }

    public DashboardsConfig withSessionSecret(String value) {
        return with(c -> c.sessionSecret = value);
    }

    public DashboardsConfig withHttp(HttpServerSettings value) {
        return with(c -> c.http = value);
    }

    public DashboardsConfig withOperational(OperationalSettings value) {
        return with(c -> c.operational = value);
    }

    public DashboardsConfig withDelivery(DeliverySettings value) {
        return with(c -> c.delivery = value);
    }

    public DashboardsConfig withCases(CaseSettings value) {
        return with(c -> c.cases = value);
    }

    public DashboardsConfig withAssessment(ru.otklik.dashboards.assessment.AssessmentSettings value) {
        return with(c -> c.assessment = value);
    }

    public DashboardsConfig withMethodology(ru.otklik.dashboards.methodology.MethodologySettings value) {
        return with(c -> c.methodology = value);
    }

    public DashboardsConfig withChecklists(ru.otklik.dashboards.checklist.ChecklistSettings value) {
        return with(c -> c.checklists = value);
    }

    public DashboardsConfig withReports(ru.otklik.dashboards.report.ReportSettings value) {
        return with(c -> c.reports = value);
    }

    public DashboardsConfig withLive(ru.otklik.dashboards.live.LiveSettings value) {
        return with(c -> c.live = value);
    }

    public DashboardsConfig withCoverage(ru.otklik.dashboards.coverage.CoverageSettings value) {
        return with(c -> c.coverage = value);
    }

    public DashboardsConfig withSso(ru.otklik.dashboards.access.SsoSettings value) {
        return with(c -> c.sso = value);
    }

    /**
     * A copy with some settings changed: one place that lists every component, so adding a setting is one field
     * here and one in the record, and the canonical constructor's checks run on every copy.
     */
    private DashboardsConfig with(java.util.function.Consumer<Change> change) {
        Change c = new Change(this);
        change.accept(c);
        return new DashboardsConfig(c.port, c.clickHouseUrl, c.usersFile, c.refreshSeconds, c.minimumSample,
                c.sessionSecret, c.sessionHours, c.secureCookies, c.cesExtremesJoinNeighbours, c.clickHouseTimeoutSeconds,
                c.http, c.operational, c.delivery, c.cases, c.assessment, c.methodology, c.checklists, c.reports, c.live,
                c.coverage, c.sso);
    }

    /** The record's components as mutable fields, for {@link #with} only. */
    private static final class Change {
        int port;
        String clickHouseUrl;
        Path usersFile;
        int refreshSeconds;
        int minimumSample;
        String sessionSecret;
        int sessionHours;
        boolean secureCookies;
        boolean cesExtremesJoinNeighbours;
        int clickHouseTimeoutSeconds;
        HttpServerSettings http;
        OperationalSettings operational;
        DeliverySettings delivery;
        CaseSettings cases;
        ru.otklik.dashboards.assessment.AssessmentSettings assessment;
        ru.otklik.dashboards.methodology.MethodologySettings methodology;
        ru.otklik.dashboards.checklist.ChecklistSettings checklists;
        ru.otklik.dashboards.report.ReportSettings reports;
        ru.otklik.dashboards.live.LiveSettings live;
        ru.otklik.dashboards.coverage.CoverageSettings coverage;
        ru.otklik.dashboards.access.SsoSettings sso;

        Change(DashboardsConfig from) {
            port = from.port;
            clickHouseUrl = from.clickHouseUrl;
            usersFile = from.usersFile;
            refreshSeconds = from.refreshSeconds;
            minimumSample = from.minimumSample;
            sessionSecret = from.sessionSecret;
            sessionHours = from.sessionHours;
            secureCookies = from.secureCookies;
            cesExtremesJoinNeighbours = from.cesExtremesJoinNeighbours;
            clickHouseTimeoutSeconds = from.clickHouseTimeoutSeconds;
            http = from.http;
            operational = from.operational;
            delivery = from.delivery;
            cases = from.cases;
            assessment = from.assessment;
            methodology = from.methodology;
            checklists = from.checklists;
            reports = from.reports;
            live = from.live;
            coverage = from.coverage;
            sso = from.sso;
        }
    }

    /** For logs: everything but the secret. */
    @Override
    public String toString() {
        return "DashboardsConfig[host=" + http.host() + ", port=" + port + ", clickHouseUrl=" + clickHouseUrl
                + ", usersFile=" + usersFile + ", refreshSeconds=" + refreshSeconds + ", minimumSample=" + minimumSample
                + ", sessionSecret=" + (sessionSecret == null ? "random" : "***") + ", sessionHours=" + sessionHours
                + ", secureCookies=" + secureCookies + ", cesExtremesJoinNeighbours=" + cesExtremesJoinNeighbours
                + ", clickHouseTimeoutSeconds=" + clickHouseTimeoutSeconds + ", trustedProxies=" + http.trustedProxies()
                + ", deadlines=" + http.deadlines() + ", maxHeaderBytes=" + http.maxHeaderBytes() + ", operational="
                + operational + ", delivery=" + delivery + ", cases=" + cases + ", assessment=" + assessment + ", methodology=" + methodology
                + ", checklists=" + checklists + ", reports=" + reports + ", live=" + live
                + ", coverage=" + coverage + ", sso=" + sso + "]";
    }
}
