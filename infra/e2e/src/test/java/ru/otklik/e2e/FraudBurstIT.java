package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;

/**
 * Issue 11's fraud burst the whole way: web forms through ingest (behind a trusted proxy, so each
 * respondent has their own address, and ingest hashes it), Kafka, the Flink job's fraud stage,
 * {@code otklik.alerts} and the dashboards' alert feed. While other offices' kiosks tap as usual (so
 * event time moves on, as it does with 26 offices live), honest respondents of two offices answer from
 * their own addresses and one address sends 20 fake forms to one office, with varied top scores. The
 * burst is flagged — one flag, for that office and address, naming the fakes and only them — within
 * 60 s of the 20th fake; no honest address and no other office is flagged. An honest respondent's complaint
 * (a comment with a low score) becomes a case of their office in the dashboards, through the job's topic
 * {@code feedback.negative}; the fakes, all 8-10, open none.
 */
class FraudBurstIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final String TARGET = "BRY-01";
    private static final String FAKER = "10.20.30.40";
    private static final Duration FLAGGED_WITHIN = Duration.ofSeconds(60);
    /** Other offices' kiosks, each tapping every 25 s: far below a kiosk burst (30 in 10 minutes). */
    private static final List<String> LIVE_OFFICES = List.of("VLA-01", "VLA-02", "YAR-01", "LIP-01", "PSK-01");

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    Path dir;

    /** A seeker's form with six top-ish scores; {@code variant} makes each answer vector its own. */
    private static byte[] form(String id, String office, int variant) {
        return form(id, office, variant, null);
    }

    /** The same, with a comment and, if it has one, a low usefulness score (Q1 = 2): a case for the office head. */
    private static byte[] form(String id, String office, int variant, String comment) {
        ObjectNode form = KnownResponses.form(id, "jc-seeker", "seeker", office, Instant.now());
        ObjectNode answers = form.putObject("answers");
        int v = variant;
        for (String q : List.of("Q1", "Q5", "Q6", "Q8", "Q9", "Q10")) {
            answers.put(q, 8 + v % 3); // 8, 9 or 10: a staff member's "good but not suspicious" marks
            v /= 3;
        }
        if (comment != null) {
            answers.put("Q1", 2);
            form.put("comment", comment);
        }
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void sendForm(int port, String id, String office, int variant, String address) throws Exception {
        assertEquals(202, Pipeline.post(port, "/api/v1/responses", form(id, office, variant), Map.of("X-Forwarded-For", address)), id);
    }

    @Test
    void aBurstOfFakeFormsFromOneAddressIsFlaggedWithinAMinuteAndNothingElseIs() throws Exception {
        List<KioskDevice> kiosks = new ArrayList<>();
        for (String office : LIVE_OFFICES) {
            kiosks.add(new KioskDevice("kiosk-live-" + office.toLowerCase(java.util.Locale.ROOT), office, "hall",
                    KioskSignature.newSecret(), false));
        }
        ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor();
        AtomicReference<Throwable> liveFailure = new AtomicReference<>();
        try (Pipeline pipeline = Pipeline.start(stack, dir, kiosks, Map.of("OTKLIK_TRUSTED_PROXIES", "127.0.0.1"));
             DashboardsClient dashboards = DashboardsClient.startWithReviews(stack, dir, pipeline.reviewsTopic(),
                     pipeline.feedbackTopic())) {
            int port = pipeline.ingestPort();
            AtomicInteger tick = new AtomicInteger();
            live.scheduleAtFixedRate(() -> { // one office's kiosk taps every 5 s, each kiosk every 25 s
                try {
                    int n = tick.getAndIncrement();
                    KioskDevice k = kiosks.get(n % kiosks.size());
                    byte[] batch = EventJson.toBytes(new KioskBatch(List.of(new KioskTap("live-" + run + "-" + n,
                            k.deviceId(), 3, null, Instant.now(), 0))));
                    long signedAt = Instant.now().getEpochSecond();
                    int status = Pipeline.post(port, "/api/v1/kiosk/batches", batch, Map.of(
                            KioskSignature.DEVICE_HEADER, k.deviceId(),
                            KioskSignature.TIMESTAMP_HEADER, String.valueOf(signedAt),
                            KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(k.secret(), signedAt, batch)));
                    if (status != 202) {
                        throw new AssertionError("kiosk batch answered " + status);
                    }
                } catch (Throwable t) {
                    liveFailure.compareAndSet(null, t);
                }
            }, 0, 5, TimeUnit.SECONDS);

            // honest respondents of two offices, each from an address of their own
            for (int i = 0; i < 12; i++) {
                String office = i % 2 == 0 ? TARGET : "BRY-02";
                sendForm(port, "honest-" + run + "-" + i, office, i * 7, "192.0.2." + (10 + i));
            }
            // one honest respondent of BRY-02 found the visit useless and said why: a case for the office head
            String complaint = "complaint-" + run;
            Instant complained = Instant.now();
            assertEquals(202, Pipeline.post(port, "/api/v1/responses", form(complaint, "BRY-02", 5,
                    "Полезного ничего не узнал, консультант спешил"), Map.of("X-Forwarded-For", "192.0.2.99")));
            // the fakes: 20 forms to one office from one address, about one a second, no two alike
            Set<String> fakes = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                String id = "fake-" + run + "-" + i;
                sendForm(port, id, TARGET, i, FAKER);
                fakes.add(id);
                Thread.sleep(1000); // a person at a keyboard, not a script: the burst takes 20 s
            }
            Instant twentieth = Instant.now();

            // within 60 s of the 20th fake: one burst flag for the office, gathering all 20 fakes
            String sql = "SELECT alert_id, office_code, scope_id, status, flagged, response_ids FROM otklik.alerts FINAL"
                    + " WHERE alert_type = 'fraud_burst'";
            List<Map<String, Object>> flags = List.of();
            while (Duration.between(twentieth, Instant.now()).compareTo(FLAGGED_WITHIN) < 0) {
                flags = ch.select(sql);
                if (flags.size() == 1 && ClickHouseHttp.asLong(flags.get(0).get("flagged")) == 20) {
                    break;
                }
                Thread.sleep(250);
            }
            Duration took = Duration.between(twentieth, Instant.now());
            assertTrue(liveFailure.get() == null, "the live kiosks failed: " + liveFailure.get());
            assertEquals(1, flags.size(), "one burst flag within " + FLAGGED_WITHIN + " (" + took + "): " + flags);
            Map<String, Object> flag = flags.get(0);
            assertEquals(TARGET, flag.get("office_code"));
            assertEquals(20L, ClickHouseHttp.asLong(flag.get("flagged")), "all 20 fakes within " + took + ": " + flag);
            assertTrue(List.of("open", "escalated").contains(flag.get("status")), flag.toString());
            String source = (String) flag.get("scope_id");
            assertTrue(!source.isBlank() && !source.contains(FAKER), "the address's hash, never the address: " + source);
            @SuppressWarnings("unchecked")
            List<Object> named = (List<Object>) flag.get("response_ids");
            assertEquals(fakes, new HashSet<>(named.stream().map(String::valueOf).toList()),
                    "the flag names the fakes and only them");
            System.out.printf("fraud burst flagged %d ms after the 20th fake form%n", took.toMillis());

            // the complaint became a case of BRY-02 with what the respondent wrote; the fakes (all 8-10) opened none
            String head = dashboards.login("office-BRY-02");
            List<JsonNode> feedback = new ArrayList<>();
            while (Duration.between(complained, Instant.now()).compareTo(FLAGGED_WITHIN.multipliedBy(2)) < 0) {
                feedback = feedbackCases(dashboards, head, "");
                if (!feedback.isEmpty()) {
                    break;
                }
                Thread.sleep(250);
            }
            assertEquals(1, feedback.size(), "one case: " + feedback);
            JsonNode opened = feedback.get(0);
            assertEquals(complaint, opened.get("responseId").asText());
            assertEquals("Полезного ничего не узнал, консультант спешил", opened.get("comment").asText());
            assertEquals("Q1", opened.get("lowItems").get(0).get("id").asText());
            assertEquals(2, opened.get("lowItems").get(0).get("score").asInt());
            assertEquals(List.of(), feedbackCases(dashboards, dashboards.login("region-BRY"), "&office=" + TARGET),
                    "no case at the office of the fakes: none of them is low");
            System.out.printf("case of the complaint seen %d ms after it was posted (looked for after the burst)%n",
                    Duration.between(complained, Instant.now()).toMillis());

            // no honest address, no other office: no fraud flag of any kind but this one (and no kiosk burst)
            List<Map<String, Object>> others = ch.select("SELECT alert_type, office_code, scope_id FROM otklik.alerts"
                    + " WHERE startsWith(alert_type, 'fraud_') AND alert_id != " + ClickHouseHttp.quote((String) flag.get("alert_id")));
            assertEquals(List.of(), others, "nothing else is flagged");

            // the regional manager's feed shows it; the other region's does not
            String bry = dashboards.login("region-BRY");
            JsonNode feed = dashboards.json("/api/v1/alerts?office=" + TARGET, bry);
            List<String> types = new ArrayList<>();
            feed.get("alerts").forEach(a -> types.add(a.get("type").asText() + ":" + a.get("flagged").asLong()));
            assertTrue(types.contains("fraud_burst:20"), types.toString());
            JsonNode vla = dashboards.json("/api/v1/alerts", dashboards.login("region-VLA"));
            vla.get("alerts").forEach(a -> assertTrue(!a.get("type").asText().startsWith("fraud_"), a.toString()));

            // the clean index of the office leaves the fakes out (also those counted before the flag opened);
            // raw keeps them: flags never delete
            String window = " FINAL WHERE scope_level = 'office' AND scope_code = '" + TARGET + "' AND audience = 'all'"
                    + " AND window = '24h' AND survey_id = 'jc-seeker' AND question_id = 'Q1'";
            Map<String, Object> clean = waitForRow("SELECT n, excluded FROM otklik.indicator_window_clean" + window,
                    row -> ClickHouseHttp.asLong(row.get("excluded")) == 20, FLAGGED_WITHIN);
            Duration cleanAfter = Duration.between(twentieth, Instant.now());
            long raw = ClickHouseHttp.asLong(ch.select("SELECT n FROM otklik.indicator_window" + window).get(0).get("n"));
            assertEquals(6 + 20, raw, "raw: the six honest forms of the office and the twenty fakes");
            assertEquals(6L, ClickHouseHttp.asLong(clean.get("n")), "clean: the honest six");
            System.out.printf("clean index without the fakes %d ms after the 20th fake form%n", cleanAfter.toMillis());

            // the regional manager dismisses the flag: the fakes count again in the clean figures
            String flagId = (String) flag.get("alert_id");
            var dismissed = dashboards.postJson("/api/v1/alerts/" + flagId + "/review", bry, "/regions/BRY",
                    "{\"decision\":\"dismiss\",\"reason\":\"Проверено: это не подделка\"}");
            assertEquals(201, dismissed.statusCode(), dismissed.body());
            Instant reviewed = Instant.now();
            waitForRow("SELECT n, excluded FROM otklik.indicator_window_clean" + window,
                    row -> ClickHouseHttp.asLong(row.get("excluded")) == 0, FLAGGED_WITHIN);
            System.out.printf("clean index restored %d ms after the dismissal%n",
                    Duration.between(reviewed, Instant.now()).toMillis());
        } finally {
            live.shutdownNow();
            live.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The first row of {@code sql} once {@code done} holds for it; fails after {@code within}. */
    private Map<String, Object> waitForRow(String sql, java.util.function.Predicate<Map<String, Object>> done,
                                           Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        List<Map<String, Object>> rows = List.of();
        while (Instant.now().isBefore(deadline)) {
            rows = ch.select(sql);
            if (!rows.isEmpty() && done.test(rows.get(0))) {
                return rows.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + within + ": " + sql + " -> " + rows);
    }

    /** The feedback cases the user sees (drop alerts of other tests on the shared topic open cases of their own). */
    private static List<JsonNode> feedbackCases(DashboardsClient dashboards, String session, String query) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        dashboards.json("/api/v1/cases?filter=all" + query, session).get("cases").forEach(c -> {
            if ("feedback".equals(c.get("kind").asText())) {
                out.add(c);
            }
        });
        return out;
    }
}
