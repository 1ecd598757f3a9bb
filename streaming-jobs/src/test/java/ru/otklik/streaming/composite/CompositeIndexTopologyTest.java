package ru.otklik.streaming.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ru.otklik.common.checklist.ChecklistCatalogue;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.checklist.ObjectiveRules;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.checklist.Review;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.methodology.IndexGroup;
import ru.otklik.common.methodology.IndexIndicator;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.methodology.MethodologyVariant;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.store.Tables;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.streaming.OfficeIndicatorsJob;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.source.RecordDecoder;
import ru.otklik.streaming.source.SourceRecord;
import ru.otklik.streaming.testing.CollectingSink;
import ru.otklik.streaming.testing.EmittedRows;
import ru.otklik.streaming.testing.Responses;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The composite index through the whole topology on a MiniCluster (parallelism 2, no Kryo), with collections for
 * the responses, the reports and the methodology versions: the office, managing-office, region and federal figures
 * of a small case equal the computation written out here; a second methodology version adds its own series and
 * leaves the first's rows exactly as they were; broken reports are dead letters.
 */
class CompositeIndexTopologyTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Instant AT = Instant.now().minusSeconds(3 * 3600);
    static final ReportingPeriod QUARTER = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER,
            AT.atZone(RegionTimeZone.of("LIP")).toLocalDate());

    /** Two groups, friendliness (weight 1: Q10 and management openness) and effort (weight {@code effort}: Q9). */
    static Methodology methodology(int version, double effort) {
        MethodologyVariant variant = new MethodologyVariant(List.of(
                new IndexGroup("friendliness", 1, new LocalizedText("д", "f")),
                new IndexGroup("effort", effort, new LocalizedText("у", "e"))), List.of(
                IndexIndicator.subjective("Q10", "friendliness", false, new LocalizedText("q", "q")),
                IndexIndicator.objective(ChecklistIndicator.MANAGEMENT_OPENNESS.code(), "friendliness", false,
                        ChecklistIndicator.MANAGEMENT_OPENNESS.title()),
                IndexIndicator.subjective("Q9", "effort", false, new LocalizedText("q", "q"))));
        return new Methodology(version, new LocalizedText("т", "t"), LocalDate.of(2020, 1, 1), null,
                ReportingPeriod.Kind.QUARTER, 1, ObjectiveRules.DEFAULT,
                Map.of(RegionNetwork.CENTRALISED, variant, RegionNetwork.DECENTRALISED, variant), Instant.EPOCH, "");
    }

    /** LIP-02's management openness: 3 parameters accepted, 1 rejected, 1 not implemented (3 × 0.2 = 0.6). */
    static ObjectiveReport report(long revision, int accepted) {
        List<ObjectiveReport.ParameterFact> facts = new ArrayList<>();
        var params = ChecklistCatalogue.standard().parameters(ChecklistIndicator.MANAGEMENT_OPENNESS);
        for (int i = 0; i < params.size(); i++) {
            facts.add(new ObjectiveReport.ParameterFact(params.get(i).code(), i < accepted + 1,
                    i < accepted ? Review.ACCEPTED : i == accepted ? Review.REJECTED : null));
        }
        return new ObjectiveReport("LIP-02", "LIP", QUARTER.code(), revision, AT.plusSeconds(revision),
                null, List.of(new ObjectiveReport.ChecklistFacts(ChecklistIndicator.MANAGEMENT_OPENNESS.code(), AT,
                facts, null, null, null)));
    }

    static EmittedRows run(List<Methodology> versions, List<byte[]> extraReports) throws Exception {
        StreamingConfig config = StreamingConfig.load(Map.of("OTKLIK_EMIT_INTERVAL", "PT0.2S"));
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config));
        flink.setParallelism(2);
        RecordDecoder decoder = new RecordDecoder(SurveyCatalog.builtIn(), OfficeDirectory.pilot(),
                java.time.Clock.systemUTC());
        List<SourceRecord> responses = new ArrayList<>();
        Object[][] answers = {{"LIP-01", "Q10", 9, "Q9", 5}, {"LIP-01", "Q10", 7, "Q9", 8}, {"LIP-02", "Q10", 10}};
        for (int i = 0; i < answers.length; i++) {
            Object[] a = answers[i];
            Object[] qa = java.util.Arrays.copyOfRange(a, 1, a.length);
            responses.add(decoder.decode("responses", 0, i, 0, EventJson.toBytes(Responses.seeker("composite-resp-" + i,
                    (String) a[0], AT.plusSeconds(i), qa))));
        }
        DataStream<SourceRecord> source = flink.fromData(responses, OtklikTypes.SOURCE_RECORD)
                .assignTimestampsAndWatermarks(org.apache.flink.api.common.eventtime.WatermarkStrategy.<SourceRecord>forGenerator(
                        c -> new org.apache.flink.api.common.eventtime.WatermarkGenerator<>() {
                            @Override // each record moves the watermark on, and the source never idles
                            public void onEvent(SourceRecord r, long ts,
                                                org.apache.flink.api.common.eventtime.WatermarkOutput out) {
                                out.emitWatermark(new org.apache.flink.api.common.eventtime.Watermark(ts - 5_000));
                            }

                            @Override
                            public void onPeriodicEmit(org.apache.flink.api.common.eventtime.WatermarkOutput out) {
                            }
                        }).withTimestampAssigner((r, ts) -> r.isValid() ? r.response().clientTs().toEpochMilli()
                        : Long.MIN_VALUE));
        CompositeDecoder composite = new CompositeDecoder(OfficeDirectory.pilot(), java.time.Clock.systemUTC());
        List<CompositeInput> inputs = new ArrayList<>();
        List<byte[]> reports = new ArrayList<>();
        reports.add(EventJson.toBytes(report(2, 3)));
        reports.add(EventJson.toBytes(report(1, 5))); // an older revision, after the newer one: ignored
        reports.addAll(extraReports);
        for (byte[] r : reports) {
            inputs.add(composite.report("checklists.reports", 0, inputs.size(), 0, r));
        }
        for (Methodology m : versions) {
            inputs.add(composite.methodology("methodology.versions", 0, inputs.size(), 0, EventJson.toBytes(m)));
        }
        CollectingSink<EncodedRow> sink = new CollectingSink<>("composite-" + System.nanoTime());
        try {
            OfficeIndicatorsJob.build(source, config, sink, null, null, null, null, null, null,
                    flink.fromData(inputs, OtklikTypes.COMPOSITE_INPUT)
                            .assignTimestampsAndWatermarks(CompositeSource.watermarks(Duration.ofMillis(200))));
            flink.execute("composite index topology test");
            EmittedRows rows = new EmittedRows();
            rows.addAll(sink.collected());
            return rows;
        } finally {
            sink.release();
        }
    }

    static Map<String, Map<String, Object>> ofVersion(EmittedRows rows, int version) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        rows.latest(Tables.COMPOSITE_INDEX).forEach((k, v) -> {
            if (k.startsWith(version + "|")) {
                out.put(k, v);
            }
        });
        return out;
    }

    static double value(Map<String, Map<String, Object>> rows, int version, String scope, String code,
                        String level, String component) {
        Map<String, Object> row = rows.get(version + "|" + QUARTER.code() + "|" + scope + "|" + code + "|" + level
                + "|" + component);
        assertTrue(row != null, "no row " + scope + " " + code + " " + level + " " + component + " in " + rows.keySet());
        assertEquals(1L, ((Number) row.get("has_value")).longValue(), row.toString());
        return (Double) row.get("value");
    }

    @Test
    void theIndexOfTwoOfficesOfOneRegionEqualsTheComputationWrittenOutAndASecondVersionAddsItsOwnSeries()
            throws Exception {
        EmittedRows first = run(List.of(methodology(1, 3)), List.of());
        Map<String, Map<String, Object>> v1 = ofVersion(first, 1);
        // LIP-01: Q10 9, 7 -> 1/2; openness not submitted (not counted) -> friendliness 0.5; Q9 5, 8 -> 1/2
        double lip01 = (1 * 0.5 + 3 * 0.5) / 4;
        // LIP-02: Q10 10 -> 1; openness 3 accepted x 0.2 = 0.6 of 1 (revision 2; revision 1's five are ignored)
        //         -> friendliness (1 + 0.6) / 2; Q9 not answered -> effort has no value -> the index is friendliness
        double lip02 = (1.0 + 0.6) / 2;
        // the region: Q10 pooled 2 of 3; openness the mean over the offices that reported: 0.6; Q9 1/2
        double region = (1 * ((2.0 / 3 + 0.6) / 2) + 3 * 0.5) / 4;
        assertEquals(lip01, value(v1, 1, "office", "LIP-01", "index", ""), 1e-9);
        assertEquals(lip02, value(v1, 1, "office", "LIP-02", "index", ""), 1e-9);
        assertEquals(0.6, value(v1, 1, "office", "LIP-02", "indicator", "o.management_openness"), 1e-9);
        assertEquals(region, value(v1, 1, "region", "LIP", "index", ""), 1e-9);
        assertEquals(region, value(v1, 1, "managing", "LIP-01", "index", ""), 1e-9);
        assertEquals(2.0 / 3, value(v1, 1, "region", "LIP", "indicator", "s.Q10"), 1e-9);
        assertEquals(region, value(v1, 1, "federal", "RU", "index", ""), 1e-9, "one region: its index");
        Map<String, Object> q10 = v1.get("1|" + QUARTER.code() + "|region|LIP|indicator|s.Q10");
        assertEquals(3L, q10.get("n"));
        assertEquals(2L, q10.get("positive"));
        Map<String, Object> effort02 = v1.get("1|" + QUARTER.code() + "|office|LIP-02|group|effort");
        assertEquals(0L, ((Number) effort02.get("has_value")).longValue());
        assertEquals("no_data", effort02.get("status"));
        assertEquals(3.0, effort02.get("weight"));
        assertEquals(1L, v1.get("1|" + QUARTER.code() + "|federal|RU|index|").get("n"), "regions with a value");
        assertEquals(2L, v1.get("1|" + QUARTER.code() + "|region|LIP|index|").get("n"), "groups with a value");
        assertEquals(QUARTER.start().toEpochDay(), ((Number) v1.get("1|" + QUARTER.code() + "|region|LIP|index|")
                .get("period_start")).longValue());

        // a second version (equal weights) published: its own series, and version 1's rows exactly as before
        EmittedRows second = run(List.of(methodology(1, 3), methodology(2, 1)), List.of());
        assertEquals(v1, ofVersion(second, 1));
        Map<String, Map<String, Object>> v2 = ofVersion(second, 2);
        assertEquals(((2.0 / 3 + 0.6) / 2 + 0.5) / 2, value(v2, 2, "region", "LIP", "index", ""), 1e-9);
        assertEquals(v1.size(), v2.size());
        assertTrue(second.all(Tables.STREAM_DEAD_LETTERS).isEmpty());
    }

    @Test
    void aMalformedOrMisplacedReportIsADeadLetterAndTheRestIsCounted() throws Exception {
        ObjectiveReport wrongRegion = new ObjectiveReport("LIP-01", "BRY", QUARTER.code(), 1, AT, null, List.of());
        ObjectiveReport badPeriod = new ObjectiveReport("LIP-01", "LIP", "2026-Q5", 1, AT, null, List.of());
        EmittedRows rows = run(List.of(methodology(1, 3)), List.of("{not json".getBytes(StandardCharsets.UTF_8),
                EventJson.toBytes(wrongRegion), EventJson.toBytes(badPeriod)));
        List<Map<String, Object>> dead = rows.all(Tables.STREAM_DEAD_LETTERS);
        assertEquals(3, dead.size(), dead.toString());
        for (Map<String, Object> d : dead) {
            assertEquals("checklists.reports", d.get("topic"));
        }
        assertEquals(List.of("undecodable", "invalid", "invalid"), dead.stream().map(d -> d.get("reason")).sorted(
                java.util.Comparator.comparing(r -> r.equals("undecodable") ? 0 : 1)).toList());
        assertFalse(ofVersion(rows, 1).isEmpty(), "the good records are counted");
    }
}
