package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;

/**
 * Issue 4's proof against the real pipeline: a kiosk agent (its own JVM) keeps taking taps while
 * ingest is down, is SIGKILLed while it forwards the backlog after ingest came back, restarts on
 * the same journal — and ClickHouse counts every acknowledged tap exactly once, with every press
 * either a tap or a suppressed press of one.
 */
class KioskOutageIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String OFFICE = "PSK-01";
    private static final int TAPS_DURING_OUTAGE = 1_300;

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();
    private final String secret = KioskSignature.newSecret();
    private final KioskDevice device = new KioskDevice("kiosk-outage-psk01", OFFICE, "hall", secret, false);

    @TempDir
    Path dir;

    private AgentProcess agent;

    @AfterEach
    void killAgent() throws InterruptedException {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void tapsSurviveAnIngestOutageAndASigkillMidBacklogAndCountOnce() throws Exception {
        try (Pipeline pipeline = Pipeline.start(stack, dir, List.of(device))) {
            Path journal = dir.resolve("journal");
            agent = AgentProcess.start(device, pipeline.ingestPort(), journal);
            Set<String> tapIds = new HashSet<>();
            int presses = 0;

            // normal service: a few taps, one double press that the filter folds
            for (int i = 0; i < 30; i++) {
                tapIds.add(agent.tap(1 + i % 4, null));
                presses++;
            }
            tapIds.add(agent.tap(4, null));
            tapIds.add(agent.tap(4, null));
            presses += 2;
            agent.awaitQueueEmpty(WAIT);

            pipeline.stopIngest();
            for (int i = 0; i < TAPS_DURING_OUTAGE; i++) {
                tapIds.add(agent.tap(1 + i % 4, i % 9 == 0 ? "waiting_time" : null));
                presses++;
            }
            JsonNode during = agent.status();
            assertTrue(during.path("queueLength").asInt() >= TAPS_DURING_OUTAGE, during.toString());

            pipeline.restartIngest();
            // kill while the backlog (several batches of at most 500) is being forwarded
            int left = agent.awaitQueueBelow(TAPS_DURING_OUTAGE, WAIT);
            agent.kill();
            assertTrue(left > 0, "the agent was killed before it had sent everything (" + left + " left)");

            agent = AgentProcess.start(device, pipeline.ingestPort(), journal);
            for (int i = 0; i < 20; i++) {
                tapIds.add(agent.tap(1 + i % 4, null));
                presses++;
            }
            agent.awaitQueueEmpty(WAIT);
            pipeline.awaitCaughtUp(WAIT);

            Map<String, Object> counted = ch.select("SELECT toString(count()) AS taps,"
                    + " toString(uniqExact(response_id)) AS distinct_taps,"
                    + " toString(sum(suppressed_presses)) AS suppressed"
                    + " FROM otklik.responses FINAL WHERE office_code = " + ClickHouseHttp.quote(OFFICE)).get(0);
            assertEquals(tapIds.size(), Long.parseLong((String) counted.get("taps")), "taps counted once each");
            assertEquals(tapIds.size(), Long.parseLong((String) counted.get("distinct_taps")));
            assertEquals(presses, tapIds.size() + Long.parseLong((String) counted.get("suppressed")),
                    "every press is a tap or a suppressed press of one");
            long aggregated = Long.parseLong((String) ch.select("SELECT toString(sum(responses)) AS n"
                    + " FROM otklik.response_minute FINAL WHERE office_code = " + ClickHouseHttp.quote(OFFICE))
                    .get(0).get("n"));
            assertEquals(tapIds.size(), aggregated, "the minute aggregates count each tap once too");
        }
    }
}
