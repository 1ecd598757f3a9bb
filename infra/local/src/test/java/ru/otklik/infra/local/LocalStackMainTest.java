package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    @Test
    void defaultsAndOverrides() {
        assertEquals(new LocalStackMain.Options(Path.of(".local-run"), 18123, 19000, 19092, 15432),
                LocalStackMain.Options.parse(new String[0]));
        assertEquals(new LocalStackMain.Options(Path.of("/tmp/x"), 1, 2, 3, 4), LocalStackMain.Options.parse(
                new String[] {"--dir", "/tmp/x", "--clickhouse-http", "1", "--clickhouse-tcp", "2", "--kafka", "3",
                    "--postgres", "4"}));
        assertThrows(IllegalArgumentException.class, () -> LocalStackMain.Options.parse(new String[] {"--kafka"}));
        assertThrows(IllegalArgumentException.class, () -> LocalStackMain.Options.parse(new String[] {"--kafka", "x"}));
        assertThrows(IllegalArgumentException.class, () -> LocalStackMain.Options.parse(new String[] {"--bogus", "1"}));
    }

    @Test
    void postgresPortDefaultsTo15432AndCanBeMovedAlone() {
        assertEquals(15432, LocalStackMain.Options.parse(new String[0]).postgres());
        assertEquals(new LocalStackMain.Options(Path.of(".local-run"), 18123, 19000, 19092, 25432),
                LocalStackMain.Options.parse(new String[] {"--postgres", "25432"}));
        // the last occurrence wins, as for the other options
        assertEquals(5433, LocalStackMain.Options.parse(new String[] {"--postgres", "5432", "--postgres", "5433"}).postgres());
        assertEquals(65535, LocalStackMain.Options.parse(new String[] {"--postgres", "65535"}).postgres());
    }

    @Test
    void badPostgresPortIsNamedInTheMessage() {
        for (String bad : new String[] {"x", "0", "-1", "65536", "15432.0", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LocalStackMain.Options.parse(new String[] {"--postgres", bad}), bad);
            assertEquals("--postgres needs a port number, got: " + bad, e.getMessage());
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LocalStackMain.Options.parse(new String[] {"--postgres"}));
        assertTrue(missing.getMessage().startsWith("missing value for --postgres\n"), missing.getMessage());
    }

    @Test
    void usageNamesThePostgresOption() {
        assertTrue(LocalStackMain.Options.usage().contains("[--postgres 15432]"), LocalStackMain.Options.usage());
        IllegalArgumentException help = assertThrows(IllegalArgumentException.class,
                () -> LocalStackMain.Options.parse(new String[] {"--help"}));
        assertEquals(LocalStackMain.Options.usage(), help.getMessage());
    }
}
