package ru.otklik.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.Tables;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.source.RecordDecoder;
import ru.otklik.streaming.source.ResponseSource;
import ru.otklik.streaming.source.SourceRecord;
import ru.otklik.streaming.testing.CollectingSink;
import ru.otklik.streaming.testing.EmittedRows;
import ru.otklik.streaming.testing.ExpectedFigures;
import ru.otklik.streaming.testing.GeneratedStream;
import ru.otklik.streaming.testing.Responses;
import ru.otklik.streaming.testing.RowFigures;

/**
 * The whole topology on a MiniCluster at parallelism 2 with a collection as its source and a
 * collecting sink, with {@code pipeline.generic-types: false} (a Kryo fallback fails the job): the
 * rows it writes equal the independent computation, broken records become dead letters while
 * the rest is counted, and each counted response with a comment and a low score is published once.
 */
class TopologyTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void theRowsWrittenEqualAnIndependentComputation() throws Exception {
        List<SurveyResponse> stream = GeneratedStream.generate(6_000, Instant.now(), 11);
        ExpectedFigures expected = ExpectedFigures.of(stream);
        RecordDecoder decoder = new RecordDecoder(SurveyCatalog.builtIn(), OfficeDirectory.pilot(),
                java.time.Clock.systemUTC());
        List<SourceRecord> records = new ArrayList<>();
        long offset = 0;
        for (SurveyResponse r : stream) {
            records.add(decoder.decode("responses", 0, offset++, 0, EventJson.toBytes(r)));
        }
        // what ingest can never send, written straight into the topic: the job must go on
        records.add(2_000, decoder.decode("responses", 0, offset++, 0, "{not json".getBytes()));
        records.add(3_000, decoder.decode("responses", 0, offset++, 0, EventJson.toBytes(stream.get(0))
                .length > 0 ? new String(EventJson.toBytes(stream.get(0))).replaceFirst("\"clientTs\":\"[^\"]+\"",
                "\"clientTs\":\"-999999999-01-01T00:00:00Z\"").replace("gen-", "bad-").getBytes() : null));
        records.add(4_000, decoder.decode("responses", 0, offset++, 0, null));

