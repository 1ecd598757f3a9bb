package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;
import ru.otklik.streaming.alert.internal.DropScope;

/**
 * Issue 11's drop alert the whole way: signed kiosk batches into ingest, Kafka, the Flink job's drop
 * stage, {@code otklik.alerts}, and the dashboards' alert feed. Three pilot offices have a week of
 * ordinary kiosk traffic (the baseline the test needs before it tests at all); on the day after, one of
 * them falls for a morning. Exactly one incident opens, for that office, on a bad tap of its fall; the
 * two offices that did not fall have none, and each viewer of the feed sees it only within their scope.
 */
class DropAlertIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String FALLING = "BRY-01";
    private static final List<String> OFFICES = List.of(FALLING, "BRY-02", "VLA-01");
    /** The fewest whole days of baseline the job's test needs: the fall comes on the first day it tests. */
    private static final int BASELINE_DAYS = DropTestSettings.DEFAULTS.minimumBaselineDays();
    /** Opening hours, local: each office's kiosk has its own third of them (see {@link #scenario}). */
    private static final int OPENS = 9;
    private static final int HOURS_PER_OFFICE = 3;
    /**
     * Per office, in its three hours. The false alarms the test is designed for are per day of an
     * office's own traffic (0.5 a quarter), so the more taps a day, the fewer false alarms per tested
     * tap: at 120 a day the two offices that do not fall raise one within the {@link #TESTED_TAPS} each
     * is tested on in about one run of 400; a fall of {@link #FALLEN_TAPS} taps is missed in about one
     * of 3000 (both simulated over seeds with the job's DropDetector).
     */
    private static final int TAPS_PER_HOUR = 40;
    private static final int TAPS_PER_DAY = HOURS_PER_OFFICE * TAPS_PER_HOUR;
    private static final double USUAL_BAD = 0.2;
    /** The fall: the first this many taps of the tested day, at this bad share; then ordinary ones. */
    private static final int FALLEN_TAPS = 75;
    private static final double FALLEN_BAD = 0.7;
    private static final int RECOVERED_TAPS = 15;
    /** Taps of each office that does not fall on the tested day. */
    private static final int TESTED_TAPS = 40;
    /** A fixed seed so a failure can be rerun; the outcome asserted does not depend on it (see above). */
    private static final long SEED = 20261201L;
    /**
     * The drop alerts among the job's alerts (drop_kiosk, drop_forms). The job flags other things into
     * the same table (fraud, silent kiosks); they are not what this test is about, and the scenario's
     * kiosks, each tapping in only its own three hours a day, are silent for the rest of it.
     */
    private static final String DROPS = "startsWith(alert_type, 'drop_')";

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();
    /** Ids of this run only, so no row of another run (or test) can pass for one of ours. */
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    Path dir;

    /** One tap the test sent (or will send) through a kiosk of {@code office}. */
    private record Sent(String id, String office, Instant at, int button, boolean fallen) {
        boolean bad() {
            return button <= 2; // the job's rule for kiosk satisfaction: buttons 1 and 2 of 4 are unhappy
        }
    }

    @Test
    void aFallInOneOfficeOpensOneAlertForItAndNoneForTheOthers() throws Exception {
        Map<String, KioskDevice> devices = new LinkedHashMap<>();
        for (String office : OFFICES) {
            devices.put(office, new KioskDevice("kiosk-drop-" + office.toLowerCase(Locale.ROOT), office, "hall",
                    KioskSignature.newSecret(), false));
        }
        ZoneId zone = zoneOf(OFFICES);
        // yesterday, local: its morning is always past, whatever the hour the test runs at, and the
        // week before it is well inside what ingest accepts (35 days back)
        LocalDate testedDay = LocalDate.now(zone).minusDays(1);
        List<Sent> scenario = scenario(testedDay, zone);
        List<Sent> fallen = scenario.stream().filter(Sent::fallen).toList();
        Instant lastOfScenario = scenario.get(scenario.size() - 1).at();

        try (Pipeline pipeline = Pipeline.start(stack, dir, List.copyOf(devices.values()))) {
            // Day by day, each followed by a wait until the job has counted all of it. The job reads the
            // partitions each at its own pace, and one silent for a second (the pipeline's source idleness)
            // does not hold the watermark back: were the job behind, a later day of one office could take
            // the watermark past days of another office still unread, and the drop stage would observe
            // those taps as behind the watermark, on the day it has reached (see DropAlertStage), folding
            // a week of baseline into one day. Kiosks tapping in real time are never days ahead of the job.
            Map<LocalDate, List<Sent>> days = scenario.stream().collect(Collectors.groupingBy(
                    t -> LocalDate.ofInstant(t.at(), zone), TreeMap::new, Collectors.toList()));
            for (List<Sent> day : days.values()) {
                send(pipeline.ingestPort(), devices, day);
                pipeline.awaitCaughtUp(WAIT);
            }
            // one more tap of every office half an hour later: the watermark follows the data, and these
            // take it past the end of every scenario tap's minute, so every office's whole scenario is
            // observed by the drop test (these taps themselves stay waiting, unobserved)
            List<Sent> closing = new ArrayList<>();
            for (int k = 0; k < OFFICES.size(); k++) {
                closing.add(new Sent(id(OFFICES.get(k), "closing", k), OFFICES.get(k),
                        lastOfScenario.plus(Duration.ofMinutes(30)).plusSeconds(k), 4, false));
            }
            send(pipeline.ingestPort(), devices, closing);

            awaitValue("an open drop alert of " + FALLING, () -> ch.select("SELECT alert_id FROM otklik.alerts"
                    + " FINAL WHERE " + DROPS + " AND office_code = " + ClickHouseHttp.quote(FALLING)
                    + " AND status IN ('open', 'escalated')").stream().findFirst());
            awaitEverythingObservedIsWritten(pipeline, devices, lastOfScenario);

            // ---- otklik.alerts ----
            List<Map<String, Object>> others = ch.select("SELECT office_code, alert_id, status FROM otklik.alerts"
                    + " WHERE " + DROPS + " AND office_code != " + ClickHouseHttp.quote(FALLING));
            assertEquals(List.of(), others, "no drop alert for an office that did not fall");
            List<Map<String, Object>> incidents = ch.select("SELECT DISTINCT alert_id FROM otklik.alerts"
                    + " WHERE " + DROPS + " AND office_code = " + ClickHouseHttp.quote(FALLING));
            assertEquals(1, incidents.size(), "one incident for the fall, not one per bad tap: " + incidents);

            Map<String, Object> alert = ch.select("SELECT alert_id, alert_type, severity, status, region_code,"
                    + " office_code, toUnixTimestamp(started_ts) AS started, toUnixTimestamp(opened_ts) AS opened,"
                    + " closed_ts, observed, flagged, baseline, alarm_level, statistic, threshold, response_ids"
                    + " FROM otklik.alerts FINAL WHERE " + DROPS
                    + " AND office_code = " + ClickHouseHttp.quote(FALLING)).get(0);
            String alertId = (String) alert.get("alert_id");
            assertEquals("drop_kiosk", alert.get("alert_type"));
            assertEquals("BRY", alert.get("region_code"));
            String status = (String) alert.get("status");
            assertTrue(status.equals("open") || status.equals("escalated"), "still open: " + alert);
            assertEquals(status.equals("open") ? "warning" : "critical", alert.get("severity"), alert.toString());
            assertNull(alert.get("closed_ts"), alert.toString());

            // it opened on a bad tap of the fall, at that tap's time
            long opened = ClickHouseHttp.asLong(alert.get("opened"));
            assertTrue(opened >= fallen.get(0).at().getEpochSecond()
                    && opened <= fallen.get(fallen.size() - 1).at().getEpochSecond(),
                    "opened at " + Instant.ofEpochSecond(opened) + ", the fall lasted from " + fallen.get(0).at()
                            + " to " + fallen.get(fallen.size() - 1).at());
            String prefix = "drop_kiosk:" + FALLING + ":";
            assertTrue(alertId.startsWith(prefix), alertId);
            Sent opening = scenario.stream().filter(t -> t.id().equals(alertId.substring(prefix.length())))
                    .findFirst().orElseThrow(() -> new AssertionError("the alert names no tap we sent: " + alertId));
            assertTrue(opening.fallen() && opening.bad(), "opened by " + opening);
            assertEquals(opening.at().getEpochSecond(), opened, "opened_ts is the opening tap's time");
            assertTrue(ClickHouseHttp.asLong(alert.get("started")) <= opened, alert.toString());

            // the evidence: bad taps of the office that fell, and only those
            @SuppressWarnings("unchecked")
            List<String> responseIds = ((List<Object>) alert.get("response_ids")).stream().map(String::valueOf)
                    .toList();
            assertFalse(responseIds.isEmpty(), alert.toString());
            Set<String> badOfFalling = scenario.stream().filter(t -> t.office().equals(FALLING) && t.bad())
                    .map(Sent::id).collect(Collectors.toSet());
            Set<String> notBad = responseIds.stream().filter(id -> !badOfFalling.contains(id))
                    .collect(Collectors.toCollection(HashSet::new));
            assertEquals(Set.of(), notBad, "named but not a bad tap of " + FALLING + " that was sent");
            assertEquals(responseIds.size(), new HashSet<>(responseIds).size(), "each named once: " + responseIds);
            assertTrue(responseIds.contains(opening.id()), "the opening tap is part of the evidence");
            long observed = ClickHouseHttp.asLong(alert.get("observed"));
            long flagged = ClickHouseHttp.asLong(alert.get("flagged"));
            assertTrue(flagged <= observed, alert.toString());
            assertEquals(Math.min(flagged, DropScope.MAX_IDS), responseIds.size(),
                    "the alert names the bad taps it counts (the latest " + DropScope.MAX_IDS + " at most)");

            // judged against the office's own baseline: its bad share over the baseline week, as sent
            long baselineTaps = scenario.stream().filter(t -> t.office().equals(FALLING) && t.at().isBefore(
                    testedDay.atStartOfDay(zone).toInstant())).count();
            long baselineBad = scenario.stream().filter(t -> t.office().equals(FALLING) && t.bad() && t.at().isBefore(
                    testedDay.atStartOfDay(zone).toInstant())).count();
            double baseline = ClickHouseHttp.asDouble(alert.get("baseline"));
            assertEquals(baselineBad / (double) baselineTaps, baseline, 1e-9, alert.toString());
            assertTrue(ClickHouseHttp.asDouble(alert.get("alarm_level")) > baseline, alert.toString());
            assertTrue(ClickHouseHttp.asDouble(alert.get("statistic"))
                    >= ClickHouseHttp.asDouble(alert.get("threshold")), "an open incident reached the limit: " + alert);

            assertTheFeedShowsItWithinEachViewersScope(alertId, status, opened, responseIds);
        }
    }

    /** The same incident through {@code GET /api/v1/alerts}, as viewers of different scopes see it. */
    private void assertTheFeedShowsItWithinEachViewersScope(String alertId, String status, long opened,
                                                            List<String> responseIds) throws Exception {
        try (DashboardsClient dashboards = DashboardsClient.start(stack, dir)) {
            String federal = dashboards.login("federal");
            JsonNode all = alerts(dashboards, "/api/v1/alerts", federal);
            assertEquals(1, all.size(), "the federal user sees every open drop alert, and there is one: " + all);
            JsonNode a = all.get(0);
            assertEquals(alertId, a.path("alertId").asText(), a.toString());
            assertEquals("drop_kiosk", a.path("type").asText(), a.toString());
            assertEquals(FALLING, a.path("officeCode").asText(), a.toString());
            assertEquals("BRY", a.path("regionCode").asText(), a.toString());
            assertEquals(status, a.path("status").asText(), a.toString());
            assertEquals(status.equals("open") ? "warning" : "critical", a.path("severity").asText(), a.toString());
            assertEquals(Instant.ofEpochSecond(opened), Instant.parse(a.path("openedAt").asText()), a.toString());
            assertTrue(a.path("closedAt").isNull(), a.toString());
            List<String> ids = new ArrayList<>();
            a.path("responseIds").forEach(id -> ids.add(id.asText()));
            assertEquals(responseIds, ids, "the feed names the alert's evidence");
            assertEquals(1, alerts(dashboards, "/api/v1/alerts?status=all", federal).size(),
                    "nothing closed either: the incident is the only one");
            assertEquals(0, alerts(dashboards, "/api/v1/alerts?office=VLA-01", federal).size());

            String bry01 = dashboards.login("office-" + FALLING);
            JsonNode own = alerts(dashboards, "/api/v1/alerts", bry01);
            assertEquals(1, own.size(), own.toString());
            assertEquals(alertId, own.get(0).path("alertId").asText());
            assertEquals(1, alerts(dashboards, "/api/v1/alerts?office=" + FALLING, bry01).size());
            JsonNode region = alerts(dashboards, "/api/v1/alerts", dashboards.login("region-BRY"));
            assertEquals(1, region.size(), region.toString());
            assertEquals(alertId, region.get(0).path("alertId").asText());

            // viewers whose scope holds no office that fell see nothing, and may not ask for one outside it
            String vla = dashboards.login("region-VLA");
            assertEquals(0, alerts(dashboards, "/api/v1/alerts", vla).size());
            assertEquals(0, alerts(dashboards, "/api/v1/alerts?status=all", vla).size());
            assertEquals(403, dashboards.get("/api/v1/alerts?office=" + FALLING, vla).statusCode());
            String bry02 = dashboards.login("office-BRY-02");
            assertEquals(0, alerts(dashboards, "/api/v1/alerts", bry02).size(), "a neighbour office's head");
            assertEquals(403, dashboards.get("/api/v1/alerts?office=" + FALLING, bry02).statusCode());
        }
    }

    private static JsonNode alerts(DashboardsClient dashboards, String path, String cookie) throws Exception {
        JsonNode alerts = dashboards.json(path, cookie).get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new AssertionError(path + " answered no \"alerts\" array");
        }
        // the drop alerts only (see DROPS)
        ArrayNode drops = EventJson.mapper().createArrayNode();
        alerts.forEach(a -> {
            if (a.path("type").asText().startsWith("drop_")) {
                drops.add(a);
            }
        });
        return drops;
    }

    /**
     * Every office: {@link #BASELINE_DAYS} whole days of ordinary taps, then the tested day, on which
     * {@link #FALLING} falls for its first {@link #FALLEN_TAPS} taps. Each office taps in its own three
     * of the opening hours (09-12, 12-15, 15-18), so that the taps, sorted by time, come as one run of
     * one kiosk per office and day, and so one batch: a few dozen requests rather than hundreds, which on
     * a loaded machine take seconds rather than minutes. The drop test does not look at the hour of a
     * tap, only at its order and its local day (the job's silent-kiosk flag does: see {@link #DROPS}).
     */
    private List<Sent> scenario(LocalDate testedDay, ZoneId zone) {
        Random random = new Random(SEED);
        List<Sent> taps = new ArrayList<>();
        for (int k = 0; k < OFFICES.size(); k++) {
            String office = OFFICES.get(k);
            for (int day = 0; day <= BASELINE_DAYS; day++) {
                LocalDate date = testedDay.minusDays(BASELINE_DAYS - day);
                int count = day < BASELINE_DAYS ? TAPS_PER_DAY
                        : office.equals(FALLING) ? FALLEN_TAPS + RECOVERED_TAPS : TESTED_TAPS;
                int seconds = count * 3600 / TAPS_PER_HOUR; // from the start of its hours, at the usual rate
                ZonedDateTime from = date.atTime(OPENS + HOURS_PER_OFFICE * k, 0).atZone(zone);
                List<Instant> times = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    times.add(from.plusSeconds(random.nextInt(seconds)).toInstant());
                }
                times.sort(Comparator.naturalOrder());
                for (int i = 0; i < count; i++) {
                    boolean fell = office.equals(FALLING) && day == BASELINE_DAYS && i < FALLEN_TAPS;
                    boolean bad = random.nextDouble() < (fell ? FALLEN_BAD : USUAL_BAD);
                    int button = bad ? 1 + random.nextInt(2) : 3 + random.nextInt(2);
                    taps.add(new Sent(id(office, "d" + day, i), office, times.get(i), button, fell));
                }
            }
        }
        taps.sort(Comparator.comparing(Sent::at).thenComparing(Sent::id));
        return taps;
    }

    private String id(String office, String part, int i) {
        return "drop-" + run + "-" + office + "-" + part + "-" + i;
    }

    /** The offices' one time zone: local days are the job's days, and the scenario's too. */
    private static ZoneId zoneOf(List<String> offices) {
        OfficeDirectory directory = OfficeDirectory.pilot();
        Set<ZoneId> zones = new HashSet<>();
        for (String office : offices) {
            zones.add(RegionTimeZone.of(directory.office(office).orElseThrow().regionCode()));
        }
        assertEquals(1, zones.size(), "the scenario's offices share a time zone: " + zones);
        return zones.iterator().next();
    }

    /**
     * In event-time order across offices, as kiosks in real time would send them: the watermark follows
     * the data (newest time minus 5 s), so a tap sent after a later one of another office could be
     * behind it. Each run of one kiosk's consecutive taps is one signed batch.
     */
    private static void send(int port, Map<String, KioskDevice> devices, List<Sent> taps) throws Exception {
        int from = 0;
        while (from < taps.size()) {
            String office = taps.get(from).office();
            int to = from;
            while (to < taps.size() && to - from < KioskBatch.MAX_TAPS && taps.get(to).office().equals(office)) {
                to++;
            }
            KioskDevice device = devices.get(office);
            List<KioskTap> batch = new ArrayList<>();
            for (Sent t : taps.subList(from, to)) {
                batch.add(new KioskTap(t.id(), device.deviceId(), t.button(), null, t.at(), 0));
            }
            byte[] body = EventJson.toBytes(new KioskBatch(batch));
            long signedAt = Instant.now().getEpochSecond();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/kiosk/batches"))
                    .header("Content-Type", "application/json")
                    .header(KioskSignature.DEVICE_HEADER, device.deviceId())
                    .header(KioskSignature.TIMESTAMP_HEADER, String.valueOf(signedAt))
                    .header(KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(device.secret(), signedAt, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode(), r.body());
            // 202 answers a batch with rejected taps too: every tap of ours must have been taken
            JsonNode answer = EventJson.mapper().readTree(r.body());
            assertEquals(batch.size(), answer.path("accepted").asInt(), r.body());
            from = to;
        }
    }

    /**
     * Until the job's watermark has passed every scenario tap's minute in every office, and what the drop
     * stage wrote until then is in ClickHouse. The office stage writes its watermark per office
     * (scope_watermark) after the drop stage chained to it has had that watermark and written its alerts
     * to the sink; a tap sent after that is committed only at a checkpoint after which the sink flushed.
     */
    private void awaitEverythingObservedIsWritten(Pipeline pipeline, Map<String, KioskDevice> devices,
                                                  Instant lastOfScenario) throws Exception {
        long minuteEnd = lastOfScenario.getEpochSecond() - Math.floorMod(lastOfScenario.getEpochSecond(), 60) + 60;
        String offices = OFFICES.stream().map(ClickHouseHttp::quote).collect(Collectors.joining(", "));
        awaitValue("the watermark of every office past " + Instant.ofEpochSecond(minuteEnd), () -> {
            List<Map<String, Object>> rows = ch.select("SELECT toString(count()) AS n,"
                    + " toString(min(toUnixTimestamp(as_of))) AS low FROM otklik.scope_watermark FINAL"
                    + " WHERE scope_level = 'office' AND scope_code IN (" + offices + ")");
            Map<String, Object> row = rows.get(0);
            return ClickHouseHttp.asLong(row.get("n")) == OFFICES.size()
                    && ClickHouseHttp.asLong(row.get("low")) >= minuteEnd ? Optional.of(row) : Optional.empty();
        });
        String marker = OFFICES.get(OFFICES.size() - 1);
        send(pipeline.ingestPort(), devices, List.of(new Sent(id(marker, "marker", 0), marker,
                lastOfScenario.plus(Duration.ofMinutes(31)), 4, false)));
        pipeline.awaitCaughtUp(WAIT);
    }

    /** Polls until {@code probe} has a value (states, not a fixed sleep); fails at the deadline. */
    private static <T> T awaitValue(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            Thread.sleep(250);
        }
    }
}
