package ru.otklik.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.infra.local.TestStack;
import ru.otklik.streaming.testing.ClickHouseFigures;
import ru.otklik.streaming.testing.ExpectedFigures;
import ru.otklik.streaming.testing.GeneratedStream;

/**
 * The upgrade path: a checkpoint directory left by a job of an older state layout (here: one that
 * recorded no layout) is not restored; its checkpoints are moved aside, the aggregate tables are
 * emptied of whatever the old job wrote, and the job rebuilds every figure from the topic — equal to
 * the independent computation. The next start with the current layout resumes as usual.
 */
class UpgradeRebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(300);

    @TempDir
    Path dir;

    @Test
    void checkpointsOfAnOlderLayoutLeadToARebuildFromTheTopic() throws Exception {
        TestStack stack = TestStack.shared();
        ClickHouseFigures clickHouse = new ClickHouseFigures(stack.clickHouseHttp());
        clickHouse.truncateAll();
        String topic = "upgrade-" + UUID.randomUUID();
        stack.kafka().createTopics(3, topic);
        List<SurveyResponse> stream = GeneratedStream.generate(4_000, Instant.now(), 21);
        ExpectedFigures expected = ExpectedFigures.of(stream);
        produce(stack, topic, stream);

        // what the previous version left: a checkpoint of its own layout and its figures in ClickHouse
        Path checkpoints = dir.resolve("checkpoints");
        Files.createDirectories(checkpoints.resolve("0123/chk-7"));
        Files.writeString(checkpoints.resolve("0123/chk-7/_metadata"), "old layout");
        stack.clickHouseHttp().execute("INSERT INTO otklik.answer_minute (region_code, office_code, survey_id,"
                + " question_id, audience, channel, bucket_start, answered, c9, version) VALUES ('BRY', 'BRY-01',"
                + " 'jc-seeker', 'Q1', 'seeker', 'link', now(), 999, 999, 1)");

        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", topic);
        env.put("OTKLIK_STREAMING_GROUP", "upgrade-" + topic);
        env.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        env.put("OTKLIK_CHECKPOINT_DIR", checkpoints.toString());
        env.put("OTKLIK_CHECKPOINT_INTERVAL", "PT1S");
        env.put("OTKLIK_EMIT_INTERVAL", "PT0.2S");
        env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        StreamingConfig config = OfficeIndicatorsJob.prepare(StreamingConfig.load(env));

        assertTrue(config.rebuild(), "an old layout means a rebuild");
        assertEquals(0, stack.clickHouseHttp().selectLong("SELECT count() FROM otklik.answer_minute"),
                "the old job's aggregates are gone");
        assertFalse(Files.exists(checkpoints.resolve("0123")), "old checkpoints are not restored");
        try (var siblings = Files.list(dir)) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith("checkpoints.before-rebuild-")
                    && Files.exists(p.resolve("0123/chk-7/_metadata"))), "but kept aside");
        }
        assertEquals(OfficeIndicatorsJob.STATE_LAYOUT,
                Files.readString(checkpoints.resolve(OfficeIndicatorsJob.LAYOUT_FILE)).trim());

        JobClient job = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config)), config);
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (clickHouse.totalAggregatedAnswers() != expected.scoredAnswers()
                    || clickHouse.totalRawResponses() != expected.distinctResponses()
                    || OfficeIndicatorsJob.newestCheckpoint(checkpoints).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the rebuild did not finish within " + WAIT);
                Thread.sleep(250);
            }
            assertEquals(expected.scoresByOfficeItem(), clickHouse.aggregatedScores(), "minute aggregates");
            assertEquals(expected.responsesByOffice(), clickHouse.aggregatedResponses(), "response counts");
        } finally {
            OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60));
        }
        // the next start finds its own layout: it resumes, nothing is rebuilt
        StreamingConfig again = OfficeIndicatorsJob.prepare(StreamingConfig.load(env));
        assertFalse(again.rebuild());
        assertEquals(expected.scoredAnswers(), clickHouse.totalAggregatedAnswers());
    }

    private static void produce(TestStack stack, String topic, List<SurveyResponse> responses) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (SurveyResponse r : responses) {
                producer.send(new ProducerRecord<>(topic, r.officeCode(), EventJson.toBytes(r)));
            }
            producer.flush();
        }
    }
}
