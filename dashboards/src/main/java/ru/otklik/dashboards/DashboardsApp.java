package ru.otklik.dashboards;

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
import ru.otklik.dashboards.clickhouse.ResponseSumsQuery;
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

    private DashboardsApp(Javalin javalin) {
        this.javalin = javalin;
    }

    public static DashboardsApp start(DashboardsConfig config) {
        if (!Files.isRegularFile(config.usersFile())) {
            throw new IllegalStateException("users file not found: " + config.usersFile().toAbsolutePath()
                    + " (write one with ru.otklik.dashboards.access.DemoUsers)");
        }
        OfficeDirectory directory = OfficeDirectory.pilot();
        SurveyItems items = new SurveyItems(SurveyCatalog.builtIn());
        UserAccounts accounts = new UserAccounts(UsersFile.read(config.usersFile()), directory);
        Clock clock = Clock.systemUTC();
        SessionCookie cookies = new SessionCookie(sessionSecret(config), Duration.ofHours(config.sessionHours()), clock);

        ClickHouseReader reader = new ClickHouseReader(config.clickHouseUrl(),
                Duration.ofSeconds(config.clickHouseTimeoutSeconds()));
        WindowRowsQuery windows = new WindowRowsQuery(reader);
        ResponseSumsQuery responses = new ResponseSumsQuery(reader);
        HistoryQuery history = new HistoryQuery(reader);
        int minimumSample = config.minimumSample();
        OfficeCharts charts = new OfficeCharts(new TrackedItems(items),
                new OfficeHistoryQuery(directory, history, minimumSample, clock),
                new OfficeProfileQuery(directory, history, minimumSample, clock),
                new OfficeBreakdownQuery(directory, windows, minimumSample));
        DashboardsWeb web = new DashboardsWeb(directory, accounts, cookies, config.secureCookies(),
                new OfficeIndicatorsQuery(directory, items, windows, responses, minimumSample,
                        config.cesExtremesJoinNeighbours(), clock),
                charts,
                new RegionOfficesQuery(directory, items, windows, responses, minimumSample, clock),
                new RegionsQuery(directory, items, windows, responses, minimumSample, clock),
                config.refreshSeconds(), minimumSample);

        Javalin javalin = Javalin.create(c -> {
            web.configure(c);
            ServerHardening.apply(c, config.http(), config.port()); // host, limits, timeouts, slow clients
        }).start();
        LOG.info("dashboards started port={} users={} config={}", javalin.port(), accounts.size(), config);
        return new DashboardsApp(javalin);
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

    @Override
    public void close() {
        javalin.stop();
        LOG.info("dashboards stopped");
    }
}
