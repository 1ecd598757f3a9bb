package ru.otklik.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import ru.otklik.common.response.Topics;

/**
 * Settings of the ingest service. Safe local defaults; a properties file (path in
 * {@code OTKLIK_INGEST_CONFIG}) overrides them, and environment variables override both.
 *
 * @param port HTTP port; 0 picks a free one (tests)
 * @param kafkaTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param clockSkew how far a kiosk's signed timestamp may be from ours; also the replay window
 * @param addressSalt salt for hashing client IP addresses (fraud analysis without storing IPs)
 */
public record IngestConfig(
        int port,
        String kafkaBootstrap,
        String responsesTopic,
        String deadLetterTopic,
        int maxBodyBytes,
        int maxKioskBatchBytes,
        Path devicesFile,
        Duration kafkaTimeout,
        Duration clockSkew,
        String addressSalt) {

    public static IngestConfig load(Map<String, String> env) {
        Properties file = new Properties();
        String path = env.get("OTKLIK_INGEST_CONFIG");
        if (path != null && !path.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ingest config " + path, e);
            }
        }
        Setting s = new Setting(file, env);
        String devices = s.get("kiosk.devices", "OTKLIK_KIOSK_DEVICES", "");
        return new IngestConfig(
                Integer.parseInt(s.get("port", "OTKLIK_INGEST_PORT", "8080")),
                s.get("kafka.bootstrap", "OTKLIK_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
                s.get("kafka.topic.responses", "OTKLIK_RESPONSES_TOPIC", Topics.RESPONSES),
                s.get("kafka.topic.dead-letter", "OTKLIK_DEAD_LETTER_TOPIC", Topics.DEAD_LETTER),
                Integer.parseInt(s.get("max-body-bytes", "OTKLIK_MAX_BODY_BYTES", "65536")),
                Integer.parseInt(s.get("max-kiosk-batch-bytes", "OTKLIK_MAX_KIOSK_BATCH_BYTES", "262144")),
                devices.isBlank() ? null : Path.of(devices),
                Duration.parse(s.get("kafka.timeout", "OTKLIK_KAFKA_TIMEOUT", "PT8S")),
                Duration.parse(s.get("kiosk.clock-skew", "OTKLIK_KIOSK_CLOCK_SKEW", "PT5M")),
                s.get("address-salt", "OTKLIK_ADDRESS_SALT", java.util.UUID.randomUUID().toString()));
    }

    /** One setting: environment variable, else properties file, else default. */
    private record Setting(Properties file, Map<String, String> env) {
        String get(String key, String envName, String fallback) {
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
            return file.getProperty(key, fallback);
        }
    }
}
