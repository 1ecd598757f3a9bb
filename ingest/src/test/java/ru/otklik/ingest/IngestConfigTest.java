package ru.otklik.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

    @Test
    void defaultsSuitALocalRun() {
        IngestConfig config = IngestConfig.load(Map.of());
        assertEquals(8080, config.port());
        assertEquals("responses", config.responsesTopic());
        assertEquals("responses.dlq", config.deadLetterTopic());
        assertEquals(65536, config.maxBodyBytes());
        assertNull(config.devicesFile());
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ingest.properties");
        Files.writeString(file, "port=9000\nkafka.bootstrap=file:1\nkafka.timeout=PT3S\n");
        IngestConfig config = IngestConfig.load(Map.of("OTKLIK_INGEST_CONFIG", file.toString(),
                "OTKLIK_KAFKA_BOOTSTRAP", "env:2"));
        assertEquals(9000, config.port());
        assertEquals("env:2", config.kafkaBootstrap());
        assertEquals(Duration.ofSeconds(3), config.kafkaTimeout());
    }
}
