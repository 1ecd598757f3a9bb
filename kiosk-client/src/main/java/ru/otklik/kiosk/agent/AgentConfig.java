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
 * otklik.device.id          OTKLIK_DEVICE_ID          required
 * otklik.device.secret      OTKLIK_DEVICE_SECRET      required (never logged)
 * otklik.ingest.url         OTKLIK_INGEST_URL         required, e.g. https://ingest.example
 * otklik.journal.dir        OTKLIK_JOURNAL_DIR        required
 * otklik.agent.port         OTKLIK_AGENT_PORT         8787 (0 = any free port; bound to localhost only)
 * otklik.journal.segment.bytes  OTKLIK_JOURNAL_SEGMENT_BYTES  4194304
 * otklik.journal.max.unsent     OTKLIK_JOURNAL_MAX_UNSENT     200000
 * otklik.backoff.base.ms    OTKLIK_BACKOFF_BASE_MS    1000
 * otklik.backoff.cap.ms     OTKLIK_BACKOFF_CAP_MS     300000
 * otklik.poll.ms            OTKLIK_POLL_MS            1000
 * </pre>
 */
public record AgentConfig(String deviceId, String secret, URI ingest, Path journalDir, int port,
                          long segmentBytes, int maxUnsent, Duration backoffBase, Duration backoffCap,
                          Duration idlePoll) {

    @Override
    public String toString() {
        return "AgentConfig[deviceId=" + deviceId + ", ingest=" + ingest + ", journalDir=" + journalDir
                + ", port=" + port + "]";
    }

    public static AgentConfig from(Properties props, Map<String, String> env) {
        Source s = new Source(props, env);
        return new AgentConfig(
                s.required("otklik.device.id"),
                s.required("otklik.device.secret"),
                URI.create(s.required("otklik.ingest.url")),
                Path.of(s.required("otklik.journal.dir")),
                Integer.parseInt(s.get("otklik.agent.port", "8787")),
                Long.parseLong(s.get("otklik.journal.segment.bytes", Long.toString(4L << 20))),
                Integer.parseInt(s.get("otklik.journal.max.unsent", "200000")),
                Duration.ofMillis(Long.parseLong(s.get("otklik.backoff.base.ms", "1000"))),
                Duration.ofMillis(Long.parseLong(s.get("otklik.backoff.cap.ms", "300000"))),
                Duration.ofMillis(Long.parseLong(s.get("otklik.poll.ms", "1000"))));
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
