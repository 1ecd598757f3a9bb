package ru.otklik.kiosk.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import ru.otklik.common.kiosk.KioskEnrolment;
import ru.otklik.common.kiosk.KioskSignature;

/**
 * The kiosk agent: journal + press filter + forwarder + heartbeats + the localhost endpoint serving
 * the touch UI. Settings come from system properties or the environment (see {@link AgentConfig}):
 *
 * <pre>
 * OTKLIK_DEVICE_ID=k-001 OTKLIK_DEVICE_SECRET=... OTKLIK_INGEST_URL=http://ingest:8080 \
 * OTKLIK_JOURNAL_DIR=/var/lib/otklik/journal \
 *   java -cp otklik-kiosk-client.jar ru.otklik.kiosk.agent.KioskAgentMain
 * </pre>
 *
 * A new kiosk can instead be given a one-time {@code OTKLIK_ENROLMENT_CODE} (and no id/secret): the
 * first start trades it for an identity stored in {@code <journal>/device.json} ({@code event=kiosk_enrolled}),
 * later starts use that file. A refused code (403 unknown/expired, 409 already used) or a bad
 * configuration ends the process with exit code 2 and one line on stderr; an unreachable ingest is
 * retried with backoff. Optional: {@code OTKLIK_UI_IDLE_MS} (8000), {@code OTKLIK_REASON_WINDOW_MS}
 * (idle + 2000), {@code OTKLIK_HEARTBEAT_MS} (60000, 0 = off).
 *
 * Logs {@code event=agent_started port=...} once the endpoint listens; the touch UI is then at
 * {@code http://127.0.0.1:<port>/}. SIGTERM closes cleanly; a SIGKILL or power cut loses nothing
 * that {@code /tap} or {@code /tap/{id}/reason} acknowledged.
 */
public final class KioskAgentMain {

    private KioskAgentMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        AgentConfig config;
        try {
            config = identify(AgentConfig.from(System.getProperties(), System.getenv()));
            // fail at start, not on the first send hours later: the secret must be usable for signing
            KioskSignature.sign(config.secret(), 0, new byte[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("kiosk agent: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (Enrolment.EnrolmentRefused e) {
            System.err.println("kiosk agent: enrolment refused: " + e.getMessage());
            System.exit(2);
            return;
        }
        KioskAgent agent = KioskAgent.start(config);
        LogLine.info("agent_started", "port", agent.port(), "device", config.deviceId(),
                "ingest", config.ingest(), "journal", config.journalDir(), "version", KioskAgent.version());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            LogLine.info("agent_stopped");
            stopped.countDown();
        }, "kiosk-agent-shutdown"));
        stopped.await();
    }

    /** The config with a device identity: configured, stored by an earlier enrolment, or enrolled now. */
    static AgentConfig identify(AgentConfig config) throws IOException, InterruptedException {
        if (config.hasConfiguredIdentity()) {
            return config;
        }
        Enrolment enrolment = new Enrolment(config.ingest(), config.journalDir());
        Optional<KioskEnrolment> stored = enrolment.stored();
        if (stored.isPresent()) {
            return config.withIdentity(stored.get().deviceId(), stored.get().secret());
        }
        if (config.enrolmentCode() == null) {
            throw new IllegalArgumentException("no device identity: set otklik.device.id and otklik.device.secret, "
                    + "or otklik.enrolment.code (no " + enrolment.deviceFile() + " yet)");
        }
        Backoff backoff = new Backoff(config.backoffBase(), config.backoffCap(), RandomGenerator.getDefault());
        for (int failures = 1; ; failures++) {
            try {
                KioskEnrolment e = enrolment.storedOrEnrol(config.enrolmentCode());
                return config.withIdentity(e.deviceId(), e.secret());
            } catch (Enrolment.EnrolmentRefused e) {
                throw e;
            } catch (IOException e) {
                // ingest unreachable or failing: a kiosk installed before the network is up keeps trying
                Duration delay = backoff.delay(failures, null);
                LogLine.warn("enrolment_failed", "why", e.getMessage(), "failures", failures,
                        "retry_in_ms", delay.toMillis());
                Thread.sleep(delay.toMillis());
            }
        }
    }
}