        EmittedRows rows = run(records);
        RowFigures figures = new RowFigures(rows);
        assertEquals(expected.scoresByOfficeItem(), figures.aggregatedScores(), "minute aggregates");
        assertEquals(expected.responsesByOffice(), figures.aggregatedResponses(), "response counts");
        assertEquals(expected.responsesByOffice(), figures.rawResponses(), "raw responses");
        assertEquals(expected.scoresByOfficeItem(), figures.windowScores("office", "7d"), "7-day office windows");
        Map<String, ScoreCounts> federal = new java.util.TreeMap<>();
        expected.scoresByOfficeItem().forEach((k, v) -> federal.merge("RU/" + k.substring(k.indexOf('/') + 1), v,
                ScoreCounts::plus));
        assertEquals(federal, figures.windowScores("federal", "7d"), "the federal 7-day window");
        assertEquals(expected.breakdowns(), figures.breakdownWindows("7d"), "breakdowns");
        assertEquals(expected.history(), figures.history(), "hourly and daily history");
        List<Map<String, Object>> dead = rows.all(Tables.STREAM_DEAD_LETTERS);
        assertEquals(3, dead.size(), "three dead letters");
        assertTrue(dead.stream().anyMatch(d -> ((String) d.get("detail")).contains("clientTs too-old")), dead.toString());
    }

    @Test
    void aFraudFlagTakesItsResponsesOutOfTheCleanFiguresAndADismissalKeepsThemIn() throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofMinutes(50)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<SurveyResponse> stream = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // honest forms of BRY-01, none favourable
            stream.add(ru.otklik.streaming.testing.Responses.seeker(String.format("honest-%04d", i), "BRY-01",
                    t0.plusSeconds(60L * i), "Q1", 1 + i % 7));
        }
        for (int i = 0; i < 8; i++) { // staff at one PC: eight top scores within eight minutes
            Instant at = t0.plusSeconds(600 + 60L * i);
            stream.add(new SurveyResponse(String.format("staff-%04d", i), "jc-seeker", 1,
                    ru.otklik.common.response.Audience.SEEKER, ru.otklik.common.response.Channel.LINK,
                    ru.otklik.common.response.Mode.IN_PERSON, "BRY", "BRY-01", null, null, at, at.plusSeconds(1),
                    Map.of("Q1", ru.otklik.common.response.Answer.score(10 - i % 2)), null, null, 0,
                    at.minusSeconds(90), new ru.otklik.common.response.RequestMeta("ip-staff", "ua-" + i, 90_000L,
                    "questionnaire")));
        }
        stream.sort(java.util.Comparator.comparing(SurveyResponse::clientTs));
        RecordDecoder decoder = new RecordDecoder(SurveyCatalog.builtIn(), OfficeDirectory.pilot(),
                java.time.Clock.systemUTC());
        List<SourceRecord> records = new ArrayList<>();
        for (SurveyResponse r : stream) {
            records.add(decoder.decode("responses", 0, records.size(), 0, EventJson.toBytes(r)));
        }

        EmittedRows flagged = run(records, List.of());
        assertEquals(1, flagged.latest(Tables.ALERTS).size(), "one burst flag; dead letters: "
                + flagged.all(Tables.STREAM_DEAD_LETTERS));
        String alertId = flagged.latest(Tables.ALERTS).keySet().iterator().next();
        assertEquals("fraud_burst:BRY-01:staff-0004", alertId, "opened by the fifth form");
        assertEquals(48L, flagged.latest(Tables.INDICATOR_WINDOW).get("office|BRY-01|all|24h|jc-seeker|Q1").get("n"),
                "raw keeps every form");
        for (String scope : List.of("office|BRY-01", "region|BRY", "federal|RU")) {
            Map<String, Object> clean = flagged.latest(Tables.INDICATOR_WINDOW_CLEAN).get(scope + "|all|24h|jc-seeker|Q1");
            assertEquals(40L, clean.get("n"), scope + ": clean counts the honest forms");
            assertEquals(8L, clean.get("excluded"), scope + ": the flag's eight, including four counted before it opened");
            assertEquals(0L, clean.get("positive"), scope);
            assertEquals(8L, flagged.latest(Tables.RESPONSE_WINDOW_CLEAN).get(scope + "|all|24h|jc-seeker")
                    .get("excluded"), scope);
        }

        // the same stream with a reviewer's dismissal on the topic (read before the responses as in a rebuild, or after
        // them: the two sources race, and either way the dismissal counts)
        EmittedRows dismissed = run(records, List.of(new ru.otklik.common.alert.FlagReviewEvent(1, alertId,
                "fraud_burst", "BRY-01", "BRY", "ip-staff", "dismissed", "region", Instant.now())));
        assertEquals(48L, dismissed.latest(Tables.INDICATOR_WINDOW).get("office|BRY-01|all|24h|jc-seeker|Q1").get("n"));
        Map<String, Object> clean = dismissed.latest(Tables.INDICATOR_WINDOW_CLEAN)
                .get("office|BRY-01|all|24h|jc-seeker|Q1");
        assertTrue(clean == null || (Long) clean.get("excluded") == 0L, "a dismissed flag excludes nothing: " + clean);
        assertEquals(1, dismissed.latest(Tables.ALERTS).size(), "the flag itself stays");
    }

    @Test
    void aCountedResponseWithACommentAndALowScoreOpensOneCase() throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SurveyResponse low = Responses.commented(Responses.seeker("case-low", "BRY-01", t0, "Q1", 2, "Q2", 9),
                "Час в очереди");
        SurveyResponse resent = low.withReceivedTs(low.receivedTs().plusSeconds(40)); // the client sent it again
        SurveyResponse praised = Responses.commented(Responses.seeker("case-praised", "BRY-01", t0.plusSeconds(10),
                "Q1", 8, "Q2", 10), "Спасибо");
        SurveyResponse silent = Responses.seeker("case-silent", "BRY-01", t0.plusSeconds(20), "Q1", 1, "Q2", 2);
        Instant at = t0.plusSeconds(30);
        SurveyResponse pulse = new SurveyResponse("case-pulse", "pulse", 1, Audience.SEEKER, Channel.LINK,
                Mode.IN_PERSON, "BRY", "BRY-02", null, null, at, at.plusSeconds(1), Map.of("NPS", Answer.score(3),
                "CES", Answer.score(2), "CSAT", Answer.score(4)), null, "Не перезвонили", 0);
        RecordDecoder decoder = new RecordDecoder(SurveyCatalog.builtIn(), OfficeDirectory.pilot(),
                java.time.Clock.systemUTC());
        List<SourceRecord> records = new ArrayList<>();
        for (SurveyResponse r : List.of(low, praised, silent, pulse, resent)) {
            records.add(decoder.decode("responses", 0, records.size(), 0, EventJson.toBytes(r)));
        }

        CollectingSink<NegativeFeedback> feedback = new CollectingSink<>("feedback-" + System.nanoTime());
        try {
            EmittedRows rows = run(records, null, feedback);
            assertEquals(List.of(), rows.all(Tables.STREAM_DEAD_LETTERS), "every form is valid");
            Map<String, List<String>> lowItems = new java.util.TreeMap<>();
            for (NegativeFeedback f : feedback.collected()) {
                assertEquals(null, lowItems.put(f.responseId(), f.lowItems()), "one case per response: "
                        + feedback.collected());
            }
            assertEquals(Map.of("case-low", List.of("Q1"), "case-pulse", List.of("NPS")), lowItems,
                    "the seeker's low Q1 (once, though sent twice) and the pulse detractor; no case without a "
                            + "comment or without a low score");
            assertEquals(new NegativeFeedback("case-pulse", "pulse", Channel.LINK.code(), Audience.SEEKER.code(), "BRY",
                    "BRY-02", null, null, at, at.plusSeconds(1), List.of("NPS")), feedback.collected().stream()
                    .filter(f -> f.responseId().equals("case-pulse")).findFirst().orElseThrow());
        } finally {
            feedback.release();
        }
    }

    @Test
    void the360RecordsBecomeItemsCommentsAndCompletionAndBrokenOnesDeadLetters() throws Exception {
        StreamingConfig config = StreamingConfig.load(Map.of("OTKLIK_EMIT_INTERVAL", "PT0.2S"));
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config));
        flink.setParallelism(2);
        RecordDecoder decoder = new RecordDecoder(SurveyCatalog.builtIn(), OfficeDirectory.pilot(),
                java.time.Clock.systemUTC());
        DataStream<SourceRecord> responses = flink.fromData(List.of(decoder.decode("responses", 0, 0, 0,
                EventJson.toBytes(Responses.seeker("case-360-response", "BRY-01", Instant.now().minusSeconds(60), "Q1", 9)))),
                ru.otklik.streaming.types.OtklikTypes.SOURCE_RECORD)
                .assignTimestampsAndWatermarks(ResponseSource.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        var assessmentDecoder = new ru.otklik.streaming.assessment.AssessmentDecoder(java.time.Clock.systemUTC());
        List<ru.otklik.streaming.assessment.AssessmentRecord> assessment = new ArrayList<>();
        for (String session : List.of("A", "B", "C")) {
            assessment.add(assessmentDecoder.assignments("assessment.assignments", 0, assessment.size(), 0,
                    EventJson.toBytes(ru.otklik.streaming.assessment.Assessments.assignments(session, 1, "launched", 1,
                            "r1", "T1", "peer", "r2", "T1", "peer"))));
            for (String rater : List.of("r1", "r2", "r1")) { // r1 twice: a retry
                assessment.add(assessmentDecoder.submission("assessment.answers", 0, assessment.size(), 0,
                        EventJson.toBytes(ru.otklik.streaming.assessment.Assessments.submission(session, "T1", rater,
                                "peer", 1, 5, 0, ru.otklik.streaming.assessment.Assessments.answer("C1", "I1",
                                        rater.equals("r1") ? 5 : 3, "comment of " + rater)))));
            }
        }
        assessment.add(assessmentDecoder.submission("assessment.answers", 0, assessment.size(), 0,
                "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        CollectingSink<EncodedRow> sink = new CollectingSink<>("topology-360-" + System.nanoTime());
        EmittedRows rows = new EmittedRows();
        try {
            OfficeIndicatorsJob.build(responses, config, sink, null, null, null, null, null,
                    flink.fromData(assessment, ru.otklik.streaming.types.OtklikTypes.ASSESSMENT_RECORD));
            flink.execute("topology test, 360");
            rows.addAll(sink.collected());
        } finally {
            sink.release();
        }
        for (String session : List.of("A", "B", "C")) {
            Map<String, Object> item = rows.latest(Tables.ASSESSMENT_ITEMS).get(session + "|T1|C1|I1|peer");
            assertEquals(2L, item.get("raters"), session + ": the retry counted once");
            assertEquals(8.0, item.get("points_sum"));
            assertEquals(2L, rows.latest(Tables.ASSESSMENT_COMPLETION).get(session + "||").get("submitted"));
            assertEquals(2L, rows.latest(Tables.ASSESSMENT_COMMENTS).keySet().stream()
                    .filter(k -> k.startsWith(session + "|")).count());
        }
        List<Map<String, Object>> dead = rows.all(Tables.STREAM_DEAD_LETTERS);
        assertEquals(1, dead.size(), dead.toString());
        assertEquals("assessment.answers", dead.get(0).get("topic"));
        assertEquals(1L, rows.latest(Tables.RESPONSES).size() + 0L, "the responses go on beside them");
    }

    static EmittedRows run(List<SourceRecord> records) throws Exception {
        return run(records, null);
    }

    static EmittedRows run(List<SourceRecord> records, List<ru.otklik.common.alert.FlagReviewEvent> reviews)
            throws Exception {
        return run(records, reviews, null);
    }

    /**
     * With {@code reviews} (null: the job without a reviews input) on a bounded source of their own, and the
     * cases published into {@code feedback} (null: none).
     */
    static EmittedRows run(List<SourceRecord> records, List<ru.otklik.common.alert.FlagReviewEvent> reviews,
                           CollectingSink<NegativeFeedback> feedback) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_EMIT_INTERVAL", "PT0.2S");
        StreamingConfig config = StreamingConfig.load(env);
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config));
        flink.setParallelism(2);
        // a short collection is read before any periodic watermark: here each record moves the watermark on
        org.apache.flink.api.common.eventtime.WatermarkStrategy<SourceRecord> watermarks = reviews == null
                ? ResponseSource.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(1))
                : org.apache.flink.api.common.eventtime.WatermarkStrategy.<SourceRecord>forGenerator(c ->
                        new org.apache.flink.api.common.eventtime.WatermarkGenerator<>() {
                            @Override
                            public void onEvent(SourceRecord r, long ts,
                                                org.apache.flink.api.common.eventtime.WatermarkOutput out) {
                                out.emitWatermark(new org.apache.flink.api.common.eventtime.Watermark(ts - 5_000));
                            }

                            @Override
                            public void onPeriodicEmit(org.apache.flink.api.common.eventtime.WatermarkOutput out) {
                            }
                        }).withTimestampAssigner((r, ts) -> r.isValid() ? r.response().clientTs().toEpochMilli()
                        : Long.MIN_VALUE);
        DataStream<SourceRecord> source = flink.fromData(records, ru.otklik.streaming.types.OtklikTypes.SOURCE_RECORD)
                .assignTimestampsAndWatermarks(watermarks);
        CollectingSink<EncodedRow> sink = new CollectingSink<>("topology-" + System.nanoTime());
        try {
            OfficeIndicatorsJob.build(source, config, sink, null, null, reviews == null ? null : flink.fromData(
                    reviews.isEmpty() ? List.of(new ru.otklik.common.alert.FlagReviewEvent(0, "fraud_burst:XXX-01:none",
                            "fraud_burst", "XXX-01", "XXX", "none", "confirmed", "region", Instant.EPOCH)) : reviews,
                    ru.otklik.streaming.types.OtklikTypes.FLAG_REVIEW)
                    .assignTimestampsAndWatermarks(ru.otklik.streaming.source.ReviewSource.watermarks()), feedback);
            flink.execute("topology test");
            EmittedRows rows = new EmittedRows();
            rows.addAll(sink.collected());
            return rows;
        } finally {
            sink.release();
        }
    }
}
