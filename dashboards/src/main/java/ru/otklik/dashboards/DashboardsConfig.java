package ru.otklik.dashboards;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the dashboards server. Read from an optional properties file (path in
 * {@code OTKLIK_DASHBOARDS_CONFIG}), then environment variables override single values, so a
 * container can change one setting without shipping a file.
 *
 * @param sessionSecret HMAC key for session cookies; {@code null} means a random key per start
 *                      (every restart logs everybody out, which is acceptable for a demo only)
 */
public record DashboardsConfig(String host, int port, String clickHouseUrl, Path usersFile, int refreshSeconds,
                               int minimumSample, String sessionSecret, int sessionHours, boolean secureCookies,
                               boolean cesExtremesJoinNeighbours, int clickHouseTimeoutSeconds) {

    public static final String CONFIG_ENV = "OTKLIK_DASHBOARDS_CONFIG";

    /** property key → environment variable overriding it */
    static final Map<String, String> ENV_OVERRIDES = Map.ofEntries(
            Map.entry("host", "OTKLIK_DASHBOARDS_HOST"),
            Map.entry("port", "OTKLIK_DASHBOARDS_PORT"),
            Map.entry("clickhouse.url", "OTKLIK_CLICKHOUSE_URL"),
            Map.entry("users.file", "OTKLIK_DASHBOARDS_USERS"),
            Map.entry("refresh.seconds", "OTKLIK_DASHBOARDS_REFRESH_SECONDS"),
            Map.entry("minimum.sample", "OTKLIK_DASHBOARDS_MINIMUM_SAMPLE"),
            Map.entry("session.secret", "OTKLIK_DASHBOARDS_SESSION_SECRET"),
            Map.entry("session.hours", "OTKLIK_DASHBOARDS_SESSION_HOURS"),
            Map.entry("cookies.secure", "OTKLIK_DASHBOARDS_SECURE_COOKIES"),
            Map.entry("ces.extremes-join-neighbours", "OTKLIK_DASHBOARDS_CES_EXTREMES_JOIN"),
            Map.entry("clickhouse.timeout.seconds", "OTKLIK_CLICKHOUSE_TIMEOUT_SECONDS"));

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
    }

    public static DashboardsConfig defaults() {
        return new DashboardsConfig("0.0.0.0", 8090, "http://127.0.0.1:18123", Path.of("dashboards-users.json"), 5,
                30, null, 12, false, true, 10);
    }

    /** The process configuration: file from {@code OTKLIK_DASHBOARDS_CONFIG} if set, then env overrides. */
    public static DashboardsConfig fromEnvironment(Map<String, String> env) {
        Properties props = new Properties();
        String file = env.get(CONFIG_ENV);
        if (file != null && !file.isBlank()) {
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read dashboards config " + file, e);
            }
        }
        ENV_OVERRIDES.forEach((key, variable) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                props.setProperty(key, value);
            }
        });
        return fromProperties(props);
    }

    public static DashboardsConfig fromProperties(Properties p) {
        DashboardsConfig d = defaults();
        String secret = p.getProperty("session.secret", "");
        return new DashboardsConfig(
                p.getProperty("host", d.host()).trim(),
                intValue(p, "port", d.port()),
                p.getProperty("clickhouse.url", d.clickHouseUrl()).trim(),
                Path.of(p.getProperty("users.file", d.usersFile().toString()).trim()),
                intValue(p, "refresh.seconds", d.refreshSeconds()),
                intValue(p, "minimum.sample", d.minimumSample()),
                secret.isBlank() ? null : secret.trim(),
                intValue(p, "session.hours", d.sessionHours()),
                Boolean.parseBoolean(p.getProperty("cookies.secure", String.valueOf(d.secureCookies())).trim()),
                Boolean.parseBoolean(p.getProperty("ces.extremes-join-neighbours",
                        String.valueOf(d.cesExtremesJoinNeighbours())).trim()),
                intValue(p, "clickhouse.timeout.seconds", d.clickHouseTimeoutSeconds()));
    }

    private static int intValue(Properties p, String key, int fallback) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dashboards setting " + key + " must be a number, got '" + value + "'");
        }
    }

    public DashboardsConfig withPort(int newPort) {
        return new DashboardsConfig(host, newPort, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds);
    }

    public DashboardsConfig withClickHouseUrl(String url) {
        return new DashboardsConfig(host, port, url, usersFile, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds);
    }

    public DashboardsConfig withUsersFile(Path file) {
        return new DashboardsConfig(host, port, clickHouseUrl, file, refreshSeconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds);
    }

    public DashboardsConfig withRefreshSeconds(int seconds) {
        return new DashboardsConfig(host, port, clickHouseUrl, usersFile, seconds, minimumSample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds);
    }

    public DashboardsConfig withMinimumSample(int sample) {
        return new DashboardsConfig(host, port, clickHouseUrl, usersFile, refreshSeconds, sample,
                sessionSecret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds);
    }

    public DashboardsConfig withSessionSecret(String secret) {
        return new DashboardsConfig(host, port, clickHouseUrl, usersFile, refreshSeconds, minimumSample,
                secret, sessionHours, secureCookies, cesExtremesJoinNeighbours, clickHouseTimeoutSeconds);
    }

    /** For logs: everything but the secret. */
    @Override
    public String toString() {
        return "DashboardsConfig[host=" + host + ", port=" + port + ", clickHouseUrl=" + clickHouseUrl
                + ", usersFile=" + usersFile + ", refreshSeconds=" + refreshSeconds + ", minimumSample=" + minimumSample
                + ", sessionSecret=" + (sessionSecret == null ? "random" : "***") + ", sessionHours=" + sessionHours
                + ", secureCookies=" + secureCookies + ", cesExtremesJoinNeighbours=" + cesExtremesJoinNeighbours
                + ", clickHouseTimeoutSeconds=" + clickHouseTimeoutSeconds + "]";
    }
}
