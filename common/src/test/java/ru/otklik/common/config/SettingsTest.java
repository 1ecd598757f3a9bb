package ru.otklik.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    enum Backend { HASHMAP, ROCKSDB }

    private static Settings settings(Map<String, String> file, Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(file);
        return Settings.of("test", p, env);
    }

    @Test
    void environmentWinsOverTheFileWhichWinsOverTheDefault() {
        Settings s = settings(Map.of("port", "9000", "host", "0.0.0.0"), Map.of("OTKLIK_PORT", "9100"));
        assertEquals(9100, s.port("port", "OTKLIK_PORT", 8080));
        assertEquals("0.0.0.0", s.text("host", "OTKLIK_HOST", "127.0.0.1"));
        assertEquals("x", s.text("other", "OTKLIK_OTHER", "x"));
    }

    @Test
    void aBlankEnvironmentVariableDoesNotHideTheFile() {
        Settings s = settings(Map.of("port", "9000"), Map.of("OTKLIK_PORT", "  "));
        assertEquals(9000, s.port("port", "OTKLIK_PORT", 8080));
    }

    @Test
    void aBadValueNamesTheSettingItsVariableAndTheValue() {
        Settings s = settings(Map.of(), Map.of("OTKLIK_PORT", "80a", "OTKLIK_WAIT", "5s"));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> s.port("port", "OTKLIK_PORT", 8080));
        assertEquals("test config: port (OTKLIK_PORT) must be a whole number 0..65535, got \"80a\"", port.getMessage());
        IllegalArgumentException wait = assertThrows(IllegalArgumentException.class,
                () -> s.duration("wait", "OTKLIK_WAIT", "PT1S"));
        assertTrue(wait.getMessage().contains("wait (OTKLIK_WAIT) must be an ISO-8601 duration"), wait.getMessage());
    }

    @Test
    void decimalsAreReadWithBoundsAndABadOneIsNamed() {
        Settings s = settings(Map.of("shift", "0.2"), Map.of("OTKLIK_RATE", "1e-3"));
        assertEquals(0.2, s.decimal("shift", "OTKLIK_SHIFT", 0.15, 0.01, 0.5));
        assertEquals(0.001, s.decimal("rate", "OTKLIK_RATE", 0.5, 0.0001, 1));
        assertEquals(0.15, s.decimal("other", "OTKLIK_OTHER", 0.15, 0.01, 0.5));
        for (String bad : new String[] {"0.7", "NaN", "abc", "-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(Map.of(), Map.of("OTKLIK_SHIFT", bad)).decimal("shift", "OTKLIK_SHIFT", 0.15, 0.01, 0.5));
            assertTrue(e.getMessage().contains("shift") && e.getMessage().contains("OTKLIK_SHIFT")
                    && e.getMessage().contains("0.01..0.5"), e.getMessage());
        }
    }

    @Test
    void boundsAreChecked() {
        Settings s = settings(Map.of("timeout", "PT0S", "n", "70000"), Map.of());
        assertThrows(IllegalArgumentException.class,
                () -> s.duration("timeout", null, "PT1S", Duration.ofMillis(1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> s.port("n", null, 1));
    }

    @Test
    void secretsAreNeverEchoed() {
        Settings s = settings(Map.of(), Map.of("OTKLIK_SECRET", "hunter2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.secret("secret", "OTKLIK_SECRET", "", text -> {
                    throw new IllegalArgumentException("must be at least 16 characters");
                }));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("secret (OTKLIK_SECRET) must be at least 16 characters"), e.getMessage());
    }

    @Test
    void choicesAndFlagsAreExact() {
        Settings s = settings(Map.of("backend", "rocksdb", "flag", "TRUE"), Map.of("OTKLIK_BAD", "RocksDB"));
        assertEquals(Backend.ROCKSDB, s.choice("backend", null, Backend.HASHMAP, Backend.class));
        assertEquals(Backend.HASHMAP, s.choice("missing", null, Backend.HASHMAP, Backend.class));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.choice("bad", "OTKLIK_BAD", Backend.HASHMAP, Backend.class));
        assertTrue(e.getMessage().contains("must be one of hashmap, rocksdb"), e.getMessage());
        assertTrue(s.flag("flag", null, false));
    }
}
