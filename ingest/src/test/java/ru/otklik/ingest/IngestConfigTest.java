package ru.otklik.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.http.HttpServerSettings;
import ru.otklik.common.http.ReadDeadlines;
import ru.otklik.ingest.ratelimit.RateLimit;

class IngestConfigTest {

    @Test
    void defaultsSuitALocalRun() {
        IngestConfig config = IngestConfig.defaults();
        assertEquals(8080, config.port());
        assertEquals("127.0.0.1:19092", config.kafkaBootstrap());
        assertEquals("responses", config.responsesTopic());
        assertEquals("responses.dlq", config.deadLetterTopic());
        assertEquals(65536, config.maxBodyBytes());
        assertNull(config.devicesFile());
        assertEquals(Duration.ofSeconds(8), config.kafkaTimeout());
        assertEquals(Duration.ofMinutes(5), config.clockSkew());
        assertNotEquals(IngestConfig.defaults().addressSalt(), config.addressSalt(), "a random salt per start");
        assertEquals("kiosk.heartbeats", config.heartbeatsTopic());
        assertEquals(Path.of("kiosk-enrolled.json"), config.enrolledFile());
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ingest.properties");
        Files.writeString(file, "port=9000\nkafka.bootstrap=file:1\nkafka.timeout=PT3S\nmax-body-bytes=1000\n"
                + "kiosk.devices=/from/file.json\n");
        IngestConfig config = IngestConfig.load(Map.of("OTKLIK_INGEST_CONFIG", file.toString(),
                "OTKLIK_KAFKA_BOOTSTRAP", "env:2", "OTKLIK_KIOSK_DEVICES", "/from/env.json"));
        assertEquals(9000, config.port(), "file over default");
        assertEquals("env:2", config.kafkaBootstrap(), "environment over file");
        assertEquals(Duration.ofSeconds(3), config.kafkaTimeout());
        assertEquals(1000, config.maxBodyBytes());
        assertEquals(Path.of("/from/env.json"), config.devicesFile());
    }

    @Test
    void everySettingHasAnEnvironmentOverride() {
        java.util.Map<String, String> env = new java.util.HashMap<>(Map.of(
                "OTKLIK_INGEST_PORT", "0",
                "OTKLIK_KAFKA_BOOTSTRAP", "k1:9092,k2:9092",
                "OTKLIK_RESPONSES_TOPIC", "r",
                "OTKLIK_DEAD_LETTER_TOPIC", "d",
                "OTKLIK_MAX_BODY_BYTES", "2048",
                "OTKLIK_MAX_KIOSK_BATCH_BYTES", "4096",
                "OTKLIK_KIOSK_DEVICES", "/etc/otklik/devices.json",
                "OTKLIK_KAFKA_TIMEOUT", "PT2S",
                "OTKLIK_KIOSK_CLOCK_SKEW", "PT1M",
                "OTKLIK_ADDRESS_SALT", "pepper"));
        env.put("OTKLIK_CONTACTS_DIR", "/var/lib/otklik/contacts"); // Map.of stops at ten pairs
        env.put("OTKLIK_HEARTBEATS_TOPIC", "hb");
        env.put("OTKLIK_KIOSK_ENROLLED", "/var/lib/otklik/kiosk-enrolled.json");
        env.put("OTKLIK_POSTGRES_URL", "jdbc:postgresql://db:5432/otklik");
        IngestConfig config = IngestConfig.load(env);
        assertEquals(new IngestConfig(0, "k1:9092,k2:9092", "r", "d", 2048, 4096, Path.of("/etc/otklik/devices.json"),
                Duration.ofSeconds(2), Duration.ofMinutes(1), "pepper", "", "", "http://localhost:8080",
                Path.of("/var/lib/otklik/contacts"), new RateLimit(5000, 10_000), new RateLimit(50, 200), "hb",
                Path.of("/var/lib/otklik/kiosk-enrolled.json"), HttpServerSettings.defaults(),
                new ru.otklik.common.operational.OperationalStoreSettings("jdbc:postgresql://db:5432/otklik", "otklik", "", 4),
                "", "links.reused", "assessment.answers"), config);
    }

