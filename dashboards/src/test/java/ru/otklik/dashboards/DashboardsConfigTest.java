package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    }
}
