package ru.otklik.ingest;

import ru.otklik.common.operational.OperationalStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.http.HttpServerSettings;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.OfficeNetworks;
import ru.otklik.common.response.Topics;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.StaffTokens;
import ru.otklik.ingest.ratelimit.RateLimit;

/**
 * Settings of the ingest service, read with the shared {@link Settings} rule: safe local defaults; a
 * properties file (path in {@code OTKLIK_INGEST_CONFIG}) overrides them, and environment variables
 * override both. A bad value fails at load naming the setting and its variable; secrets are never echoed.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>port</td><td>OTKLIK_INGEST_PORT</td><td>8080 (0 = any free port)</td></tr>
 * <tr><td>kafka.bootstrap</td><td>OTKLIK_KAFKA_BOOTSTRAP</td><td>127.0.0.1:19092</td></tr>
 * <tr><td>kafka.topic.responses</td><td>OTKLIK_RESPONSES_TOPIC</td><td>responses</td></tr>
 * <tr><td>kafka.topic.dead-letter</td><td>OTKLIK_DEAD_LETTER_TOPIC</td><td>responses.dlq</td></tr>
 * <tr><td>kafka.topic.heartbeats</td><td>OTKLIK_HEARTBEATS_TOPIC</td><td>kiosk.heartbeats</td></tr>
 * <tr><td>kafka.topic.links-reused</td><td>OTKLIK_LINKS_REUSED_TOPIC</td><td>links.reused (second answers to
 * spent single-use links, for the {@code link_reused} flag)</td></tr>
 * <tr><td>kafka.topic.assessment-answers</td><td>OTKLIK_ASSESSMENT_ANSWERS_TOPIC</td><td>assessment.answers (360
 * raters' final submissions, keyed by session id)</td></tr>
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
 * <tr><td>office-networks</td><td>OTKLIK_OFFICE_NETWORKS</td><td>none (no form is marked as from its office's
 * network)</td></tr>
 * <tr><td>public-base-url</td><td>OTKLIK_PUBLIC_BASE_URL</td><td>http://localhost:8080</td></tr>
 * <tr><td>contacts.dir</td><td>OTKLIK_CONTACTS_DIR</td><td>contacts (relative to the working directory)</td></tr>
 * <tr><td>postgres.*</td><td>OTKLIK_POSTGRES_*</td><td>the operational store (spent single-use links), see
 * {@link OperationalStoreSettings}; without it they are kept in {@code contacts.dir} by this instance only</td></tr>
 * <tr><td>rate-limit.ip.per-second</td><td>OTKLIK_RATE_LIMIT_IP_PER_SECOND</td><td>5000</td></tr>
 * <tr><td>rate-limit.ip.burst</td><td>OTKLIK_RATE_LIMIT_IP_BURST</td><td>10000</td></tr>
 * <tr><td>rate-limit.device.per-second</td><td>OTKLIK_RATE_LIMIT_DEVICE_PER_SECOND</td><td>50</td></tr>
 * <tr><td>rate-limit.device.burst</td><td>OTKLIK_RATE_LIMIT_DEVICE_BURST</td><td>200</td></tr>
 * <tr><td>host</td><td>OTKLIK_INGEST_HOST</td><td>127.0.0.1 (0.0.0.0: every interface)</td></tr>
 * <tr><td>trusted-proxies</td><td>OTKLIK_TRUSTED_PROXIES</td><td>none; CIDR list of proxies whose
 * X-Forwarded-For is believed</td></tr>
 * <tr><td>http.header-timeout, http.request-timeout, http.idle-timeout</td><td>OTKLIK_HTTP_HEADER_TIMEOUT,
 * OTKLIK_HTTP_REQUEST_TIMEOUT, OTKLIK_HTTP_IDLE_TIMEOUT</td><td>PT10S, PT30S, PT30S</td></tr>
 * <tr><td>http.max-header-bytes</td><td>OTKLIK_HTTP_MAX_HEADER_BYTES</td><td>8192</td></tr>
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
 * @param officeNetworks the address ranges of each office's own network, {@code BRY-01=10.1.0.0/16,…;BRY-02=…}
 *             ({@link OfficeNetworks}); a web form sent from its office's range is marked so (the staff-pattern
 *             fraud flag), decided before the address is hashed; blank: no office has any
 * @param publicBaseUrl where respondents reach us; link and QR URLs start with it
 * @param contactsDir where optional respondent e-mails are appended: personal data, kept apart from
 *                    analytics (never in Kafka or ClickHouse); restrict access to this directory
 * @param ipRateLimit requests per client IP on the write endpoints; generous, since a whole office
 *                    (or the load simulator) may share one address
 * @param deviceRateLimit kiosk batches per device id; a kiosk sends a batch every few seconds
 * @param heartbeatsTopic where kiosk heartbeats go, keyed by device id
 * @param enrolledFile kiosks enrolled with one-time codes, outstanding codes (hashes only) and
 *                     revocations; holds device secrets, so keep it readable by the service only
 * @param assessmentAnswersTopic where 360 raters' submissions ({@code RaterSubmission}) go, keyed by session id
 * @param http bind address, trusted proxies, header/request/idle timeouts and the header size limit
 *             ({@link HttpServerSettings}: {@code host}/{@code OTKLIK_INGEST_HOST} defaults to 127.0.0.1)
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
        Path enrolledFile,
        HttpServerSettings http,
        OperationalStoreSettings operationalStore,
        String officeNetworks,
        String linksReusedTopic,
        String assessmentAnswersTopic) {

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
        require(http != null, "the HTTP server settings are required");
        require(operationalStore != null, "the operational store settings are required (OperationalStoreSettings.none())");
        officeNetworks = officeNetworks == null ? "" : officeNetworks;
        require(linksReusedTopic != null && !linksReusedTopic.isBlank(), "kafka.topic.links-reused is required");
        require(assessmentAnswersTopic != null && !assessmentAnswersTopic.isBlank(),
                "kafka.topic.assessment-answers is required");
        try {
            OfficeNetworks.parse(officeNetworks, OfficeDirectory.pilot());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ingest config: office-networks (OTKLIK_OFFICE_NETWORKS): " + e.getMessage());
        }
    }

    /** Defaults only (no file, no environment). */
    public static IngestConfig defaults() {
        return load(Map.of());
    }

    public static IngestConfig load(Map<String, String> env) {
        Settings s = Settings.from("ingest", env, "OTKLIK_INGEST_CONFIG");
        String devices = s.text("kiosk.devices", "OTKLIK_KIOSK_DEVICES", "");
        int bytes = Integer.MAX_VALUE - 1; // one more is read to tell "at the limit" from "over it"
        return new IngestConfig(
                s.port("port", "OTKLIK_INGEST_PORT", 8080),
                s.get("kafka.bootstrap", "OTKLIK_KAFKA_BOOTSTRAP", "127.0.0.1:19092", SettingParser.REQUIRED_TEXT),
                s.get("kafka.topic.responses", "OTKLIK_RESPONSES_TOPIC", Topics.RESPONSES, SettingParser.REQUIRED_TEXT),
                s.get("kafka.topic.dead-letter", "OTKLIK_DEAD_LETTER_TOPIC", Topics.DEAD_LETTER,
                        SettingParser.REQUIRED_TEXT),
                s.integer("max-body-bytes", "OTKLIK_MAX_BODY_BYTES", 65536, 1, bytes),
                s.integer("max-kiosk-batch-bytes", "OTKLIK_MAX_KIOSK_BATCH_BYTES", 262144, 1, bytes),
                devices.isBlank() ? null : Path.of(devices),
                // below a second Kafka cannot even answer a metadata request; above a minute clients give up first
                s.duration("kafka.timeout", "OTKLIK_KAFKA_TIMEOUT", "PT8S", Duration.ofSeconds(1), Duration.ofMinutes(1)),
                s.duration("kiosk.clock-skew", "OTKLIK_KIOSK_CLOCK_SKEW", "PT5M", Duration.ofSeconds(1),
                        Duration.ofDays(1)),
                s.secret("address-salt", "OTKLIK_ADDRESS_SALT", java.util.UUID.randomUUID().toString(),
                        SettingParser.REQUIRED_TEXT),
                s.secret("link.keys", "OTKLIK_LINK_KEYS", "", checked(LinkKeys::parse)),
                s.secret("staff.tokens", "OTKLIK_STAFF_TOKENS", "", checked(StaffTokens::parse)),
                s.get("public-base-url", "OTKLIK_PUBLIC_BASE_URL", "http://localhost:8080", text -> {
                    if (text == null || !text.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
                        throw new IllegalArgumentException("must be an http(s) URL without query");
                    }
                    return text;
                }),
                Path.of(s.get("contacts.dir", "OTKLIK_CONTACTS_DIR", "contacts", SettingParser.REQUIRED_TEXT)),
                rateLimit(s, "rate-limit.ip", "OTKLIK_RATE_LIMIT_IP", 5000, 10_000),
                rateLimit(s, "rate-limit.device", "OTKLIK_RATE_LIMIT_DEVICE", 50, 200),
                s.get("kafka.topic.heartbeats", "OTKLIK_HEARTBEATS_TOPIC", Topics.KIOSK_HEARTBEATS,
                        SettingParser.REQUIRED_TEXT),
                Path.of(s.get("kiosk.enrolled", "OTKLIK_KIOSK_ENROLLED", "kiosk-enrolled.json",
                        SettingParser.REQUIRED_TEXT)),
                HttpServerSettings.from(s, "OTKLIK_INGEST_HOST"),
                OperationalStoreSettings.from(s),
                s.get("office-networks", "OTKLIK_OFFICE_NETWORKS", "",
                        checked(text -> OfficeNetworks.parse(text, OfficeDirectory.pilot()))),
                s.get("kafka.topic.links-reused", "OTKLIK_LINKS_REUSED_TOPIC", Topics.LINKS_REUSED,
                        SettingParser.REQUIRED_TEXT),
                s.get("kafka.topic.assessment-answers", "OTKLIK_ASSESSMENT_ANSWERS_TOPIC", Topics.ASSESSMENT_ANSWERS,
                        SettingParser.REQUIRED_TEXT));
    }

    /** A parser that only checks the text (parsed again where it is used) and keeps it as given. */
    private static SettingParser<String> checked(java.util.function.Consumer<String> check) {
        return text -> {
            check.accept(text == null ? "" : text);
            return text == null ? "" : text;
        };
    }

    private static RateLimit rateLimit(Settings s, String key, String envPrefix, double perSecond, int burst) {
        double rate = s.get(key + ".per-second", envPrefix + "_PER_SECOND", String.valueOf(perSecond), text -> {
            try {
                double value = Double.parseDouble(text);
                if (value > 0 && !Double.isInfinite(value)) {
                    return value;
                }
            } catch (NumberFormatException | NullPointerException e) {
                // falls through to the message
            }
            throw new IllegalArgumentException("must be a positive number of requests per second");
        });
        return new RateLimit(rate, s.integer(key + ".burst", envPrefix + "_BURST", burst, 1, Integer.MAX_VALUE));
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
                + deviceRateLimit + ", heartbeatsTopic=" + heartbeatsTopic + ", enrolledFile=" + enrolledFile
                + ", http=" + http + ", assessmentAnswersTopic=" + assessmentAnswersTopic + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("ingest config: " + message);
        }
    }
}
