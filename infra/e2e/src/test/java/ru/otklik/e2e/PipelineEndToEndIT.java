package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;
import ru.otklik.kiosk.simulator.Simulator;
import ru.otklik.kiosk.simulator.SimulatorConfig;
import ru.otklik.kiosk.simulator.fleet.DeviceFleet;
import ru.otklik.kiosk.simulator.report.SimulationSummary;

/**
 * The whole way: HTTP into ingest, Kafka, the Flink job on a MiniCluster (parallelism 2), ClickHouse,
 * and the dashboards' JSON API. Known inputs give exact figures everywhere; sending everything
 * again changes none of them.
 */
class PipelineEndToEndIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SECRET = KioskSignature.newSecret();
    private static final KioskDevice KIOSK = new KioskDevice("kiosk-e2e-bry01", "BRY-01", "hall", SECRET, false);

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();

    @TempDir
    Path dir;

    private static void sendKnownInputs(int port, Instant ts) throws Exception {
        for (String form : KnownResponses.forms(ts)) {
            assertEquals(202, Pipeline.post(port, "/api/v1/responses", form.getBytes(StandardCharsets.UTF_8), Map.of()), form);
        }
        byte[] batch = EventJson.toBytes(new KioskBatch(KnownResponses.taps(KIOSK.deviceId(), ts)));
        long signedAt = Instant.now().getEpochSecond();
        assertEquals(202, Pipeline.post(port, "/api/v1/kiosk/batches", batch, Map.of(
                KioskSignature.DEVICE_HEADER, KIOSK.deviceId(),
                KioskSignature.TIMESTAMP_HEADER, String.valueOf(signedAt),
                KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(SECRET, signedAt, batch))));
    }

    /** office/survey/question/audience → {n, positive 8–10 (or 3–4 for K1)} from the minute aggregates. */
    private Map<String, List<Long>> aggregated() {
        Map<String, List<Long>> figures = new TreeMap<>();
        for (Map<String, Object> row : ch.select("SELECT office_code, survey_id, question_id, audience,"
                + " toString(sum(answered)) AS n, toString(sum(if(question_id = 'K1', c3 + c4, c8 + c9 + c10))) AS pos"
                + " FROM otklik.answer_minute FINAL GROUP BY office_code, survey_id, question_id, audience")) {
            figures.put(row.get("office_code") + "/" + row.get("survey_id") + "/" + row.get("question_id") + "/"
                    + row.get("audience"), List.of(Long.parseLong((String) row.get("n")),
                    Long.parseLong((String) row.get("pos"))));
        }
        return figures;
    }

    /** The same figures straight from the raw answers table. */
    private Map<String, List<Long>> raw() {
        Map<String, List<Long>> figures = new TreeMap<>();
        for (Map<String, Object> row : ch.select("SELECT office_code, survey_id, question_id, audience,"
                + " toString(count()) AS n,"
                + " toString(countIf(if(question_id = 'K1', score >= 3, score >= 8))) AS pos"
                + " FROM otklik.answers FINAL WHERE score IS NOT NULL"
                + " GROUP BY office_code, survey_id, question_id, audience")) {
            figures.put(row.get("office_code") + "/" + row.get("survey_id") + "/" + row.get("question_id") + "/"
                    + row.get("audience"), List.of(Long.parseLong((String) row.get("n")),
                    Long.parseLong((String) row.get("pos"))));
        }
        return figures;
    }

    private Map<String, List<Long>> awaitAggregatesEqualRaw() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, List<Long>> raw = raw();
            Map<String, List<Long>> aggregated = aggregated();
            if (!raw.isEmpty() && raw.equals(aggregated)) {
                return aggregated;
            }
            if (System.nanoTime() > deadline) {
                assertEquals(raw, aggregated, "minute aggregates vs raw answers");
            }
            Thread.sleep(250);
        }
    }

    @Test
    void knownInputsGiveExactFiguresAndSendingThemAgainChangesNothing() throws Exception {
        Instant ts = Instant.now().minusSeconds(120);
        try (Pipeline pipeline = Pipeline.start(stack, dir, List.of(KIOSK))) {
            sendKnownInputs(pipeline.ingestPort(), ts);
            pipeline.awaitCaughtUp(WAIT);
            Map<String, List<Long>> figures = awaitAggregatesEqualRaw();

            assertEquals(List.of((long) KnownResponses.BRY01_SEEKERS, (long) KnownResponses.BRY01_SEEKER_Q1_POSITIVE),
                    figures.get("BRY-01/jc-seeker/Q1/seeker"));
            assertEquals(List.of(10L, 5L), figures.get("BRY-01/jc-seeker/Q2/seeker"));
            assertEquals(List.of((long) KnownResponses.BRY01_EMPLOYERS, (long) KnownResponses.BRY01_EMPLOYERS),
                    figures.get("BRY-01/jc-employer/Q1/employer"));
            assertEquals(List.of((long) KnownResponses.BRY02_SEEKERS, 0L), figures.get("BRY-02/jc-seeker/Q1/seeker"));
            assertEquals(List.of((long) KnownResponses.TAPS, (long) KnownResponses.HAPPY_TAPS),
                    figures.get("BRY-01/kiosk-quick/K1/visitor"));
            assertEquals(5, figures.size(), figures.toString());
            long forms = KnownResponses.BRY01_SEEKERS + KnownResponses.BRY01_EMPLOYERS + KnownResponses.BRY02_SEEKERS;
            assertEquals(forms + KnownResponses.TAPS,
                    ch.selectLong("SELECT sum(responses) FROM otklik.response_minute FINAL"));

            // every form and the whole kiosk batch once more, as clients retrying after a timeout would
            sendKnownInputs(pipeline.ingestPort(), ts);
            pipeline.awaitCaughtUp(WAIT);
            Thread.sleep(1_000); // one more emit interval and sink flush: anything that would change, would by now
            assertEquals(figures, awaitAggregatesEqualRaw(), "a resend changes no figure");
            assertEquals(forms + KnownResponses.TAPS,
                    ch.selectLong("SELECT sum(responses) FROM otklik.response_minute FINAL"));
            assertEquals(forms + KnownResponses.TAPS, ch.selectLong("SELECT count() FROM otklik.responses FINAL"));
            awaitDashboardShowsTheKnownFigures();
        }
    }

    /** The rolling windows follow the job's watermark, a moment after the raw rows: wait for them. */
    private void awaitDashboardShowsTheKnownFigures() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                assertDashboardShowsTheKnownFigures();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** The same figures through the dashboards' JSON API, as a regional manager of Bryansk sees them. */
    private void assertDashboardShowsTheKnownFigures() throws Exception {
        try (DashboardsClient dashboards = DashboardsClient.start(stack, dir)) {
            String region = dashboards.login("region-BRY");
            JsonNode bry01 = dashboards.json("/api/v1/offices/BRY-01/indicators?window=24h", region);
            assertEquals(KnownResponses.BRY01_SEEKERS + KnownResponses.BRY01_EMPLOYERS + KnownResponses.TAPS,
                    bry01.get("responses").asLong(), bry01.path("responsesBySurvey") + " as of " + bry01.path("asOf"));
            assertItem(item(bry01, "seeker", "Q1"), KnownResponses.BRY01_SEEKERS,
                    KnownResponses.BRY01_SEEKER_Q1_POSITIVE, true);
            assertItem(item(bry01, "seeker", "Q2"), 10, 5, false);
            assertItem(item(bry01, "employer", "Q1"), KnownResponses.BRY01_EMPLOYERS,
                    KnownResponses.BRY01_EMPLOYERS, false);
            assertItem(item(bry01, "all", "Q1"), KnownResponses.BRY01_SEEKERS + KnownResponses.BRY01_EMPLOYERS,
                    KnownResponses.BRY01_SEEKER_Q1_POSITIVE + KnownResponses.BRY01_EMPLOYERS, true);
            assertEquals(KnownResponses.TAPS, bry01.at("/kiosk/taps").asLong());
            assertEquals(KnownResponses.HAPPY_TAPS, bry01.at("/kiosk/satisfaction/positive").asLong());
            assertEquals((double) KnownResponses.HAPPY_TAPS / KnownResponses.TAPS,
                    bry01.at("/kiosk/satisfaction/share").asDouble(), 1e-9);

            JsonNode bry02 = dashboards.json("/api/v1/offices/BRY-02/indicators?window=24h", region);
            assertItem(item(bry02, "seeker", "Q1"), KnownResponses.BRY02_SEEKERS, 0, true);

            // the server, not the page, keeps an office head to their own office
            String officeHead = dashboards.login("office-BRY-02");
            assertEquals(403, dashboards.get("/api/v1/offices/BRY-01/indicators", officeHead).statusCode());
        }
    }

    private static JsonNode item(JsonNode office, String audience, String questionId) {
        for (JsonNode item : office.at("/byAudience/" + audience)) {
            if (item.get("questionId").asText().equals(questionId)) {
                return item;
            }
        }
        throw new AssertionError("no " + questionId + " for " + audience + " in " + office);
    }

    private static void assertItem(JsonNode item, long n, long positive, boolean sufficient) {
        assertEquals(n, item.get("n").asLong(), item.toString());
        assertEquals(positive, item.get("positive").asLong(), item.toString());
        assertEquals((double) positive / n, item.get("share").asDouble(), 1e-9, item.toString());
        assertEquals(sufficient, item.get("sufficient").asBoolean(), item.toString());
        assertTrue(item.get("low").asDouble() <= item.get("share").asDouble()
                && item.get("share").asDouble() <= item.get("high").asDouble(), item.toString());
    }

    @Test
    void whatTheSimulatorReportsAcceptedIsWhatClickHouseCounts() throws Exception {
        List<KioskDevice> fleet = DeviceFleet.create(List.copyOf(OfficeDirectory.pilot().offices()), 40).devices();
        try (Pipeline pipeline = Pipeline.start(stack, dir, fleet)) {
            SimulationSummary summary = new Simulator(SimulatorConfig.builder()
                    .ingest(URI.create("http://127.0.0.1:" + pipeline.ingestPort()))
                    .devices(fleet).respondents(50).forms(600L).taps(900L).rate(0).seed(11)
                    .progress(SimulatorConfig.Progress.OFF).build()).run();
            assertEquals(600, summary.totals().forms().accepted(), summary.problems().toString());
            assertEquals(900, summary.totals().taps().accepted(), summary.problems().toString());

            pipeline.awaitCaughtUp(WAIT);
            awaitAggregatesEqualRaw();
            Map<String, Long> expected = new TreeMap<>();
            for (SimulationSummary.OfficeSummary office : summary.offices()) {
                long accepted = office.forms().accepted() + office.taps().accepted();
                if (accepted > 0) {
                    expected.put(office.officeCode(), accepted);
                }
            }
            Map<String, Long> counted = new TreeMap<>();
            for (Map<String, Object> row : ch.select("SELECT office_code, toString(sum(responses)) AS n"
                    + " FROM otklik.response_minute FINAL GROUP BY office_code")) {
                counted.put((String) row.get("office_code"), Long.parseLong((String) row.get("n")));
            }
            assertEquals(expected, counted, "per office: simulator's accepted count vs ClickHouse");
            assertTrue(counted.size() > 20, "the load reaches most pilot offices");
        }
    }
}
