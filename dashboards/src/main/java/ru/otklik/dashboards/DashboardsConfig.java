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

    public DashboardsConfig withPort(int newPort) {
        return new DashboardsConfig(newPort, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http, operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withClickHouseUrl(String url) {
        return new DashboardsConfig(port, url, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http, operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withUsersFile(Path file) {
        return new DashboardsConfig(port, clickHouseUrl, file, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http, operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withRefreshSeconds(int seconds) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, seconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http, operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withMinimumSample(int sample) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, sample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http, operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withSessionSecret(String secret) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                secret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http, operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withHttp(HttpServerSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, settings, operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withOperational(OperationalSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                settings, delivery, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withDelivery(DeliverySettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, settings, cases, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withCases(CaseSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, settings, assessment, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withAssessment(ru.otklik.dashboards.assessment.AssessmentSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, cases, settings, methodology, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withMethodology(ru.otklik.dashboards.methodology.MethodologySettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, cases, assessment, settings, checklists, reports, live, coverage, sso);
    }

    public DashboardsConfig withChecklists(ru.otklik.dashboards.checklist.ChecklistSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, cases, assessment, methodology, settings, reports, live, coverage, sso);
    }

    public DashboardsConfig withReports(ru.otklik.dashboards.report.ReportSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, cases, assessment, methodology, checklists, settings, live, coverage, sso);
    }

    public DashboardsConfig withLive(ru.otklik.dashboards.live.LiveSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, cases, assessment, methodology, checklists, reports, settings, coverage, sso);
    }

    public DashboardsConfig withCoverage(ru.otklik.dashboards.coverage.CoverageSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, cases, assessment, methodology, checklists, reports, live, settings, sso);
    }

    public DashboardsConfig withSso(ru.otklik.dashboards.access.SsoSettings settings) {
        return new DashboardsConfig(port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds, http,
                operational, delivery, cases, assessment, methodology, checklists, reports, live, coverage, settings);
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
