package ru.otklik.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import ru.otklik.common.response.Topics;
import ru.otklik.ingest.link.LinkKeys;
import ru.otklik.ingest.link.StaffTokens;
import ru.otklik.ingest.ratelimit.RateLimit;

/**
 * Settings of the ingest service. Safe local defaults; a properties file (path in
 * {@code OTKLIK_INGEST_CONFIG}) overrides them, and environment variables override both.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>port</td><td>OTKLIK_INGEST_PORT</td><td>8080 (0 = any free port)</td></tr>
 * <tr><td>kafka.bootstrap</td><td>OTKLIK_KAFKA_BOOTSTRAP</td><td>127.0.0.1:19092</td></tr>
 * <tr><td>kafka.topic.responses</td><td>OTKLIK_RESPONSES_TOPIC</td><td>responses</td></tr>
 * <tr><td>kafka.topic.dead-letter</td><td>OTKLIK_DEAD_LETTER_TOPIC</td><td>responses.dlq</td></tr>
 * <tr><td>kafka.topic.heartbeats</td><td>OTKLIK_HEARTBEATS_TOPIC</td><td>kiosk.heartbeats</td></tr>
 * <tr><td>max-body-bytes</td><td>OTKLIK_MAX_BODY_BYTES</td><td>65536</td></tr>
 * <tr><td>max-kiosk-batch-bytes</td><td>OTKLIK_MAX_KIOSK_BATCH_BYTES</td><td>262144</td></tr>
 * <tr><td>kiosk.devices</td><td>OTKLIK_KIOSK_DEVICES</td><td>none (only enrolled kiosks may send)</td></tr>
 * <tr><td>kiosk.enrolled</td><td>OTKLIK_KIOSK_ENROLLED</td><td>kiosk-enrolled.json (relative to the working
 * directory)</td></tr>
 * <tr><td>kafka.timeout</td><td>OTKLIK_KAFKA_TIMEOUT</td><td>PT8S</td></tr>
 * <tr><td>kiosk.clock-skew</td><td>OTKLIK_KIOSK_CLOCK_SKEW</td><td>PT5M</td></tr>
 * <tr><td>address-salt</td><td>OTKLIK_ADDRESS_SALT</td><td>random per start</td></tr>
 * <tr><td>link.keys</td><td>OTKLIK_LINK_KEYS</td><td>random per start (links die with a restart)</td></tr>
 * <tr><td>staff.tokens</td><td>OTKLIK_STAFF_TOKENS</td><td>none (nobody may issue links)</td></tr>
 * <tr><td>public-base-url</td><td>OTKLIK_PUBLIC_BASE_URL</td><td>http://localhost:8080</td></tr>
 * <tr><td>contacts.dir</td><td>OTKLIK_CONTACTS_DIR</td><td>contacts (relative to the working directory)</td></tr>
 * <tr><td>rate-limit.ip.per-second</td><td>OTKLIK_RATE_LIMIT_IP_PER_SECOND</td><td>5000</td></tr>
 * <tr><td>rate-limit.ip.burst</td><td>OTKLIK_RATE_LIMIT_IP_BURST</td><td>10000</td></tr>
 * <tr><td>rate-limit.device.per-second</td><td>OTKLIK_RATE_LIMIT_DEVICE_PER_SECOND</td><td>50</td></tr>
 * <tr><td>rate-limit.device.burst</td><td>OTKLIK_RATE_LIMIT_DEVICE_BURST</td><td>200</td></tr>
 * </table>
 *
 * @param port HTTP port; 0 picks a free one (tests)
 * @param maxBodyBytes limit of a single response body; larger is 413
 * @param maxKioskBatchBytes limit of a kiosk batch body (500 taps fit in about 100 KiB)
 * @param devicesFile the kiosk registry ({@code KioskDevices} JSON); null or absent: no devices
 * @param kafkaTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param clockSkew how far a kiosk's signed timestamp may be from ours; also the replay window
 * @param addressSalt salt for hashing client IP addresses; set it in production so hashes stay
 *                    comparable across restarts (the random default makes them per-run)
 * @param linkKeys survey-link HMAC keys, {@code k2:base64secret,k1:base64secret}, first signs, all verify;
 *                 blank: a random key per start (see {@link LinkKeys})
 * @param staffTokens bearer tokens of staff who issue links, {@code name:token,...}; blank: nobody
 * @param publicBaseUrl where respondents reach us; link and QR URLs start with it
 * @param contactsDir where optional respondent e-mails are appended: personal data, kept apart from
 *                    analytics (never in Kafka or ClickHouse); restrict access to this directory
 * @param ipRateLimit requests per client IP on the write endpoints; generous, since a whole office
 *                    (or the load simulator) may share one address
 * @param deviceRateLimit kiosk batches per device id; a kiosk sends a batch every few seconds
 * @param heartbeatsTopic where kiosk heartbeats go, keyed by device id
 * @param enrolledFile kiosks enrolled with one-time codes, outstanding codes (hashes only) and
 *                     revocations; holds device secrets, so keep it readable by the service only
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
        String addressSalt,
        String linkKeys,
        String staffTokens,
        String publicBaseUrl,
        Path contactsDir,
        RateLimit ipRateLimit,
        RateLimit deviceRateLimit,
        String heartbeatsTopic,
        Path enrolledFile) {

    public IngestConfig {
        require(port >= 0 && port <= 65535, "port must be 0..65535, got " + port);
        require(kafkaBootstrap != null && !kafkaBootstrap.isBlank(), "kafka.bootstrap is required");
        require(responsesTopic != null && !responsesTopic.isBlank(), "kafka.topic.responses is required");
        require(deadLetterTopic != null && !deadLetterTopic.isBlank(), "kafka.topic.dead-letter is required");
        require(maxBodyBytes > 0, "max-body-bytes must be positive");
        require(maxKioskBatchBytes > 0, "max-kiosk-batch-bytes must be positive");
        // below a second Kafka cannot even answer a metadata request; above a minute clients give up first
        require(kafkaTimeout.compareTo(Duration.ofSeconds(1)) >= 0 && kafkaTimeout.compareTo(Duration.ofMinutes(1)) <= 0,
                "kafka.timeout must be between PT1S and PT1M, got " + kafkaTimeout);
        require(!clockSkew.isNegative() && !clockSkew.isZero(), "kiosk.clock-skew must be positive");
        require(addressSalt != null && !addressSalt.isEmpty(), "address-salt must not be empty");
        linkKeys = linkKeys == null ? "" : linkKeys;
        staffTokens = staffTokens == null ? "" : staffTokens;
        try { // parsed again at start; here only so a typo fails at load, naming the setting
            LinkKeys.parse(linkKeys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ingest config: link.keys (OTKLIK_LINK_KEYS): " + e.getMessage());
        }
        try {
            StaffTokens.parse(staffTokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ingest config: staff.tokens (OTKLIK_STAFF_TOKENS): " + e.getMessage());
        }
        require(publicBaseUrl != null && publicBaseUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"),
                "public-base-url (OTKLIK_PUBLIC_BASE_URL) must be an http(s) URL without query, got " + publicBaseUrl);
        require(contactsDir != null, "contacts.dir (OTKLIK_CONTACTS_DIR) is required");
        require(ipRateLimit != null && deviceRateLimit != null, "rate limits are required");
        require(heartbeatsTopic != null && !heartbeatsTopic.isBlank(), "kafka.topic.heartbeats is required");
        require(enrolledFile != null, "kiosk.enrolled (OTKLIK_KIOSK_ENROLLED) is required");
    }

    /** Defaults only (no file, no environment). */
    public static IngestConfig defaults() {
        return load(Map.of());
    }

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
        String devices = s.text("kiosk.devices", "OTKLIK_KIOSK_DEVICES", "");
        return new IngestConfig(
                s.integer("port", "OTKLIK_INGEST_PORT", 8080),
                s.text("kafka.bootstrap", "OTKLIK_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
                s.text("kafka.topic.responses", "OTKLIK_RESPONSES_TOPIC", Topics.RESPONSES),
                s.text("kafka.topic.dead-letter", "OTKLIK_DEAD_LETTER_TOPIC", Topics.DEAD_LETTER),
                s.integer("max-body-bytes", "OTKLIK_MAX_BODY_BYTES", 65536),
                s.integer("max-kiosk-batch-bytes", "OTKLIK_MAX_KIOSK_BATCH_BYTES", 262144),
                devices.isBlank() ? null : Path.of(devices),
                s.duration("kafka.timeout", "OTKLIK_KAFKA_TIMEOUT", "PT8S"),
                s.duration("kiosk.clock-skew", "OTKLIK_KIOSK_CLOCK_SKEW", "PT5M"),
                s.text("address-salt", "OTKLIK_ADDRESS_SALT", java.util.UUID.randomUUID().toString()),
                s.text("link.keys", "OTKLIK_LINK_KEYS", ""),
                s.text("staff.tokens", "OTKLIK_STAFF_TOKENS", ""),
                s.text("public-base-url", "OTKLIK_PUBLIC_BASE_URL", "http://localhost:8080"),
                Path.of(s.text("contacts.dir", "OTKLIK_CONTACTS_DIR", "contacts")),
                s.rateLimit("rate-limit.ip", "OTKLIK_RATE_LIMIT_IP", 5000, 10_000),
                s.rateLimit("rate-limit.device", "OTKLIK_RATE_LIMIT_DEVICE", 50, 200),
                s.text("kafka.topic.heartbeats", "OTKLIK_HEARTBEATS_TOPIC", Topics.KIOSK_HEARTBEATS),
                Path.of(s.text("kiosk.enrolled", "OTKLIK_KIOSK_ENROLLED", "kiosk-enrolled.json")));
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "IngestConfig[port=" + port + ", kafkaBootstrap=" + kafkaBootstrap + ", responsesTopic=" + responsesTopic
                + ", deadLetterTopic=" + deadLetterTopic + ", maxBodyBytes=" + maxBodyBytes + ", maxKioskBatchBytes="
                + maxKioskBatchBytes + ", devicesFile=" + devicesFile + ", kafkaTimeout=" + kafkaTimeout
                + ", clockSkew=" + clockSkew + ", addressSalt=***, linkKeys=" + LinkKeys.parse(linkKeys)
                + ", staffTokens=" + StaffTokens.parse(staffTokens) + ", publicBaseUrl=" + publicBaseUrl
                + ", contactsDir=" + contactsDir + ", ipRateLimit=" + ipRateLimit + ", deviceRateLimit="
                + deviceRateLimit + ", heartbeatsTopic=" + heartbeatsTopic + ", enrolledFile=" + enrolledFile + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("ingest config: " + message);
        }
    }

    /** One setting: environment variable, else properties file, else default. */
    private record Setting(Properties file, Map<String, String> env) {

        String text(String key, String envName, String fallback) {
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.trim();
            }
            return file.getProperty(key, fallback).trim();
        }

        int integer(String key, String envName, int fallback) {
            String value = text(key, envName, String.valueOf(fallback));
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ingest config: " + key + " (" + envName + ") must be a whole number, got "
                        + value);
            }
        }

        RateLimit rateLimit(String key, String envPrefix, double perSecond, int burst) {
            String rate = text(key + ".per-second", envPrefix + "_PER_SECOND", String.valueOf(perSecond));
            double parsed;
            try {
                parsed = Double.parseDouble(rate);
            } catch (NumberFormatException e) {
                parsed = Double.NaN;
            }
            try {
                return new RateLimit(parsed, integer(key + ".burst", envPrefix + "_BURST", burst));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ingest config: " + key + " (" + envPrefix + "_PER_SECOND, "
                        + envPrefix + "_BURST): " + e.getMessage());
            }
        }

        Duration duration(String key, String envName, String fallback) {
            String value = text(key, envName, fallback);
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("ingest config: " + key + " (" + envName
                        + ") must be an ISO-8601 duration such as PT8S, got " + value);
            }
        }
    }
}
