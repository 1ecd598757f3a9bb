package ru.otklik.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.infra.local.TestStack;
import ru.otklik.streaming.testing.ClickHouseFigures;
import ru.otklik.streaming.testing.ExpectedFigures;
import ru.otklik.streaming.testing.GeneratedStream;

/**
 * The job against a real Kafka broker, a real ClickHouse server and a Flink MiniCluster with
 * parallelism 2: the figures in ClickHouse equal a computation done here from the same input,
 * and neither a replay of the whole topic nor a restart from a checkpoint changes any of them.
 * Compared: minute aggregates, raw facts (with the request metadata columns), the 7-day windows
 * per office, federal total and breakdown (channel, touchpoint, employee), and the hourly/daily history.
 */
class OfficeIndicatorsJobIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration WAIT = Duration.ofSeconds(300); // shared, busy CI machines: a bound, not a speed check

    private final TestStack stack = TestStack.shared();
    private final ClickHouseFigures clickHouse = new ClickHouseFigures(stack.clickHouseHttp());
    private String topic;

    @TempDir
    Path checkpoints;

    @BeforeEach
    void freshTopicAndTables() {
        topic = "responses-" + UUID.randomUUID();
        stack.kafka().createTopics(3, topic);
        clickHouse.truncateAll();
    }

    private StreamingConfig config() {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", topic);
        env.put("OTKLIK_STREAMING_GROUP", "it-" + topic);
        env.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        env.put("OTKLIK_CHECKPOINT_INTERVAL", "PT1S");
        env.put("OTKLIK_CHECKPOINT_DIR", checkpoints.toString());
        env.put("OTKLIK_STREAMING_PARALLELISM", "2");
        env.put("OTKLIK_EMIT_INTERVAL", "PT0.2S");
        env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        return StreamingConfig.load(env);
    }

    private JobClient startJob(StreamingConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config));
        return OfficeIndicatorsJob.start(env, config);
    }

    private void produce(List<SurveyResponse> responses) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (SurveyResponse r : responses) {
                producer.send(new ProducerRecord<>(topic, r.officeCode(), EventJson.toBytes(r)));
            }
            producer.flush();
        }
    }

    /**
     * One new response into every partition, after everything produced before it: once all of them
     * are in ClickHouse, the job has read every partition past what came earlier.
     */
    private List<SurveyResponse> produceMarkers(long seed) throws Exception {
        List<SurveyResponse> markers = GeneratedStream.generate(3, Instant.now(), seed).subList(0, 3);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                SurveyResponse m = markers.get(partition);
                producer.send(new ProducerRecord<>(topic, partition, m.officeCode(), EventJson.toBytes(m))).get();
            }
        }
        return markers;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** Waits until ClickHouse shows {@code expected}; on time-out, fails with the difference. */
    private static <T> void awaitEqual(String what, T expected, java.util.function.Supplier<T> actual)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!expected.equals(actual.get()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(expected, actual.get(), what);
    }

    private void assertFiguresEqual(ExpectedFigures expected) {
        assertEquals(expected.scoresByOfficeItem(), clickHouse.aggregatedScores(), "minute aggregates");
        assertEquals(expected.scoresByOfficeItem(), clickHouse.rawScores(), "raw answers");
        assertEquals(expected.responsesByOffice(), clickHouse.aggregatedResponses(), "response counts");
        assertEquals(expected.responsesByOffice(), clickHouse.rawResponses(), "raw responses");
    }

    private void awaitTotals(ExpectedFigures expected) throws InterruptedException {
        await(expected.scoredAnswers() + " answers in answer_minute",
                () -> clickHouse.totalAggregatedAnswers() == expected.scoredAnswers()
                        && clickHouse.totalRawResponses() == expected.distinctResponses());
    }

    @Test
    void figuresMatchAnIndependentComputationAndAReplayChangesNothing() throws Exception {
        List<SurveyResponse> stream = GeneratedStream.generate(20_000, Instant.now(), 42);
        ExpectedFigures expected = ExpectedFigures.of(stream);
        assertTrue(stream.size() > expected.distinctResponses(), "the input contains resends");

        produce(stream);
        JobClient job = startJob(config());
        try {
            awaitTotals(expected);
            assertFiguresEqual(expected);

            // the rolling 7-day window holds the whole 3-hour stream: per office and in the federal total
            await("the 7-day windows", () -> expected.scoresByOfficeItem().equals(clickHouse.windowScores("office", "7d")));
            Map<String, ScoreCounts> federal = new java.util.TreeMap<>();
            expected.scoresByOfficeItem().forEach((k, v) -> federal.merge("RU/" + k.substring(k.indexOf('/') + 1), v,
                    ScoreCounts::plus));
            await("the federal 7-day window", () -> federal.equals(clickHouse.windowScores("federal", "7d")));
            // the request metadata columns, NULL where the response had none
            assertEquals(expected.requestMeta(), clickHouse.requestMeta(), "ip_hash, user_agent_hash, started_ts, fill_ms");
            // breakdowns by channel, touchpoint and employee per audience and item; hourly and daily history
            awaitEqual("the 7-day breakdown windows", expected.breakdowns(), () -> clickHouse.breakdownWindows("7d"));
            awaitEqual("the hourly and daily history", expected.history(), clickHouse::history);

            // the whole topic again: every response is a resend now, and nothing may change
            produce(stream);
            List<SurveyResponse> withMarkers = new java.util.ArrayList<>(stream);
            withMarkers.addAll(produceMarkers(4242));
            ExpectedFigures afterReplay = ExpectedFigures.of(withMarkers);
            awaitTotals(afterReplay);
            assertFiguresEqual(afterReplay);
            awaitEqual("the history after the replay", afterReplay.history(), clickHouse::history);
        } finally {
            OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60));
        }
    }

    @Test
    void restartFromTheLastCheckpointKeepsFiguresExact(@InjectClusterRESTAddress URI rest) throws Exception {
        List<SurveyResponse> stream = GeneratedStream.generate(12_000, Instant.now(), 7);
        ExpectedFigures expected = ExpectedFigures.of(stream);
        List<SurveyResponse> first = stream.subList(0, stream.size() / 2);
        List<SurveyResponse> second = stream.subList(stream.size() / 2, stream.size());

        StreamingConfig config = config();
        produce(first);
        JobClient job = startJob(config);
        ExpectedFigures half = ExpectedFigures.of(first);
        await("the first half in ClickHouse", () -> clickHouse.totalRawResponses() == half.distinctResponses());
        await("a completed checkpoint", () -> OfficeIndicatorsJob.newestCheckpoint(checkpoints).isPresent());
        OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60)); // the job stops; whatever it wrote after its last checkpoint stays in ClickHouse

        produce(second);
        Path restoredFrom = OfficeIndicatorsJob.newestCheckpoint(checkpoints).orElseThrow();
        JobClient resumed = startJob(config);
        try {
            awaitTotals(expected);
            assertFiguresEqual(expected);
            // Flink itself reports which checkpoint the running job was restored from
            String stats = httpGet(rest.resolve("/jobs/" + resumed.getJobID() + "/checkpoints"));
            JsonNode restored = EventJson.mapper().readTree(stats).path("latest").path("restored");
            assertEquals(checkpointNumber(restoredFrom), restored.path("id").asLong(), stats);
            assertTrue(restored.path("external_path").asText().contains(restoredFrom.getFileName().toString()), stats);
        } finally {
            OfficeIndicatorsJob.stop(resumed, Duration.ofSeconds(60));
        }
    }

    private static String httpGet(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long checkpointNumber(Path chk) {
        return Long.parseLong(chk.getFileName().toString().substring("chk-".length()));
    }

    /**
     * Finding 1 of the hardening issue: one record with a client time of year −999999999 made the job
     * fail in its timestamp assigner, restart from its checkpoint, read the same record and fail
     * again, for ever. Now such records — and any other bytes a producer bug could write — become dead
     * letters with their coordinates, and the job goes on counting.
     */
    @Test
    void recordsTheJobCannotUseAreDeadLettersAndTheJobGoesOn() throws Exception {
        JobClient job = startJob(config());
        try {
            SurveyResponse valid = GeneratedStream.generate(1, Instant.now(), 3).get(0);
            String json = new String(EventJson.toBytes(valid), java.nio.charset.StandardCharsets.UTF_8);
            List<byte[]> poison = List.of(
                    json.replaceFirst("\"clientTs\":\"[^\"]+\"", "\"clientTs\":\"-999999999-01-01T00:00:00Z\"")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    json.replaceFirst("\"clientTs\":\"[^\"]+\"", "\"clientTs\":\"1900-01-01T00:00:00Z\"")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "{\"responseId\":".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC0, (byte) 0x80, 0, 1},
                    new byte[0]);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (byte[] bytes : poison) {
                    producer.send(new ProducerRecord<>(topic, 0, "BRY-01", bytes)).get();
                }
            }
            List<SurveyResponse> markers = produceMarkers(77); // after the poison, in every partition
            await("the responses after the poison", () -> clickHouse.totalRawResponses() == markers.size());
            await("five dead letters", () -> stack.clickHouseHttp()
                    .selectLong("SELECT count() FROM otklik.stream_dead_letters FINAL") == poison.size());
            assertEquals(org.apache.flink.api.common.JobStatus.RUNNING, job.getJobStatus().get());
            List<java.util.Map<String, Object>> rows = stack.clickHouseHttp().select("SELECT reason, detail,"
                    + " toString(partition) AS p, toString(raw_size) AS size FROM otklik.stream_dead_letters FINAL"
                    + " ORDER BY offset");
            assertEquals("invalid", rows.get(0).get("reason"));
            assertTrue(String.valueOf(rows.get(0).get("detail")).contains("clientTs too-old"), rows.toString());
            assertTrue(String.valueOf(rows.get(1).get("detail")).contains("clientTs too-old"), rows.toString());
            assertEquals("undecodable", rows.get(2).get("reason"));
            assertEquals("empty", rows.get(4).get("reason"));
            assertEquals("0", rows.get(0).get("p"));
        } finally {
            OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60));
        }
    }

    @Test
    void eventsBeyondTheLateHorizonAreKeptAside() throws Exception {
        SurveyResponse ancient = GeneratedStream.generate(1, Instant.now().minus(Duration.ofDays(9)), 2).get(0);
        JobClient job = startJob(config());
        try {
            // fresh events in every partition, so the watermark is "now" everywhere, not a matter of idleness
            produceMarkers(1);
            await("the fresh responses", () -> clickHouse.totalRawResponses() == 3);
            Thread.sleep(2_000); // periodic watermarks (every 200 ms) reach the filter
            produce(List.of(ancient));
            await("the ancient response in late_events", () -> stack.clickHouseHttp()
                    .selectLong("SELECT count() FROM otklik.late_events FINAL") == 1);
            assertEquals(3, clickHouse.totalRawResponses(), "not folded into the figures");
            String reason = String.valueOf(stack.clickHouseHttp()
                    .select("SELECT reason FROM otklik.late_events FINAL").get(0).get("reason"));
            assertTrue(reason.contains("late horizon"), reason);
        } finally {
            OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60));
        }
    }
}
