package ru.otklik.streaming.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import ru.otklik.common.alert.FlagReviewEvent;
import org.junit.jupiter.api.Test;
import ru.otklik.common.alert.FraudSettings;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.RequestMeta;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.aggregate.ResponseChange;
import org.apache.flink.api.common.functions.util.ListCollector;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;

/** The fraud flags on Flink's operator harness: what opens a flag, what it gathers, when it closes, what it ignores. */
class FraudFlagStageTest {

    private static final Instant T0 = Instant.parse("2026-03-03T07:00:00Z");

    private static SurveyResponse form(String id, Instant at, String ip, long fillMillis, int q1) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("Q1", Answer.score(q1));
        for (String q : List.of("Q5", "Q6", "Q8", "Q9", "Q10")) {
            answers.put(q, Answer.score(9));
        }
        return new SurveyResponse(id, "jc-seeker", 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON, "BRY", "BRY-01",
                null, null, at, at.plusSeconds(1), answers, null, null, 0, at.minusMillis(fillMillis),
                new RequestMeta(ip, "ua-1", fillMillis, "questionnaire"));
    }

    private static SurveyResponse tap(String id, Instant at) {
        return new KioskTap(id, "kiosk-1", 4, null, at, 0).toResponse("BRY", "BRY-01", "tp-hall", at.plusSeconds(1));
    }

    /** The stage on Flink's two-input harness: sightings first, reviews second. */
    static final class Harness extends KeyedTwoInputStreamOperatorTestHarness<String, FraudSighting, FlagReviewEvent,
            EncodedRow> {
        Harness(KeyedCoProcessOperator<String, FraudSighting, FlagReviewEvent, EncodedRow> operator,
                org.apache.flink.api.java.functions.KeySelector<FraudSighting, String> sightings,
                org.apache.flink.api.java.functions.KeySelector<FlagReviewEvent, String> reviews,
                org.apache.flink.api.common.typeinfo.TypeInformation<String> keyType) throws Exception {
            super(operator, sightings, reviews, keyType);
        }
    }

    private static Harness harness() throws Exception {
        var h = new Harness(new KeyedCoProcessOperator<>(new FraudFlagStage(FraudSettings.DEFAULTS)),
                FraudSighting::clusterKey, FraudFlagStage::clusterKeyOf, Types.STRING);
        h.open();
        return h;
    }

    private static void send(Harness h,
                             SurveyResponse r) throws Exception {
        send(h, ResponseChange.add(r));
    }

    /** A counted response as the job hands it to the stage: through the sightings next to the office stage. */
    private static void send(Harness h,
                             ResponseChange change) throws Exception {
        List<FraudSighting> sightings = new ArrayList<>();
        FraudFlagStage.sightings(FraudSettings.DEFAULTS).flatMap(change, new ListCollector<>(sightings));
        for (FraudSighting s : sightings) {
            h.processElement1(new StreamRecord<>(s, change.response().clientTs().toEpochMilli()));
        }
    }

    private static List<Map<String, Object>> rows(Harness h) {
        EmittedRows rows = new EmittedRows();
        rows.addAll(h.extractOutputValues());
        return rows.all(Tables.ALERTS);
    }

    private static Map<String, Map<String, Object>> latest(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put((String) r.get("alert_id"), r));
        return byId;
    }

    @Test
    void aBurstFromOneAddressIsOneFlagThatGathersAndThenCloses() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 6; i++) { // six forms from one address in five minutes, read at a normal pace
                send(h, form("a" + i, T0.plusSeconds(60L * i), "ip-A", 120_000, 1 + i)); // answers differ: no copies
            }
            for (int i = 0; i < 4; i++) { // four from another: below the threshold of five
                send(h, form("b" + i, T0.plusSeconds(60L * i + 5), "ip-B", 120_000, 1 + i));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(600).toEpochMilli()));
            Map<String, Map<String, Object>> flags = latest(rows(h));
            assertEquals(1, flags.size(), "one flag: " + flags.keySet());
            Map<String, Object> burst = flags.values().iterator().next();
            assertEquals("fraud_burst", burst.get("alert_type"));
            assertEquals("ip-A", burst.get("scope_id"));
            assertEquals("open", burst.get("status"));
            assertEquals(6L, burst.get("flagged"), "the fifth opened it, the sixth joined");
            assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "a5"), burst.get("response_ids"));
            assertEquals(T0.getEpochSecond(), burst.get("started_ts"));
            assertEquals(T0.plusSeconds(240).getEpochSecond(), burst.get("opened_ts"));
            assertEquals(5.0, (Double) burst.get("threshold"));

            h.processBothWatermarks(new Watermark(T0.plusSeconds(25 * 3600).toEpochMilli())); // past the duplicates' 24 h too
            Map<String, Object> closed = latest(rows(h)).get(burst.get("alert_id"));
            assertEquals("closed", closed.get("status"), "a whole window without a form from the address");
            assertEquals(T0.plusSeconds(300 + 600).getEpochSecond(), closed.get("closed_ts"));
            assertTrue(h.numKeyedStateEntries() > 0, "the flag's responses are kept for a review");
            h.processBothWatermarks(new Watermark(T0.plus(FraudFlagStage.WITHHELD_FOR).plusSeconds(3600).toEpochMilli()));
            assertEquals(0, h.numKeyedStateEntries(), "every source is forgotten once no figure can take them back");
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    @Test
    void aFlagExcludesTheResponsesOfItsWindowCountedBeforeItOpenedAndEveryOneThatJoinsItOnce() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 4; i++) { // four from one address: watched, nothing excluded yet
                send(h, form("a" + i, T0.plusSeconds(60L * i), "ip-A", 120_000, 1 + i));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(200).toEpochMilli()));
            assertEquals(List.of(), excluded(h), "below the threshold nothing leaves the clean figures");
            send(h, form("a4", T0.plusSeconds(240), "ip-A", 120_000, 5)); // the fifth opens the flag
            send(h, form("a4", T0.plusSeconds(240), "ip-A", 120_000, 5)); // and its resend counts once
            h.processBothWatermarks(new Watermark(T0.plusSeconds(260).toEpochMilli()));
            assertEquals(List.of("a0", "a1", "a2", "a3", "a4"), excluded(h),
                    "the four counted before it opened, and the one that opened it");
            send(h, form("a5", T0.plusSeconds(300), "ip-A", 120_000, 6));
            send(h, form("a2", T0.plusSeconds(120), "ip-A", 120_000, 3)); // a late resend of an excluded one
            h.processBothWatermarks(new Watermark(T0.plusSeconds(400).toEpochMilli()));
            assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "a5"), excluded(h), "the one that joined, once each");
            assertEquals(6L, latest(rows(h)).values().iterator().next().get("flagged"));
        }
    }

    @Test
    void aDismissalReadmitsTheFlagsResponsesAndTheNewestDecisionCounts() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 5; i++) {
                send(h, form("a" + i, T0.plusSeconds(60L * i), "ip-A", 120_000, 1 + i));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(300).toEpochMilli()));
            String alert = "fraud_burst:BRY-01:a4";
            assertEquals(alert, latest(rows(h)).keySet().iterator().next());
            assertEquals(5, changes(h, ResponseChange.Kind.RETRACT).size());

            review(h, 1, alert, "dismissed", T0.plusSeconds(3600));
            assertEquals(List.of("a0", "a1", "a2", "a3", "a4"), sorted(changes(h, ResponseChange.Kind.READMIT)),
                    "a dismissal puts every response of the flag back");
            review(h, 1, alert, "dismissed", T0.plusSeconds(3600)); // the same event again (at least once)
            review(h, 0, alert, "confirmed", T0.plusSeconds(1800)); // an older decision arriving late
            assertEquals(5, changes(h, ResponseChange.Kind.READMIT).size(), "neither changes anything");
            assertEquals(5, changes(h, ResponseChange.Kind.RETRACT).size());

            send(h, form("a5", T0.plusSeconds(330), "ip-A", 120_000, 6)); // joins the dismissed flag: stays counted
            h.processBothWatermarks(new Watermark(T0.plusSeconds(400).toEpochMilli()));
            assertEquals(5, changes(h, ResponseChange.Kind.RETRACT).size());
            assertEquals(6L, latest(rows(h)).get(alert).get("flagged"), "the flag still gathers its evidence");

            review(h, 2, alert, "confirmed", T0.plusSeconds(7200)); // the reviewer changes their mind
            assertEquals(List.of("a0", "a0", "a1", "a1", "a2", "a2", "a3", "a3", "a4", "a4", "a5"),
                    sorted(changes(h, ResponseChange.Kind.RETRACT)), "all six out again (five of them for the second time)");
        }
    }

    @Test
    void aDecisionThatArrivesBeforeItsFlagIsFollowedWhenTheFlagOpens() throws Exception {
        try (var h = harness()) { // a rebuild: the few reviews are read long before the responses
            review(h, 1, "fraud_burst:BRY-01:a4", "dismissed", T0.plusSeconds(3600));
            for (int i = 0; i < 6; i++) {
                send(h, form("a" + i, T0.plusSeconds(60L * i), "ip-A", 120_000, 1 + i));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(400).toEpochMilli()));
            assertEquals(1, latest(rows(h)).size(), "the flag opens as in the live run");
            assertEquals(List.of(), changes(h, ResponseChange.Kind.RETRACT), "but its responses stay counted");
        }
    }

    @Test
    void aDecisionReadAfterTheEndOfABoundedInputStillFindsWhatItsFlagWithheld() throws Exception {
        try (var h = harness()) { // a bounded run whose reviews' source starts after the responses have all gone by
            for (int i = 0; i < 5; i++) {
                send(h, form("a" + i, T0.plusSeconds(60L * i), "ip-A", 120_000, 1 + i));
            }
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE)); // every timer fires, the 100-day keeping too
            assertEquals(5, changes(h, ResponseChange.Kind.RETRACT).size());
            review(h, 1, "fraud_burst:BRY-01:a4", "dismissed", T0.plusSeconds(3600));
            assertEquals(List.of("a0", "a1", "a2", "a3", "a4"), sorted(changes(h, ResponseChange.Kind.READMIT)),
                    "the dismissal still puts the flag's responses back");
        }
    }

    private static void review(Harness h, long id, String alertId, String decision, Instant at) throws Exception {
        h.processElement2(new StreamRecord<>(new FlagReviewEvent(id, alertId, "fraud_burst", "BRY-01", "BRY", "ip-A",
                decision, "region", at)));
    }

    private static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.sort(copy);
        return copy;
    }

    /** The ids of every change of {@code kind} the stage handed to the office stage so far, in order. */
    private static List<String> changes(Harness h, ResponseChange.Kind kind) {
        List<String> ids = new ArrayList<>();
        var out = h.getSideOutput(FraudFlagStage.EXCLUSIONS);
        if (out != null) {
            out.forEach(r -> {
                if (r.getValue().kind() == kind) {
                    ids.add(r.getValue().response().responseId());
                }
            });
        }
        return ids;
    }

    @Test
    void favourableFormsFromTheOfficesOwnNetworkAreTheStaffPatternCriticalJustBeforeTheMonthEnds() throws Exception {
        try (var h = harness()) {
            // 27 March, 10:00-14:00 in Bryansk: five all-favourable forms from the office's network, and one
            // honest visitor on the hall PC with mixed scores
            Instant day = Instant.parse("2026-03-27T07:00:00Z");
            for (int i = 0; i < 5; i++) {
                send(h, staffForm("s" + i, day.plusSeconds(3000L * i), true, 10, 8, 9, 10, 10));
            }
            send(h, staffForm("v0", day.plusSeconds(1800), true, 10, 6, 8, 9, 7));
            h.processBothWatermarks(new Watermark(day.plusSeconds(5 * 3600).toEpochMilli()));
            Map<String, Object> flag = latest(rows(h)).get("fraud_staff:BRY-01:s4");
            assertEquals(List.of("s0", "s1", "s2", "s3", "s4"), flag.get("response_ids"));
            assertEquals("", flag.get("scope_id"), "the office is the source");
            assertEquals("critical", flag.get("severity"), "four days before the month's end");
            assertTrue(((String) flag.get("detail")).contains("\"days_to_month_end\":4"), (String) flag.get("detail"));
            assertEquals(List.of("s0", "s1", "s2", "s3", "s4"), sorted(changes(h, ResponseChange.Kind.RETRACT)));
        }
        try (var h = harness()) { // mid-month: a warning
            Instant day = Instant.parse("2026-03-10T07:00:00Z");
            for (int i = 0; i < 5; i++) {
                send(h, staffForm("m" + i, day.plusSeconds(600L * i), true, 10, 10, 10));
            }
            h.processBothWatermarks(new Watermark(day.plusSeconds(3600).toEpochMilli()));
            assertEquals("warning", latest(rows(h)).get("fraud_staff:BRY-01:m4").get("severity"));
        }
    }

    private static SurveyResponse staffForm(String id, Instant at, Boolean officeNetwork, int... scores) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            answers.put("Q" + (i + 1), Answer.score(scores[i]));
        }
        return new SurveyResponse(id, "jc-seeker", 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON, "BRY", "BRY-01",
                null, null, at, at.plusSeconds(1), answers, null, null, 0, at.minusSeconds(120),
                new RequestMeta(null, null, 120_000L, "api", officeNetwork));
    }

    /** Seconds after T0 of a burst's tap {@code i}: about every 8 s, off by up to 3 s (people, not a clock). */
    private static long burstAt(int i) {
        return 8L * i + (i * 7 % 6) - 3;
    }

    @Test
    void aTouchpointPressedAtASteadyRhythmIsFlaggedAndOneTappedByPeopleIsNot() throws Exception {
        try (var h = harness()) {
            // 25 taps every 2.5 s give or take 50 ms: just slower than the agent's 2-s press filter, no burst (< 30)
            for (int i = 0; i < 25; i++) {
                send(h, tap("beat" + i, T0.plusMillis(2_500L * i + (i % 3 - 1) * 50L)));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(120).toEpochMilli()));
            Map<String, Map<String, Object>> flags = latest(rows(h));
            assertEquals(1, flags.size(), flags.keySet().toString());
            Map<String, Object> rhythm = flags.values().iterator().next();
            assertEquals("fraud_kiosk_rhythm", rhythm.get("alert_type"));
            assertEquals("tp-hall", rhythm.get("scope_id"));
            assertEquals(T0.plusMillis(2_500L * 19).getEpochSecond(), rhythm.get("opened_ts"), "the 20th tap");
            assertEquals(25L, rhythm.get("flagged"));
            assertEquals(25, changes(h, ResponseChange.Kind.RETRACT).size(), "out of the clean figures");
        }
        try (var h = harness()) {
            // 25 visitors in about two minutes (a queue after a bus), at irregular intervals: no rhythm
            java.util.Random random = new java.util.Random(3);
            long at = 0;
            for (int i = 0; i < 25; i++) {
                at += (long) (-Math.log(1 - random.nextDouble()) * 5_000); // exponential, mean 5 s
                send(h, tap("queue" + i, T0.plusMillis(at)));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(300).toEpochMilli()));
            assertEquals(Map.of(), latest(rows(h)), "people come irregularly");
        }
    }

    /** The ids the stage excluded so far (all retractions, in order). */
    private static List<String> excluded(Harness h) {
        List<String> ids = new ArrayList<>();
        var out = h.getSideOutput(FraudFlagStage.EXCLUSIONS);
        if (out != null) {
            out.forEach(r -> {
                assertEquals(ResponseChange.Kind.RETRACT, r.getValue().kind());
                ids.add(r.getValue().response().responseId());
            });
        }
        return ids;
    }

    @Test
    void identicalVectorsAndFastFormsAreFlaggedTheirOwnWay() throws Exception {
        try (var h = harness()) {
            // three identical vectors from one address, hours apart (no burst), read at a normal pace
            for (int i = 0; i < 3; i++) {
                send(h, form("d" + i, T0.plusSeconds(3600L * i), "ip-C", 90_000, 10));
            }
            // a different vector from the same address: not a copy
            send(h, form("e0", T0.plusSeconds(4000), "ip-C", 90_000, 3));
            assertEquals(List.of(), rows(h), "nothing is judged before the watermark passes");
            // one fast reader: six answers in four seconds (6 x 1.5 s = 9 s) — about 1 % of people; no flag alone
            send(h, form("g0", T0.plusSeconds(500), "ip-E", 4_000, 10));
            // three fast forms within the hour from another address (varied: no copies): a flag naming all three
            for (int i = 0; i < 3; i++) {
                send(h, form("f" + i, T0.plusSeconds(5000 + 200L * i), "ip-D", 4_000, 1 + i));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(3 * 3600).toEpochMilli()));
            Map<String, Map<String, Object>> flags = latest(rows(h));
            Map<String, String> types = new LinkedHashMap<>();
            flags.values().forEach(r -> types.put((String) r.get("alert_type"), r.get("response_ids").toString()));
            assertEquals(Map.of("fraud_duplicate", "[d0, d1, d2]", "fraud_fast", "[f0, f1, f2]"), types, rows(h).toString());
        }
    }

    @Test
    void aKioskBacklogOfHoursIsNoBurstButThirtyTapsInTenMinutesAre() throws Exception {
        try (var h = harness()) {
            // the watermark is far ahead (other kiosks are live) when an offline kiosk's 40 taps of four hours arrive
            h.processBothWatermarks(new Watermark(T0.plusSeconds(6 * 3600).toEpochMilli()));
            for (int i = 0; i < 40; i++) {
                send(h, tap("k" + i, T0.plusSeconds(360L * i)));
            }
            h.processBothWatermarks(new Watermark(T0.plusSeconds(6 * 3600 + 120).toEpochMilli()));
            assertEquals(List.of(), rows(h), "a backlog is counted at the times of its taps");
            // now 35 taps within five minutes (unevenly, as people tap: a burst, not a rhythm)
            Instant later = T0.plusSeconds(7 * 3600);
            for (int i = 0; i < 35; i++) {
                send(h, tap("m" + i, later.plusSeconds(burstAt(i))));
            }
            h.processBothWatermarks(new Watermark(later.plusSeconds(400).toEpochMilli()));
            Map<String, Map<String, Object>> flags = latest(rows(h));
            assertEquals(1, flags.size());
            Map<String, Object> burst = flags.values().iterator().next();
            assertEquals("fraud_kiosk_burst", burst.get("alert_type"));
            assertEquals("tp-hall", burst.get("scope_id"));
            assertEquals(35L, burst.get("flagged"));
        }
    }

    @Test
    void theVisitorsAroundAKioskBurstAreNeitherNamedNorExcludedAndTheyDoNotKeepItOpen() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 10; i++) { // a visitor every 4 minutes
                send(h, tap("before" + i, T0.plusSeconds(240L * i)));
            }
            Instant burst = T0.plusSeconds(2400);
            for (int i = 0; i < 35; i++) {
                send(h, tap("m" + i, burst.plusSeconds(burstAt(i))));
            }
            Instant lastFake = burst.plusSeconds(burstAt(34));
            for (int i = 1; i <= 15; i++) { // visitors again for an hour, the first ones within the burst's window
                send(h, tap("after" + i, lastFake.plusSeconds(240L * i)));
            }
            h.processBothWatermarks(new Watermark(lastFake.plusSeconds(3 * 3600).toEpochMilli()));
            Map<String, Map<String, Object>> flags = latest(rows(h));
            assertEquals(1, flags.size(), flags.toString());
            Map<String, Object> flag = flags.values().iterator().next();
            assertEquals("closed", flag.get("status"));
            assertEquals(35L, flag.get("flagged"));
            assertEquals(lastFake.plusSeconds(600).getEpochSecond(), ((Number) flag.get("closed_ts")).longValue(),
                    "a window after the burst's last tap, though visitors kept tapping");
            List<String> out = excluded(h);
            assertEquals(35, out.size(), out.toString());
            assertTrue(out.stream().allMatch(id -> id.startsWith("m")), "only the burst leaves the clean figures: " + out);
        }
    }

    @Test
    void lateSightingsAreJudgedWithinASecondWhileTheWatermarkStandsStill() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(5_000);
            h.processBothWatermarks(new Watermark(T0.plusSeconds(3600).toEpochMilli()));
            for (int i = 0; i < 35; i++) { // a burst of an hour ago, arriving now; no newer data moves the watermark
                send(h, tap("late" + i, T0.plusSeconds(burstAt(i)))); // about every 8 s, unevenly: no rhythm
            }
            assertEquals(List.of(), rows(h), "nothing before the release");
            h.setProcessingTime(5_999);
            assertEquals(List.of(), rows(h), "released at the next whole second");
            h.setProcessingTime(6_000);
            Map<String, Map<String, Object>> flags = latest(rows(h));
            assertEquals(1, flags.size(), flags.toString());
            Map<String, Object> burst = flags.values().iterator().next();
            assertEquals("fraud_kiosk_burst", burst.get("alert_type"));
            assertEquals(35L, burst.get("flagged"), "counted at their own times: all within ten minutes");
            assertEquals(T0.plusSeconds(burstAt(29)).getEpochSecond(), burst.get("opened_ts"), "the 30th tap opened it");
            assertEquals("closed", burst.get("status"), "the watermark is already a window past the burst");
            assertEquals(35, excluded(h).size(), "every tap of the burst leaves the clean figures");
            // nothing waits; kept are the withheld taps, which flag took each, and until when (three map states)
            assertEquals(3, h.numKeyedStateEntries(), "nothing waits, only the withheld taps are kept");
        }
    }

    @Test
    void raterFormsAndRetractionsAreNotJudged() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 10; i++) {
                SurveyResponse f = form("r" + i, T0.plusSeconds(i), "ip-E", 1, 10);
                send(h, ResponseChange.retract(f));
            }
            assertEquals(0, h.numKeyedStateEntries());
            h.processBothWatermarks(new Watermark(T0.plusSeconds(Duration.ofHours(2).toSeconds()).toEpochMilli()));
            assertTrue(rows(h).isEmpty());
        }
    }
}
