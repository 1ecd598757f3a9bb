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
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.Tables;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.streaming.source.RecordDecoder;
import ru.otklik.streaming.source.ResponseSource;
import ru.otklik.streaming.source.SourceRecord;
import ru.otklik.streaming.testing.CollectingSink;
import ru.otklik.streaming.testing.EmittedRows;
import ru.otklik.streaming.testing.ExpectedFigures;
import ru.otklik.streaming.testing.GeneratedStream;
import ru.otklik.streaming.testing.RowFigures;

/**
 * The whole topology on a MiniCluster at parallelism 2 with a collection as its source and a
 * collecting sink, with {@code pipeline.generic-types: false} (a Kryo fallback fails the job): the
 * rows it writes equal the independent computation, and broken records become dead letters while
 * the rest is counted.
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

    static EmittedRows run(List<SourceRecord> records) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_EMIT_INTERVAL", "PT0.2S");
        StreamingConfig config = StreamingConfig.load(env);
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config));
        flink.setParallelism(2);
        DataStream<SourceRecord> source = flink.fromData(records, ru.otklik.streaming.types.OtklikTypes.SOURCE_RECORD)
                .assignTimestampsAndWatermarks(ResponseSource.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        CollectingSink sink = new CollectingSink("topology-" + System.nanoTime());
        try {
            OfficeIndicatorsJob.build(source, config, sink);
            flink.execute("topology test");
            EmittedRows rows = new EmittedRows();
            rows.addAll(sink.rows());
            return rows;
        } finally {
            sink.release();
        }
    }
}
