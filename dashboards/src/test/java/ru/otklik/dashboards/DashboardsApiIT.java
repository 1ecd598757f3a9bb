package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.otklik.dashboards.MinuteRows.counts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.RollingWindow;
import ru.otklik.common.indicator.NetScore;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.infra.local.TestStack;

/** The JSON API against a real ClickHouse: exact figures, FINAL, windows, and the role rules. */
class DashboardsApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    private static final String[] EVERY_WINDOW = {"1h", "24h", "7d", "30d", "quarter"};
    private static Instant asOf;
    private static Instant officeWatermark;
    private static Instant regionWatermark;
    private static Instant federalWatermark;
    private static boolean fortyDaysInQuarter;

    @BeforeAll
    static void start() {
        IndicatorRows w = new IndicatorRows(TestStack.shared().clickHouseHttp());
        Instant fortyDays = MinuteRows.minutesAgo(40 * 24 * 60);
        fortyDaysInQuarter = !fortyDays.isBefore(Instant.ofEpochSecond(RollingWindow.quarterStart(Instant.now().getEpochSecond())));
        asOf = MinuteRows.minutesAgo(2);
        Instant older = MinuteRows.minutesAgo(5);
        // the places' watermarks are newer than their rows: rows that did not change keep their as_of, and
        // the view says the watermark (not the newest row) it is as of
        officeWatermark = MinuteRows.minutesAgo(1);
        regionWatermark = MinuteRows.minutesAgo(1).plusSeconds(20);
        federalWatermark = MinuteRows.minutesAgo(1).plusSeconds(40);

        // BRY-01 Q1 seekers, as the job keeps it: 30 answers in the last hour, 10 more two days ago (all
        // positive), 7 more forty days ago (all negative, quarter only). Every row first in an older version
        // (5 answers): only the newest may count (FINAL).
        long[] hour = counts(1, 2, 5, 3, 8, 10, 9, 10, 10, 5);
        long[] week = counts(1, 2, 5, 3, 8, 10, 9, 20, 10, 5);
        long[] quarter = counts(1, 2, 2, 7, 5, 3, 8, 10, 9, 20, 10, 5);
        for (String audience : List.of("seeker", "all")) {
            w.office("BRY-01", audience, "jc-seeker", "Q1", older, 5, counts(8, 5), EVERY_WINDOW);
            w.office("BRY-01", audience, "jc-seeker", "Q1", asOf, 30, hour, "1h", "24h");
            w.office("BRY-01", audience, "jc-seeker", "Q1", asOf, 40, week, "7d", "30d");
            w.office("BRY-01", audience, "jc-seeker", "Q1", asOf, fortyDaysInQuarter ? 47 : 40,
                    fortyDaysInQuarter ? quarter : week, "quarter");
            w.office("BRY-01", audience.equals("seeker") ? "employer" : "all", "jc-employer", "Q1", asOf, 5,
                    counts(3, 1, 10, 4), EVERY_WINDOW);
        }
        // kiosk and pulse: per-audience rows and the job's 'all' rows; the page reads 'all' only
        for (String audience : List.of("visitor", "all")) {
            w.office("BRY-01", audience, "kiosk-quick", "K1", older, 10, counts(1, 1, 2, 2, 3, 3, 4, 4), EVERY_WINDOW);
            w.office("BRY-01", audience, "kiosk-quick", "K1", asOf, 35, counts(1, 2, 2, 3, 3, 10, 4, 20), EVERY_WINDOW);
        }
        for (String audience : List.of("seeker", "all")) {
            w.office("BRY-01", audience, "pulse", "NPS", asOf, 40, counts(10, 20, 9, 5, 7, 5, 3, 10), EVERY_WINDOW);
            w.office("BRY-01", audience, "pulse", "CES", asOf, 30, counts(1, 10, 2, 10, 3, 5, 4, 3, 5, 2), EVERY_WINDOW);
            w.office("BRY-01", audience, "pulse", "CSAT", asOf, 30, counts(1, 5, 2, 5, 3, 10, 4, 5, 5, 5), EVERY_WINDOW);
        }
        // response counts as the job keeps them beside the indicators (response_window): an older version
        // first, per-audience rows next to the 'all' rows (reading both would double every count)
        for (String audience : List.of("seeker", "all")) {
            w.responses("office", "BRY-01", audience, "jc-seeker", older, 10, 10, 0, EVERY_WINDOW);
            w.responses("office", "BRY-01", audience, "jc-seeker", asOf, 30, 30, 0, "1h", "24h");
            w.responses("office", "BRY-01", audience, "jc-seeker", asOf, 40, 40, 0, "7d", "30d");
            w.responses("office", "BRY-01", audience, "jc-seeker", asOf, 47, fortyDaysInQuarter ? 47 : 40, 0, "quarter");
            w.responses("office", "BRY-01", audience, "pulse", asOf, 40, 40, 0, EVERY_WINDOW);
        }
        for (String audience : List.of("employer", "all")) {
            w.responses("office", "BRY-01", audience, "jc-employer", asOf, 5, 5, 0, EVERY_WINDOW);
        }
        for (String audience : List.of("visitor", "all")) {
            w.responses("office", "BRY-01", audience, "kiosk-quick", asOf, 35, 35, 2, EVERY_WINDOW);
        }
        w.watermark("office", "BRY-01", officeWatermark);

        // BRY-02: all Q1 positive, all Q2 negative -> pooled 40 of 80
        for (String audience : List.of("seeker", "all")) {
            w.office("BRY-02", audience, "jc-seeker", "Q1", asOf, 40, counts(10, 40), EVERY_WINDOW);
            w.office("BRY-02", audience, "jc-seeker", "Q2", asOf, 40, counts(1, 40), EVERY_WINDOW);
            w.responses("office", "BRY-02", audience, "jc-seeker", asOf, 40, 40, 0, EVERY_WINDOW);
        }

        // Bryansk's own rows as the job writes them: deliberately NOT the sum of its offices' rows (which
        // would be 69 positive of 115 and 150 responses), so a view that pooled offices would show other figures
        w.window("region", "BRY", "all", "24h", "jc-seeker", "Q1", asOf, 60, BRY_Q1);
        w.window("region", "BRY", "seeker", "24h", "jc-seeker", "Q1", asOf, 60, counts(1, 99, 10, 1));
        w.window("region", "BRY", "all", "24h", "kiosk-quick", "K1", asOf, 65, BRY_K1);
        w.responses("region", "BRY", "all", "24h", "jc-seeker", asOf, 70, 70, 0);
        w.responses("region", "BRY", "all", "24h", "jc-employer", asOf, 6, 6, 0);
        w.responses("region", "BRY", "all", "24h", "kiosk-quick", asOf, 65, 65, 4);
        w.responses("region", "BRY", "all", "24h", "pulse", asOf, 41, 41, 0);
        w.responses("region", "BRY", "seeker", "24h", "jc-seeker", asOf, 70, 70, 0);
        w.watermark("region", "BRY", regionWatermark);
        // the federal total's own rows, again not a sum of anything else here
        w.window("federal", "RU", "all", "24h", "jc-seeker", "Q1", asOf, 120, RU_Q1);
        w.window("federal", "RU", "all", "24h", "kiosk-quick", "K1", asOf, 200, RU_K1);
        w.responses("federal", "RU", "all", "24h", "jc-seeker", asOf, 400, 400, 0);
        w.responses("federal", "RU", "all", "24h", "kiosk-quick", asOf, 200, 200, 9);
        w.watermark("federal", "RU", federalWatermark);
        // Yamal's region row with 30 of its 40 tens under a fraud flag: ranked on the 10 left
        w.window("region", "YAN", "all", "24h", "jc-seeker", "Q1", asOf, 1, counts(10, 40));
        w.cleanWindow("region", "YAN", "all", "24h", "jc-seeker", "Q1", asOf, 1, 30, counts(10, 10));
        // the day before the federal 24 h (hourly history of the region and federal rows): Bryansk 50 of 100, the
        // country 100 of 130; a bucket of two and a half days ago is before that day and must not count
        Instant dayBefore = federalWatermark.minus(Duration.ofHours(36)).truncatedTo(ChronoUnit.HOURS);
        w.history("region", "BRY", "all", "hour", dayBefore, "jc-seeker", "Q1", 1, counts(3, 50, 9, 50));
        w.history("federal", "RU", "all", "hour", dayBefore, "jc-seeker", "Q1", 1, counts(2, 30, 10, 100));
        w.history("federal", "RU", "all", "hour", federalWatermark.minus(Duration.ofHours(60)).truncatedTo(ChronoUnit.HOURS),
                "jc-seeker", "Q1", 1, counts(1, 500));

        server = TestServer.start(5);
    }

    private static final long[] BRY_Q1 = counts(1, 10, 9, 50);
    private static final long[] BRY_K1 = counts(1, 5, 3, 30, 4, 30);
    private static final long[] RU_Q1 = counts(2, 20, 10, 100);
    private static final long[] RU_K1 = counts(1, 20, 2, 30, 4, 150);

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static JsonNode item(JsonNode office, String audience, String questionId) {
        for (JsonNode it : office.path("byAudience").path(audience)) {
            if (it.path("questionId").asText().equals(questionId)) {
                return it;
            }
        }
        throw new AssertionError("no " + questionId + " for " + audience);
    }

    private static void assertShare(ShareEstimate expected, JsonNode actual) {
        assertEquals(expected.n(), actual.path("n").asLong(), actual.toString());
        assertEquals(expected.positive(), actual.path("positive").asLong(), actual.toString());
        assertEquals(expected.share(), actual.path("share").asDouble(), 1e-12, actual.toString());
        assertEquals(expected.low(), actual.path("low").asDouble(), 1e-12, actual.toString());
        assertEquals(expected.high(), actual.path("high").asDouble(), 1e-12, actual.toString());
        assertEquals(expected.sufficient(), actual.path("sufficient").asBoolean(), actual.toString());
    }

    private static void assertNet(NetScore expected, JsonNode actual) {
        assertEquals(expected.n(), actual.path("n").asLong(), actual.toString());
        assertEquals(expected.good(), actual.path("good").asLong());
        assertEquals(expected.bad(), actual.path("bad").asLong());
        assertEquals(expected.score(), actual.path("score").asDouble(), 1e-12);
        assertEquals(expected.sufficient(), actual.path("sufficient").asBoolean());
    }

    private static ShareEstimate positive(long... counts) {
        return Indicators.positiveShare(ScoreCounts.of(counts), 30);
    }

    /** BRY-02's quarter: ten of its forty Q1 answers (all positive) were fakes under a flag; in 30 days none is left out. */
    private static void bry02UnderAFlag() {
        IndicatorRows w = new IndicatorRows(TestStack.shared().clickHouseHttp());
        for (String audience : List.of("seeker", "all")) {
            w.cleanWindow("office", "BRY-02", audience, "quarter", "jc-seeker", "Q1", asOf, 41, 10, counts(10, 30));
        }
        w.cleanResponses("office", "BRY-02", "all", "quarter", "jc-seeker", asOf, 41, 30, 10);
        // in 30 days the flag was dismissed: its last clean row says nothing is excluded (read raw)
        w.cleanWindow("office", "BRY-02", "all", "30d", "jc-seeker", "Q1", asOf, 41, 0, counts(10, 40));
        w.cleanResponses("office", "BRY-02", "all", "30d", "jc-seeker", asOf, 41, 40, 0);
    }

    @Test
    void whereAFraudFlagExcludesResponsesTheOfficeFiguresComeCleanWithTheRawOnesAndTheNumberLeftOut() throws Exception {
        bry02UnderAFlag();
        String session = server.login("office-BRY-02");
        JsonNode o = json(server.get("/api/v1/offices/BRY-02/indicators?window=quarter", session));
        assertEquals(40, o.path("responses").asLong(), "raw: every response");
        assertEquals(40, item(o, "all", "Q1").path("n").asLong());
        JsonNode clean = o.path("clean");
        assertEquals(10, clean.path("excludedResponses").asLong());
        assertEquals(30, clean.path("responses").asLong());
        assertEquals(30, clean.path("responsesBySurvey").path("jc-seeker").asLong());
        assertShare(positive(counts(10, 30)), item(clean, "all", "Q1"));
        assertShare(positive(counts(10, 30)), item(clean, "seeker", "Q1"));
        assertShare(positive(counts(1, 40)), item(clean, "all", "Q2")); // no clean row: as raw

        JsonNode month = json(server.get("/api/v1/offices/BRY-02/indicators?window=30d", session));
        assertTrue(month.path("clean").isNull(), "nothing excluded in 30 days: no clean figures " + month.path("clean"));
    }

    @Test
    void theRegionRanksItsOfficesByTheirCleanFiguresWithTheRawShareBeside() throws Exception {
        bry02UnderAFlag();
        JsonNode r = json(server.get("/api/v1/regions/BRY/offices?window=quarter", server.login("region-BRY")));
        JsonNode bry02 = null;
        for (JsonNode o : r.path("offices")) {
            if (o.path("office").asText().equals("BRY-02")) {
                bry02 = o;
            } else {
                assertEquals(0, o.path("excludedResponses").asLong(), o.toString());
                assertTrue(o.path("rawPositive").isNull(), o.toString());
            }
        }
        assertEquals(10, bry02.path("excludedResponses").asLong());
        assertEquals(30, bry02.path("responses").asLong(), "clean");
        assertShare(positive(counts(1, 40, 10, 30)), bry02.path("positive"));
        assertShare(positive(counts(1, 40, 10, 40)), bry02.path("rawPositive"));
        assertEquals(0, r.path("excludedResponses").asLong(), "the region's own rows have no clean twin here");
    }

    @Test
    void officeFiguresFor24hAreExactAndUseFinalRows() throws Exception {
        String session = server.login("office-BRY-01");
        JsonNode o = json(server.get("/api/v1/offices/BRY-01/indicators?window=24h", session));
        assertEquals("BRY-01", o.path("office").asText());
        assertEquals("BRY", o.path("region").asText());
        assertEquals("24h", o.path("window").asText());
        assertEquals(30, o.path("minimumSample").asInt());
        assertEquals(30 + 5 + 35 + 40, o.path("responses").asLong(), "second versions only");
        assertEquals(30, o.path("responsesBySurvey").path("jc-seeker").asLong());
        assertEquals(2, o.path("suppressedPresses").asLong());

        // seekers: 25 positive of 30 (not 30 of 35, which double-counting the old version would give)
        assertShare(positive(counts(1, 2, 5, 3, 8, 10, 9, 10, 10, 5)), item(o, "seeker", "Q1"));
        assertEquals(25, item(o, "seeker", "Q1").path("positive").asLong());
        assertEquals(30, item(o, "seeker", "Q1").path("n").asLong());
        // employers: 4 of 5, below the minimum sample -> reported, flagged insufficient
        JsonNode employer = item(o, "employer", "Q1");
        assertShare(positive(counts(3, 1, 10, 4)), employer);
        assertFalse(employer.path("sufficient").asBoolean());
        // together: 29 of 35
        assertShare(positive(counts(1, 2, 5, 3, 8, 10, 9, 10, 10, 9, 3, 1)), item(o, "all", "Q1"));
        assertEquals(29, item(o, "all", "Q1").path("positive").asLong());

        // items nobody answered: n 0, no share, insufficient
        JsonNode q2 = item(o, "all", "Q2");
        assertEquals(0, q2.path("n").asLong());
        assertTrue(q2.path("share").isNull());
        assertFalse(q2.path("sufficient").asBoolean());
        assertEquals("comfort", q2.path("indicator").asText());
        assertEquals(16, o.path("byAudience").path("all").size(), "all 1-10 items of the questionnaire");

        // kiosk: version 2 only: 2, 3, 10, 20
        assertEquals(35, o.path("kiosk").path("taps").asLong());
        assertEquals(List.of(2L, 3L, 10L, 20L), JSON.convertValue(o.path("kiosk").path("buttons"),
                JSON.getTypeFactory().constructCollectionType(List.class, Long.class)));
        assertShare(Indicators.kioskSatisfaction(ScoreCounts.of(counts(1, 2, 2, 3, 3, 10, 4, 20)), 30),
                o.path("kiosk").path("satisfaction"));

        assertNet(Indicators.nps(ScoreCounts.of(counts(10, 20, 9, 5, 7, 5, 3, 10)), 30), o.path("pulse").path("nps"));
        assertEquals(37.5, o.path("pulse").path("nps").path("score").asDouble(), 1e-12);
        assertNet(Indicators.ces(ScoreCounts.of(counts(1, 10, 2, 10, 3, 5, 4, 3, 5, 2)), true, 30), o.path("pulse").path("ces"));
        assertEquals(50.0, o.path("pulse").path("ces").path("score").asDouble(), 1e-12);
        assertShare(Indicators.csat(ScoreCounts.of(counts(1, 5, 2, 5, 3, 10, 4, 5, 5, 5)), 30), o.path("pulse").path("csat"));
        assertTrue(Instant.parse(o.path("updatedAt").asText()).isAfter(Instant.now().minusSeconds(60)));
        assertEquals(officeWatermark, Instant.parse(o.path("asOf").asText()), "the office's watermark, not its newest row");
    }

    @Test
    void windowsSelectBuckets() throws Exception {
        String session = server.login("office-BRY-01");
        JsonNode week = json(server.get("/api/v1/offices/BRY-01/indicators?window=7d", session));
        assertEquals(40, item(week, "seeker", "Q1").path("n").asLong());
        assertEquals(35, item(week, "seeker", "Q1").path("positive").asLong());
        assertEquals(120, week.path("responses").asLong());
        JsonNode byDefault = json(server.get("/api/v1/offices/BRY-01/indicators", session));
        assertEquals("30d", byDefault.path("window").asText());
        assertEquals(40, item(byDefault, "seeker", "Q1").path("n").asLong());
        JsonNode quarter = json(server.get("/api/v1/offices/BRY-01/indicators?window=quarter", session));
        assertEquals("quarter", quarter.path("window").asText());
        assertEquals(fortyDaysInQuarter ? 47 : 40, item(quarter, "seeker", "Q1").path("n").asLong());
        assertEquals(fortyDaysInQuarter ? 52 : 45, item(quarter, "all", "Q1").path("n").asLong());
        assertEquals(fortyDaysInQuarter ? 127 : 120, quarter.path("responses").asLong());
        // the old "all" window is the methodology quarter now, and the answer says so
        JsonNode all = json(server.get("/api/v1/offices/BRY-01/indicators?window=all", session));
        assertEquals("quarter", all.path("window").asText());
        assertEquals(quarter.path("byAudience").toString(), all.path("byAudience").toString());
        JsonNode hour = json(server.get("/api/v1/offices/BRY-01/indicators?window=1h", session));
        assertEquals(30, item(hour, "seeker", "Q1").path("n").asLong());
        assertEquals(400, server.get("/api/v1/offices/BRY-01/indicators?window=90d", session).statusCode());
        assertEquals(400, server.get("/api/v1/offices/BRY-01/indicators?window=1h%27%20OR%201", session).statusCode());
    }

    @Test
    void labelsFollowTheRequestedLanguage() throws Exception {
        String session = server.login("office-BRY-01");
        SurveyCatalog catalog = SurveyCatalog.builtIn();
        String ru = catalog.find("jc-seeker", 1).orElseThrow().question("Q1").orElseThrow().text().ru();
        String en = catalog.find("jc-seeker", 1).orElseThrow().question("Q1").orElseThrow().text().en();
        String employerEn = catalog.find("jc-employer", 1).orElseThrow().question("Q1").orElseThrow().text().en();
        JsonNode o = json(server.get("/api/v1/offices/BRY-01/indicators?window=24h", session));
        assertEquals(ru, item(o, "all", "Q1").path("label").asText());
        JsonNode e = json(server.get("/api/v1/offices/BRY-01/indicators?window=24h&lang=en", session));
        assertEquals(en, item(e, "all", "Q1").path("label").asText());
        assertEquals(employerEn, item(e, "employer", "Q1").path("label").asText());
    }

    @Test
    void regionRankingPoolsItemsPerOffice() throws Exception {
        String session = server.login("region-BRY");
        JsonNode r = json(server.get("/api/v1/regions/BRY/offices?window=24h", session));
        assertEquals("BRY", r.path("region").asText());
        assertEquals(regionWatermark, Instant.parse(r.path("asOf").asText()), "the region's watermark");
        JsonNode offices = r.path("offices");
        assertEquals(3, offices.size());
        assertEquals("BRY-01", offices.get(0).path("office").asText());
        assertEquals(1, offices.get(0).path("rank").asInt());
        assertShare(positive(counts(1, 2, 5, 3, 8, 10, 9, 10, 10, 9, 3, 1)), offices.get(0).path("positive"));
        assertEquals(110, offices.get(0).path("responses").asLong());
        assertEquals(35, offices.get(0).path("questionnaireResponses").asLong());
        assertEquals(1, offices.get(0).path("sufficientItems").asInt());
        assertEquals(16, offices.get(0).path("items").asInt());
        assertEquals(35, offices.get(0).path("kioskTaps").asLong());
        assertEquals("BRY-02", offices.get(1).path("office").asText());
        assertShare(positive(counts(1, 40, 10, 40)), offices.get(1).path("positive"));
        assertEquals(2, offices.get(1).path("sufficientItems").asInt());
        assertEquals(40, offices.get(1).path("responses").asLong());
        assertEquals("BRY-03", offices.get(2).path("office").asText());
        assertEquals(0, offices.get(2).path("positive").path("n").asLong());
        assertTrue(offices.get(2).path("positive").path("share").isNull());
    }

    @Test
    void regionViewShowsTheRegionsOwnRowsNotItsOfficesPooled() throws Exception {
        String session = server.login("region-BRY");
        JsonNode total = json(server.get("/api/v1/regions/BRY/offices?window=24h", session)).path("total");
        assertEquals(70 + 6 + 65 + 41, total.path("responses").asLong(), "region rows, not 110 + 40 from its offices");
        assertEquals(76, total.path("questionnaireResponses").asLong());
        assertShare(positive(BRY_Q1), total.path("positive"));
        assertEquals(1, total.path("sufficientItems").asInt());
        assertEquals(65, total.path("kioskTaps").asLong());
        assertShare(Indicators.kioskSatisfaction(ScoreCounts.of(BRY_K1), 30), total.path("kioskSatisfaction"));
        // another window: the job wrote no region rows for it here, so nothing (not the offices' sum)
        JsonNode week = json(server.get("/api/v1/regions/BRY/offices?window=7d", session));
        assertEquals(0, week.path("total").path("responses").asLong());
        assertEquals(0, week.path("total").path("positive").path("n").asLong());
        assertEquals(120, week.path("offices").get(0).path("responses").asLong(), "the ranking still reads office rows");
    }

    @Test
    void federalOverviewShowsRegionAndFederalRows() throws Exception {
        String session = server.login("federal");
        JsonNode overview = json(server.get("/api/v1/regions?window=24h", session));
        assertEquals(federalWatermark, Instant.parse(overview.path("asOf").asText()), "the federal watermark");
        JsonNode regions = overview.path("regions");
        assertEquals(13, regions.size());
        JsonNode bry = null;
        for (JsonNode r : regions) {
            if ("BRY".equals(r.path("region").asText())) {
                bry = r;
            }
        }
        assertEquals("decentralised", bry.path("network").asText());
        // ranked: sufficient samples first by share, "insufficient data" last, ranks 1..13 in that order
        for (int i = 0; i < regions.size(); i++) {
            assertEquals(i + 1, regions.get(i).path("rank").asInt());
            if (i > 0) {
                JsonNode a = regions.get(i - 1).path("positive");
                JsonNode b = regions.get(i).path("positive");
                boolean order = a.path("sufficient").asBoolean() && !b.path("sufficient").asBoolean()
                        || a.path("sufficient").asBoolean() == b.path("sufficient").asBoolean()
                        && (a.path("share").isNull() ? -1 : a.path("share").asDouble())
                        >= (b.path("share").isNull() ? -1 : b.path("share").asDouble());
                assertTrue(order, "ranking at " + i + ": " + regions);
            }
        }
        assertEquals(3, bry.path("offices").asInt());
        assertEquals(2, bry.path("officesWithResponses").asInt(), "office rows with responses in the window");
        assertEquals(182, bry.path("responses").asLong(), "Bryansk's region rows, not 150 pooled from its offices");
        assertShare(positive(BRY_Q1), bry.path("positive"));
        assertEquals(65, bry.path("kioskTaps").asLong());

        JsonNode total = overview.path("total");
        assertEquals(600, total.path("responses").asLong());
        assertEquals(400, total.path("questionnaireResponses").asLong());
        assertShare(positive(RU_Q1), total.path("positive"));
        assertEquals(200, total.path("kioskTaps").asLong());
        assertShare(Indicators.kioskSatisfaction(ScoreCounts.of(RU_K1), 30), total.path("kioskSatisfaction"));

        // each region and the total beside the day before (issue 14 §3), the two-proportion test written out here
        JsonNode previous = overview.path("previous");
        Instant to = federalWatermark.minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        assertEquals(to.toString(), previous.path("to").asText());
        assertEquals(to.minus(Duration.ofHours(24)).toString(), previous.path("from").asText());
        JsonNode bryBefore = previous.path("byRegion").path("BRY");
        assertEquals(100, bryBefore.path("n").asLong(), bryBefore.toString());
        assertEquals(0.5, bryBefore.path("share").asDouble(), 1e-12);
        assertEquals(50.0 / 60 - 0.5, bryBefore.path("change").asDouble(), 1e-12);
        assertEquals(z(50, 60, 50, 100) > 1.959963984540054, bryBefore.path("significant").asBoolean());
        assertTrue(bryBefore.path("significant").asBoolean(), "z = " + z(50, 60, 50, 100));
        JsonNode ruBefore = previous.path("total");
        assertEquals(130, ruBefore.path("n").asLong(), "the bucket before the day does not count: " + ruBefore);
        assertEquals(100.0 / 120 - 100.0 / 130, ruBefore.path("change").asDouble(), 1e-12);
        assertFalse(ruBefore.path("significant").asBoolean(), "z = " + z(100, 120, 100, 130));
        assertEquals(0, previous.path("byRegion").path("TYU").path("n").asLong(), "no history: nothing before");
        JsonNode yan = null;
        for (JsonNode r : regions) {
            yan = "YAN".equals(r.path("region").asText()) ? r : yan;
        }
        assertShare(positive(counts(10, 10)), yan.path("positive")); // clean: not 40 of 40
        assertTrue(previous.path("byRegion").path("TYU").path("change").isNull());
    }

    /** The pooled two-proportion z statistic, written out. */
    private static double z(long x1, long n1, long x2, long n2) {
        double p = (double) (x1 + x2) / (n1 + n2);
        return ((double) x1 / n1 - (double) x2 / n2) / Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    }

    @Test
    void noSessionIs401ForTheApiAndARedirectForPages() {
        for (String path : List.of("/api/v1/offices/BRY-01/indicators", "/api/v1/regions/BRY/offices", "/api/v1/regions")) {
            assertEquals(401, server.get(path, null).statusCode(), path);
            assertEquals(401, server.get(path, "forged.value").statusCode(), path);
        }
        HttpResponse<String> page = server.get("/offices/BRY-01", null);
        assertEquals(302, page.statusCode());
        assertEquals("/login?next=%2Foffices%2FBRY-01", page.headers().firstValue("Location").orElseThrow());
        assertEquals("/login", server.get("/", null).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndRejectsWrongPasswords() {
        HttpResponse<String> ok = server.postLogin("office-BRY-01", TestServer.PASSWORD);
        assertEquals(303, ok.statusCode());
        assertEquals("/offices/BRY-01", ok.headers().firstValue("Location").orElseThrow());
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("otklik_session="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals(401, server.postLogin("office-BRY-01", "wrong").statusCode());
        assertEquals(401, server.postLogin("nobody", TestServer.PASSWORD).statusCode());
    }

    @Test
    void officeUserIsConfinedToTheirOffice() {
        String s = server.login("office-BRY-01");
        assertEquals(200, server.get("/api/v1/offices/BRY-01/indicators", s).statusCode());
        assertEquals(403, server.get("/api/v1/offices/BRY-02/indicators", s).statusCode());
        assertEquals(403, server.get("/api/v1/offices/NOPE-1/indicators", s).statusCode());
        assertEquals(403, server.get("/api/v1/regions/BRY/offices", s).statusCode());
        assertEquals(403, server.get("/api/v1/regions", s).statusCode());
        assertEquals(200, server.get("/offices/BRY-01", s).statusCode());
        assertEquals(403, server.get("/offices/BRY-02", s).statusCode());
        assertEquals(403, server.get("/regions/BRY", s).statusCode());
        assertEquals(403, server.get("/regions", s).statusCode());
        assertEquals("/offices/BRY-01", server.get("/", s).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void regionUserIsConfinedToTheirRegion() {
        String s = server.login("region-BRY");
        assertEquals(200, server.get("/api/v1/offices/BRY-02/indicators", s).statusCode());
        assertEquals(403, server.get("/api/v1/offices/VLA-01/indicators", s).statusCode());
        assertEquals(200, server.get("/api/v1/regions/BRY/offices", s).statusCode());
        assertEquals(403, server.get("/api/v1/regions/VLA/offices", s).statusCode());
        assertEquals(403, server.get("/api/v1/regions", s).statusCode());
        assertEquals(200, server.get("/regions/BRY", s).statusCode());
        assertEquals(403, server.get("/regions/VLA", s).statusCode());
        assertEquals(403, server.get("/offices/VLA-01", s).statusCode());
        assertEquals("/regions/BRY", server.get("/", s).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void federalUserSeesEverything() {
        String s = server.login("federal");
        assertEquals(200, server.get("/api/v1/offices/VLA-01/indicators", s).statusCode());
        assertEquals(200, server.get("/api/v1/regions/VLA/offices", s).statusCode());
        assertEquals(200, server.get("/api/v1/regions", s).statusCode());
        assertEquals(404, server.get("/api/v1/offices/NOPE-1/indicators", s).statusCode());
        assertEquals(404, server.get("/api/v1/regions/NOPE/offices", s).statusCode());
        assertEquals(200, server.get("/regions", s).statusCode());
        assertEquals(200, server.get("/regions/VLA", s).statusCode());
        assertEquals("/regions", server.get("/", s).headers().firstValue("Location").orElseThrow());
    }
}
