package ru.otklik.kiosk.agent;

import java.io.IOException;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The running agent, assembled from a config whose identity is resolved: journal, press filter
 * (with the reason window), forwarder, heartbeats and the localhost endpoint with the touch UI.
 * {@link KioskAgentMain} runs one per process; tests start one in-process.
 */
public final class KioskAgent implements AutoCloseable {

    private final KioskJournal journal;
    private final Forwarder forwarder;
    private final HeartbeatSender heartbeats;
    private final LocalEndpoint endpoint;

    private KioskAgent(KioskJournal journal, Forwarder forwarder, HeartbeatSender heartbeats, LocalEndpoint endpoint) {
        this.journal = journal;
        this.forwarder = forwarder;
        this.heartbeats = heartbeats;
        this.endpoint = endpoint;
    }

    public static KioskAgent start(AgentConfig config) throws IOException {
        if (config.deviceId() == null || config.secret() == null) {
            throw new IllegalArgumentException("the device identity must be resolved before the agent starts");
        }
        Clock clock = Clock.systemUTC();
        KioskJournal journal = KioskJournal.open(config.journalDir(), config.segmentBytes(), config.maxUnsent());
        PressFilter filter = new PressFilter(journal, config.deviceId(), config.reasonWindow());
        Forwarder forwarder = new Forwarder(config.ingest(), config.deviceId(), config.secret(), filter, journal,
                new Backoff(config.backoffBase(), config.backoffCap(), RandomGenerator.getDefault()),
                config.idlePoll(), clock);
        HeartbeatSender heartbeats = config.heartbeatInterval().isZero() ? null
                : new HeartbeatSender(config.ingest(), config.deviceId(), config.secret(), journal, forwarder,
                        version(), config.heartbeatInterval(), clock);
        LocalEndpoint endpoint;
        try {
            endpoint = new LocalEndpoint(config.port(), filter, forwarder, config.uiIdle());
        } catch (IOException e) {
            journal.close();
            throw e;
        }
        forwarder.start();
        if (heartbeats != null) {
            heartbeats.start();
        }
        return new KioskAgent(journal, forwarder, heartbeats, endpoint);
    }

    /** The build's version from the jar manifest, or "dev" when run from classes. */
    static String version() {
        String v = KioskAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public int port() {
        return endpoint.port();
    }

    @Override
    public void close() {
        endpoint.close();
        if (heartbeats != null) {
            heartbeats.close();
        }
        forwarder.close();
        try {
            journal.close();
        } catch (IOException e) {
            // every record was already forced to disk
        }
    }
}
