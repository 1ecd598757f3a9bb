package ru.otklik.kiosk.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;

/**
 * The agent's settings, read with the shared {@link Settings} rule of every Otklik service: the
 * environment ({@code OTKLIK_DEVICE_ID}) wins over a system property ({@code -Dotklik.device.id=...}),
 * which wins over the default. (Before the shared rule, system properties won.) A bad value fails at
 * start naming the setting and its variable; the secret and the enrolment code are never echoed.
 *
 * <pre>
 * otklik.device.id          OTKLIK_DEVICE_ID          device id; with the secret, or neither (see below)
 * otklik.device.secret      OTKLIK_DEVICE_SECRET      base64 HMAC secret (never logged)
 * otklik.enrolment.code     OTKLIK_ENROLMENT_CODE     one-time code (ABCD-EFGH-JKLM-NPQR), used when id/secret
 *                                                     are not set and &lt;journal.dir&gt;/device.json does not exist yet
 * otklik.ingest.url         OTKLIK_INGEST_URL         required, e.g. https://ingest.example
 * otklik.journal.dir        OTKLIK_JOURNAL_DIR        required; also holds device.json after enrolment
 * otklik.agent.port         OTKLIK_AGENT_PORT         8787 (0 = any free port; bound to localhost only)
 * otklik.journal.segment.bytes  OTKLIK_JOURNAL_SEGMENT_BYTES  4194304
 * otklik.journal.max.unsent     OTKLIK_JOURNAL_MAX_UNSENT     200000
 * otklik.backoff.base.ms    OTKLIK_BACKOFF_BASE_MS    1000
 * otklik.backoff.cap.ms     OTKLIK_BACKOFF_CAP_MS     300000
 * otklik.poll.ms            OTKLIK_POLL_MS            1000
 * otklik.ui.idle.ms         OTKLIK_UI_IDLE_MS         8000: the touch UI returns to the question after this idle time
 * otklik.reason.window.ms   OTKLIK_REASON_WINDOW_MS   ui.idle.ms + 2000: how long a tap waits for its follow-up
 *                                                     reason before it is sent without one
 * otklik.heartbeat.ms       OTKLIK_HEARTBEAT_MS       60000: interval of the signed heartbeat to ingest
 * </pre>
 *
 * Identity: {@code device.id} + {@code device.secret} win; without them a stored
 * {@code <journal.dir>/device.json} is used; without that the {@code enrolment.code} is traded for one.
 */
public record AgentConfig(String deviceId, String secret, URI ingest, Path journalDir, int port,
                          long segmentBytes, int maxUnsent, Duration backoffBase, Duration backoffCap,
                          Duration idlePoll, String enrolmentCode, Duration uiIdle, Duration reasonWindow,
                          Duration heartbeatInterval) {

    /** Slack for the UI's round trip: the reason window starts at the press, the UI's idle timer a little later. */
    static final Duration REASON_GRACE = Duration.ofSeconds(2);

    @Override
    public String toString() {
        return "AgentConfig[deviceId=" + deviceId + ", ingest=" + ingest + ", journalDir=" + journalDir
                + ", port=" + port + "]";
    }

    /** True when the identity comes from settings rather than device.json or enrolment. */
    public boolean hasConfiguredIdentity() {
        return deviceId != null;
    }

    public AgentConfig withIdentity(String id, String deviceSecret) {
        return new AgentConfig(id, deviceSecret, ingest, journalDir, port, segmentBytes, maxUnsent, backoffBase,
                backoffCap, idlePoll, enrolmentCode, uiIdle, reasonWindow, heartbeatInterval);
    }

    public static AgentConfig from(Properties props, Map<String, String> env) {
        Settings s = Settings.of("kiosk agent", props, env);
        String id = s.optional("otklik.device.id", variable("otklik.device.id")).orElse(null);
        // checked by signing with it at start (KioskAgentMain); never part of a message
        String secret = s.secret("otklik.device.secret", variable("otklik.device.secret"), null, SettingParser.TEXT);
        if ((id == null) != (secret == null)) {
            throw new IllegalArgumentException("kiosk agent config: set both otklik.device.id (OTKLIK_DEVICE_ID) and "
                    + "otklik.device.secret (OTKLIK_DEVICE_SECRET), or neither (then the kiosk enrols with "
                    + "otklik.enrolment.code)");
        }
        Duration uiIdle = millis(s, "otklik.ui.idle.ms", 8000);
        return new AgentConfig(
                id,
                secret,
                s.get("otklik.ingest.url", variable("otklik.ingest.url"), null, text -> {
                    if (text == null || !text.matches("https?://[^\\s?#]+")) {
                        throw new IllegalArgumentException("is required: the http(s) base URL of ingest");
                    }
                    return URI.create(text);
                }),
                Path.of(s.get("otklik.journal.dir", variable("otklik.journal.dir"), null, SettingParser.REQUIRED_TEXT)),
                s.port("otklik.agent.port", variable("otklik.agent.port"), 8787),
                s.longValue("otklik.journal.segment.bytes", variable("otklik.journal.segment.bytes"), 4L << 20,
                        4096, 1L << 34),
                s.integer("otklik.journal.max.unsent", variable("otklik.journal.max.unsent"), 200_000, 1,
                        Integer.MAX_VALUE),
                millis(s, "otklik.backoff.base.ms", 1000),
                millis(s, "otklik.backoff.cap.ms", 300_000),
                millis(s, "otklik.poll.ms", 1000),
                s.secret("otklik.enrolment.code", variable("otklik.enrolment.code"), null, SettingParser.TEXT),
                uiIdle,
                millis(s, "otklik.reason.window.ms", uiIdle.plus(REASON_GRACE).toMillis()),
                millis(s, "otklik.heartbeat.ms", 60_000));
    }

    /** The environment variable of a key: {@code otklik.device.id} is {@code OTKLIK_DEVICE_ID}. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static Duration millis(Settings s, String key, long fallback) {
        return Duration.ofMillis(s.longValue(key, variable(key), fallback, 0, Long.MAX_VALUE / 1_000_000));
    }
}
