package ru.otklik.kiosk.agent;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import ru.otklik.common.kiosk.KioskSignature;

/**
 * The kiosk agent: journal + press filter + forwarder + the localhost endpoint for the touch UI.
 * Settings come from system properties or the environment (see {@link AgentConfig}):
 *
 * <pre>
 * OTKLIK_DEVICE_ID=k-001 OTKLIK_DEVICE_SECRET=... OTKLIK_INGEST_URL=http://ingest:8080 \
 * OTKLIK_JOURNAL_DIR=/var/lib/otklik/journal \
 *   java -cp otklik-kiosk-client.jar ru.otklik.kiosk.agent.KioskAgentMain
 * </pre>
 *
 * Logs {@code event=agent_started port=...} once the endpoint listens. SIGTERM closes cleanly; a
 * SIGKILL or power cut loses nothing that {@code /tap} acknowledged.
 */
public final class KioskAgentMain {

    private KioskAgentMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        AgentConfig config;
        try {
            config = AgentConfig.from(System.getProperties(), System.getenv());
            // fail at start, not on the first send hours later: the secret must be usable for signing
            KioskSignature.sign(config.secret(), 0, new byte[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("kiosk agent: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        KioskJournal journal = KioskJournal.open(config.journalDir(), config.segmentBytes(), config.maxUnsent());
        PressFilter filter = new PressFilter(journal, config.deviceId());
        Forwarder forwarder = new Forwarder(config.ingest(), config.deviceId(), config.secret(), filter, journal,
                new Backoff(config.backoffBase(), config.backoffCap(), RandomGenerator.getDefault()),
                config.idlePoll(), Clock.systemUTC());
        LocalEndpoint endpoint = new LocalEndpoint(config.port(), filter, forwarder);
        forwarder.start();
        LogLine.info("agent_started", "port", endpoint.port(), "device", config.deviceId(),
                "ingest", config.ingest(), "journal", config.journalDir());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            forwarder.close();
            try {
                journal.close();
            } catch (IOException e) {
                // every record was already forced to disk
            }
            LogLine.info("agent_stopped");
            stopped.countDown();
        }, "kiosk-agent-shutdown"));
        stopped.await();
    }
}
