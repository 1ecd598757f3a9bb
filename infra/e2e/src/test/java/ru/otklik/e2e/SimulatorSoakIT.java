package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;
import ru.otklik.kiosk.simulator.Simulator;
import ru.otklik.kiosk.simulator.SimulatorConfig;
import ru.otklik.kiosk.simulator.fleet.DeviceFleet;
import ru.otklik.kiosk.simulator.report.SimulationSummary;

/**
 * One simulator process drives 1,000 virtual kiosks and 1,000 online respondents over the 26 pilot
 * offices through the real ingest, Kafka and the Flink job; what its summary says was accepted,
 * per office and per kind, is exactly what ClickHouse counts afterwards.
 */
class SimulatorSoakIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final int KIOSKS = 1_000;
    private static final int RESPONDENTS = 1_000;
    private static final long FORMS = 3_000;
    private static final long TAPS = 9_000;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();

    @TempDir
    Path dir;

    @Test
    void thousandKiosksAndThousandRespondentsFromOneProcessAreCountedExactly() throws Exception {
        List<KioskDevice> fleet = DeviceFleet.create(List.copyOf(OfficeDirectory.pilot().offices()), KIOSKS).devices();
        try (Pipeline pipeline = Pipeline.start(stack, dir, fleet)) {
            long started = System.nanoTime();
            SimulationSummary summary = new Simulator(SimulatorConfig.builder()
                    .ingest(URI.create("http://127.0.0.1:" + pipeline.ingestPort()))
                    .devices(fleet).respondents(RESPONDENTS).forms(FORMS).taps(TAPS).rate(0).seed(1000)
                    .progress(SimulatorConfig.Progress.OFF).build()).run();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("event=soak_sent kiosks=%d respondents=%d forms=%d taps=%d seconds=%.1f rate=%.0f/s%n",
                    KIOSKS, RESPONDENTS, summary.totals().forms().accepted(), summary.totals().taps().accepted(),
                    seconds, (summary.totals().forms().accepted() + summary.totals().taps().accepted()) / seconds);
            assertEquals(FORMS, summary.totals().forms().accepted(), summary.problems().toString());
            assertEquals(TAPS, summary.totals().taps().accepted(), summary.problems().toString());

            pipeline.awaitCaughtUp(WAIT);
            Map<String, Long> expected = new TreeMap<>();
            for (SimulationSummary.OfficeSummary office : summary.offices()) {
                expected.put(office.officeCode() + " forms", office.forms().accepted());
                expected.put(office.officeCode() + " taps", office.taps().accepted());
            }
            Map<String, Long> counted = new TreeMap<>();
            expected.keySet().forEach(key -> counted.put(key, 0L));
            for (Map<String, Object> row : ch.select("SELECT office_code, channel = 'kiosk' AS kiosk,"
                    + " toString(count()) AS n FROM otklik.responses FINAL GROUP BY office_code, kiosk")) {
                String kind = ClickHouseHttp.asLong(row.get("kiosk")) == 1 ? " taps" : " forms";
                counted.put(row.get("office_code") + kind, Long.parseLong((String) row.get("n")));
            }
            assertEquals(expected, counted, "per office and kind: the simulator's accepted count vs ClickHouse");
            long aggregated = Long.parseLong((String) ch.select(
                    "SELECT toString(sum(responses)) AS n FROM otklik.response_minute FINAL").get(0).get("n"));
            assertEquals(FORMS + TAPS, aggregated, "the minute aggregates agree with the raw rows");
        }
    }
}
