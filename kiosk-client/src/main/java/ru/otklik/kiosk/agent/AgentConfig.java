package ru.otklik.kiosk.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's settings. Each is read from a system property ({@code -Dotklik.device.id=...}) or,
 * failing that, the environment ({@code OTKLIK_DEVICE_ID}); properties win so tests and ad-hoc runs
 * can override a kiosk's environment.
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
        Source s = new Source(props, env);
        String id = s.get("otklik.device.id", null);
        String secret = s.get("otklik.device.secret", null);
        if ((id == null) != (secret == null)) {
            throw new IllegalArgumentException("set both otklik.device.id and otklik.device.secret, or neither "
                    + "(then the kiosk enrols with otklik.enrolment.code)");
        }
        Duration uiIdle = millis(s, "otklik.ui.idle.ms", "8000");
        return new AgentConfig(
                id,
                secret,
                URI.create(s.required("otklik.ingest.url")),
                Path.of(s.required("otklik.journal.dir")),
                Integer.parseInt(s.get("otklik.agent.port", "8787")),
                Long.parseLong(s.get("otklik.journal.segment.bytes", Long.toString(4L << 20))),
                Integer.parseInt(s.get("otklik.journal.max.unsent", "200000")),
                millis(s, "otklik.backoff.base.ms", "1000"),
                millis(s, "otklik.backoff.cap.ms", "300000"),
                millis(s, "otklik.poll.ms", "1000"),
                s.get("otklik.enrolment.code", null),
                uiIdle,
                millis(s, "otklik.reason.window.ms", Long.toString(uiIdle.plus(REASON_GRACE).toMillis())),
                millis(s, "otklik.heartbeat.ms", "60000"));
    }

    private static Duration millis(Source s, String key, String fallback) {
        long ms = Long.parseLong(s.get(key, fallback));
        if (ms < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + ms);
        }
        return Duration.ofMillis(ms);
    }

    private record Source(Properties props, Map<String, String> env) {

        String get(String key, String fallback) {
            String v = props.getProperty(key);
            if (v == null || v.isBlank()) {
                v = env.get(key.toUpperCase().replace('.', '_'));
            }
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        String required(String key) {
            String v = get(key, null);
            if (v == null) {
                throw new IllegalArgumentException("missing setting " + key + " (or env "
                        + key.toUpperCase().replace('.', '_') + ")");
            }
            return v;
        }
    }
}
