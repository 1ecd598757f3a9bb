package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardsConfigTest {

    @Test
    void defaultsWithoutFileOrEnvironment() {
        DashboardsConfig c = DashboardsConfig.fromEnvironment(Map.of());
        assertEquals(8090, c.port());
        assertEquals("http://127.0.0.1:18123", c.clickHouseUrl());
        assertEquals(5, c.refreshSeconds());
        assertEquals(30, c.minimumSample());
        assertNull(c.sessionSecret());
        assertEquals("127.0.0.1", c.host(), "reachable from outside only when told so");
        assertTrue(c.http().trustedProxies().isEmpty());
        assertEquals(12, c.sessionHours());
        assertFalse(c.secureCookies());
        assertTrue(c.cesExtremesJoinNeighbours());
        assertEquals(10, c.clickHouseTimeoutSeconds());
        assertEquals(Path.of("dashboards-users.json"), c.usersFile());
    }

    @Test
    void everyKeyHasItsVariable() {
        DashboardsConfig c = DashboardsConfig.fromEnvironment(Map.ofEntries(
                Map.entry("OTKLIK_DASHBOARDS_HOST", "0.0.0.0"),
                Map.entry("OTKLIK_CLICKHOUSE_URL", "http://ch:1"),
                Map.entry("OTKLIK_DASHBOARDS_USERS", "/etc/u.json"),
                Map.entry("OTKLIK_DASHBOARDS_SESSION_SECRET", "a-session-secret-of-32-characters"),
                Map.entry("OTKLIK_DASHBOARDS_SESSION_HOURS", "3"),
                Map.entry("OTKLIK_DASHBOARDS_SECURE_COOKIES", "true"),
                Map.entry("OTKLIK_DASHBOARDS_CES_EXTREMES_JOIN", "false"),
                Map.entry("OTKLIK_CLICKHOUSE_TIMEOUT_SECONDS", "4"),
                Map.entry("OTKLIK_TRUSTED_PROXIES", "10.0.0.0/8"),
                Map.entry("OTKLIK_HTTP_HEADER_TIMEOUT", "PT3S"),
                Map.entry("OTKLIK_EVIDENCE_MAX_BYTES", "2097152"),
                Map.entry("OTKLIK_CHECKLIST_REPORTS_TOPIC", "reports-x"),
                Map.entry("OTKLIK_METHODOLOGY_VERSIONS_TOPIC", "versions-x")));
        assertEquals("0.0.0.0", c.host());
        assertEquals("http://ch:1", c.clickHouseUrl());
        assertEquals(Path.of("/etc/u.json"), c.usersFile());
        assertEquals(3, c.sessionHours());
        assertTrue(c.secureCookies());
        assertFalse(c.cesExtremesJoinNeighbours());
        assertEquals(4, c.clickHouseTimeoutSeconds());
        assertEquals("[10.0.0.0/8]", c.http().trustedProxies().toString());
        assertEquals(java.time.Duration.ofSeconds(3), c.http().deadlines().header());
        assertEquals(2 * 1024 * 1024, c.checklists().evidenceMaxBytes());
        assertEquals("reports-x", c.checklists().reportsTopic());
        assertEquals("versions-x", c.methodology().versionsTopic());
    }

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.properties");
        Files.writeString(file, "port=9001\nclickhouse.url=http://ch:8123\nminimum.sample=50\nsession.secret=from-file-secret-1234\n");
        DashboardsConfig c = DashboardsConfig.fromEnvironment(Map.of(
                DashboardsConfig.CONFIG_ENV, file.toString(),
                "OTKLIK_DASHBOARDS_PORT", "9002",
                "OTKLIK_DASHBOARDS_REFRESH_SECONDS", "2"));
        assertEquals(9002, c.port());
        assertEquals("http://ch:8123", c.clickHouseUrl());
        assertEquals(50, c.minimumSample());
        assertEquals(2, c.refreshSeconds());
        assertEquals("from-file-secret-1234", c.sessionSecret());
        assertFalse(c.toString().contains("from-file-secret"), "the secret never reaches a log line");
    }

    @Test
    void badValuesFailLoudly() {
        assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_DASHBOARDS_PORT", "eighty")));
        assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_DASHBOARDS_MINIMUM_SAMPLE", "0")));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_DASHBOARDS_PORT", "80a")));
        assertEquals("dashboards config: port (OTKLIK_DASHBOARDS_PORT) must be a whole number 0..65535, got \"80a\"",
                port.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_DASHBOARDS_SECURE_COOKIES", "yes")));
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_DASHBOARDS_SESSION_SECRET", "short-s3cret")));
        assertTrue(secret.getMessage().contains("OTKLIK_DASHBOARDS_SESSION_SECRET"), secret.getMessage());
        assertFalse(secret.getMessage().contains("short-s3cret"), "never echoed");
        IllegalArgumentException sso = assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_SSO_USER_HEADER", "X-Forwarded-User")));
        assertTrue(sso.getMessage().contains("OTKLIK_SSO_USER_HEADER") && sso.getMessage().contains("OTKLIK_TRUSTED_PROXIES"),
                sso.getMessage());
        assertEquals("X-Forwarded-User", DashboardsConfig.fromEnvironment(Map.of("OTKLIK_SSO_USER_HEADER", "X-Forwarded-User",
                "OTKLIK_TRUSTED_PROXIES", "10.0.0.5")).sso().userHeader());
        assertThrows(IllegalArgumentException.class, () -> DashboardsConfig.fromEnvironment(Map.of(
                "OTKLIK_SSO_USER_HEADER", "X Bad: header", "OTKLIK_TRUSTED_PROXIES", "10.0.0.5")));
        IllegalArgumentException evidence = assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_EVIDENCE_MAX_BYTES", "100")));
        assertTrue(evidence.getMessage().contains("OTKLIK_EVIDENCE_MAX_BYTES"), evidence.getMessage());
    }

    @Test
    void liveSettings(@TempDir Path dir) throws Exception {
        DashboardsConfig d = DashboardsConfig.fromEnvironment(Map.of());
        assertEquals(java.time.Duration.ofMillis(500), d.live().pollInterval());
        assertEquals(java.time.Duration.ofSeconds(15), d.live().keepAlive());
        assertEquals(java.time.Duration.ofSeconds(60), d.live().fallbackPoll());
        Path file = dir.resolve("d.properties");
        Files.writeString(file, "live.poll-interval=PT1S\nlive.keep-alive=PT20S\n");
        DashboardsConfig c = DashboardsConfig.fromEnvironment(Map.of(DashboardsConfig.CONFIG_ENV, file.toString(),
                "OTKLIK_LIVE_KEEP_ALIVE", "PT5S", "OTKLIK_LIVE_FALLBACK_POLL", "PT2M"));
        assertEquals(java.time.Duration.ofSeconds(1), c.live().pollInterval(), "from the file");
        assertEquals(java.time.Duration.ofSeconds(5), c.live().keepAlive(), "the environment beats the file");
        assertEquals(java.time.Duration.ofMinutes(2), c.live().fallbackPoll());
        assertTrue(c.toString().contains("live=LiveSettings[pollInterval=PT1S"), c.toString());
        assertEquals(java.time.Duration.ofSeconds(2), c.withLive(c.live().withPollInterval(java.time.Duration.ofSeconds(2)))
                .live().pollInterval());
        IllegalArgumentException tooFast = assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_LIVE_POLL_INTERVAL", "PT0.01S")));
        assertTrue(tooFast.getMessage().contains("OTKLIK_LIVE_POLL_INTERVAL"), tooFast.getMessage());
        // a keep-alive the idle timeout would cut first: refused at start, naming both settings
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> DashboardsConfig.fromEnvironment(Map.of("OTKLIK_HTTP_IDLE_TIMEOUT", "PT10S")));
        assertTrue(cut.getMessage().contains("OTKLIK_LIVE_KEEP_ALIVE") && cut.getMessage().contains("http.idle-timeout"),
                cut.getMessage());
    }

    /** Each {@code with...} changes its own setting and keeps every other, and the copy is checked as the original. */
    @Test
    void aCopyChangesOneSettingAndKeepsTheRest() throws Exception {
        DashboardsConfig d = DashboardsConfig.fromEnvironment(Map.of());
        DashboardsConfig c = d.withPort(9123).withMinimumSample(50).withSessionSecret("s".repeat(40));
        for (var component : DashboardsConfig.class.getRecordComponents()) {
            Object before = component.getAccessor().invoke(d);
            Object after = component.getAccessor().invoke(c);
            switch (component.getName()) {
                case "port" -> assertEquals(9123, after);
                case "minimumSample" -> assertEquals(50, after);
                case "sessionSecret" -> assertEquals("s".repeat(40), after);
                default -> assertEquals(before, after, component.getName());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> d.withRefreshSeconds(0), "the copy runs the checks");
    }
}