    @Test
    void rateLimitsAreGenerousByDefaultAndSetFromTheEnvironment() {
        IngestConfig defaults = IngestConfig.defaults();
        assertEquals(new RateLimit(5000, 10_000), defaults.ipRateLimit());
        assertEquals(new RateLimit(50, 200), defaults.deviceRateLimit());
        IngestConfig set = IngestConfig.load(Map.of("OTKLIK_RATE_LIMIT_IP_PER_SECOND", "0.5",
                "OTKLIK_RATE_LIMIT_IP_BURST", "3", "OTKLIK_RATE_LIMIT_DEVICE_PER_SECOND", "2",
                "OTKLIK_RATE_LIMIT_DEVICE_BURST", "4"));
        assertEquals(new RateLimit(0.5, 3), set.ipRateLimit());
        assertEquals(new RateLimit(2, 4), set.deviceRateLimit());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_RATE_LIMIT_IP_PER_SECOND", "fast"))).getMessage()
                .contains("OTKLIK_RATE_LIMIT_IP_PER_SECOND"));
        assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_RATE_LIMIT_DEVICE_BURST", "0")));
    }

    @Test
    void aBlankVariableDoesNotOverride() {
        assertEquals(8080, IngestConfig.load(Map.of("OTKLIK_INGEST_PORT", " ")).port());
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_INGEST_PORT", "eighty"))).getMessage().contains("OTKLIK_INGEST_PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_KAFKA_TIMEOUT", "8s"))).getMessage().contains("OTKLIK_KAFKA_TIMEOUT"));
        assertThrows(IllegalArgumentException.class, () -> IngestConfig.load(Map.of("OTKLIK_KAFKA_TIMEOUT", "PT0.1S")));
        assertThrows(IllegalArgumentException.class, () -> IngestConfig.load(Map.of("OTKLIK_INGEST_PORT", "70000")));
        assertThrows(IllegalArgumentException.class, () -> IngestConfig.load(Map.of("OTKLIK_MAX_BODY_BYTES", "0")));
    }

    @Test
    void linkSettingsDefaultToSafeValues() {
        IngestConfig config = IngestConfig.defaults();
        assertEquals("", config.linkKeys(), "blank: a random key per start");
        assertEquals("", config.staffTokens(), "blank: nobody may issue links");
        assertEquals("http://localhost:8080", config.publicBaseUrl());
    }

    @Test
    void linkSettingsAreCheckedAtLoadAndNeverPrinted() {
        String secret = ru.otklik.common.link.LinkKeys.newSecret();
        IngestConfig config = IngestConfig.load(Map.of("OTKLIK_LINK_KEYS", "k2:" + secret,
                "OTKLIK_STAFF_TOKENS", "anna:anna-token-0123456789", "OTKLIK_PUBLIC_BASE_URL", "https://otklik.example.ru",
                "OTKLIK_ADDRESS_SALT", "pepper-salt"));
        assertEquals("https://otklik.example.ru", config.publicBaseUrl());
        String text = config.toString();
        assertTrue(text.contains("k2") && text.contains("anna"), text);
        for (String hidden : new String[] {secret.substring(0, 12), "anna-token-0123456789", "pepper-salt"}) {
            assertTrue(!text.contains(hidden), "toString shows a secret: " + text);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_LINK_KEYS", "k1:c2hvcnQ="))).getMessage().contains("OTKLIK_LINK_KEYS"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_STAFF_TOKENS", "anna:short"))).getMessage()
                .contains("OTKLIK_STAFF_TOKENS"));
        assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_PUBLIC_BASE_URL", "otklik.example.ru")));
        assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_PUBLIC_BASE_URL", "https://x.ru/?a=1")));
    }

    @Test
    void theServerBindsLoopbackUnlessToldOtherwiseAndTrustsNoProxyByDefault() {
        IngestConfig defaults = IngestConfig.defaults();
        assertEquals("127.0.0.1", defaults.http().host());
        assertTrue(defaults.http().trustedProxies().isEmpty());
        assertEquals(new ReadDeadlines(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30)),
                defaults.http().deadlines());
        assertEquals(8192, defaults.http().maxHeaderBytes());
        IngestConfig set = IngestConfig.load(Map.of("OTKLIK_INGEST_HOST", "0.0.0.0",
                "OTKLIK_TRUSTED_PROXIES", "10.0.0.0/8,192.0.2.1", "OTKLIK_HTTP_HEADER_TIMEOUT", "PT2S",
                "OTKLIK_HTTP_REQUEST_TIMEOUT", "PT5S", "OTKLIK_HTTP_IDLE_TIMEOUT", "PT7S",
                "OTKLIK_HTTP_MAX_HEADER_BYTES", "4096"));
        assertEquals("0.0.0.0", set.http().host());
        assertEquals("[10.0.0.0/8, 192.0.2.1/32]", set.http().trustedProxies().toString());
        assertEquals(new ReadDeadlines(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(7)),
                set.http().deadlines());
        assertEquals(4096, set.http().maxHeaderBytes());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_TRUSTED_PROXIES", "10.0.0.0/40"))).getMessage()
                .contains("trusted-proxies (OTKLIK_TRUSTED_PROXIES)"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_HTTP_REQUEST_TIMEOUT", "PT1S"))).getMessage()
                .contains("OTKLIK_HTTP_REQUEST_TIMEOUT"), "shorter than the header timeout");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_INGEST_HOST", "a host"))).getMessage()
                .contains("OTKLIK_INGEST_HOST"));
    }

    @Test
    void aBadSecretIsNamedButNotEchoed() {
        IllegalArgumentException shortToken = assertThrows(IllegalArgumentException.class,
                () -> IngestConfig.load(Map.of("OTKLIK_STAFF_TOKENS", "anna:s3cr3")));
        assertTrue(shortToken.getMessage().contains("OTKLIK_STAFF_TOKENS"), shortToken.getMessage());
        assertTrue(!shortToken.getMessage().contains("s3cr3"), shortToken.getMessage());
    }
}
