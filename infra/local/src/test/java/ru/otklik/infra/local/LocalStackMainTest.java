package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackMainTest {

    @Test
    void defaultsAndOverrides() {
        assertEquals(new LocalStackMain.Options(Path.of(".local-run"), 18123, 19000, 19092),
                LocalStackMain.Options.parse(new String[0]));
        assertEquals(new LocalStackMain.Options(Path.of("/tmp/x"), 1, 2, 3), LocalStackMain.Options.parse(
                new String[] {"--dir", "/tmp/x", "--clickhouse-http", "1", "--clickhouse-tcp", "2", "--kafka", "3"}));
        assertThrows(IllegalArgumentException.class, () -> LocalStackMain.Options.parse(new String[] {"--kafka"}));
        assertThrows(IllegalArgumentException.class, () -> LocalStackMain.Options.parse(new String[] {"--kafka", "x"}));
        assertThrows(IllegalArgumentException.class, () -> LocalStackMain.Options.parse(new String[] {"--bogus", "1"}));
    }
}
