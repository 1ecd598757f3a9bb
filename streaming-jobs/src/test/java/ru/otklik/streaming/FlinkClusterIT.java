package ru.otklik.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
import ru.otklik.streaming.testing.StandaloneFlinkCluster;

/**
 * The runnable job jar submitted to a real Flink cluster of separate JVMs (one JobManager, two
 * TaskManagers) at parallelism 2. Mid-stream, a TaskManager running the job is killed with SIGKILL
 * (a crashed machine, not a cancel) and a replacement is started: the job fails over under its
 * restart strategy, restores its last checkpoint, re-reads Kafka from there, and once the stream
 * is consumed the figures in ClickHouse equal the computation done here, exactly.
 */
class FlinkClusterIT {

    private static final Path JOB_JAR = Path.of("target", "otklik-streaming-jobs.jar");
    private static final Duration WAIT = Duration.ofSeconds(300);

    @TempDir
    Path dir;

    @Test
    void aKilledTaskManagerMidStreamLeavesTheFiguresExact() throws Exception {
        assertTrue(Files.exists(JOB_JAR), "the runnable jar is built in the package phase: " + JOB_JAR.toAbsolutePath());
        TestStack stack = TestStack.shared();
        ClickHouseFigures clickHouse = new ClickHouseFigures(stack.clickHouseHttp());
        clickHouse.truncateAll();
        String topic = "cluster-" + UUID.randomUUID();
        stack.kafka().createTopics(3, topic);

        List<SurveyResponse> stream = GeneratedStream.generate(12_000, Instant.now(), 99);
        ExpectedFigures expected = ExpectedFigures.of(stream);
        List<SurveyResponse> first = stream.subList(0, stream.size() / 2);
        List<SurveyResponse> second = stream.subList(stream.size() / 2, stream.size());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

        Map<String, String> jobEnv = Map.of(
                "OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers(),
                "OTKLIK_RESPONSES_TOPIC", topic,
                "OTKLIK_STREAMING_GROUP", topic,
                "OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl(),
                "OTKLIK_CHECKPOINT_INTERVAL", "PT1S",
                "OTKLIK_CHECKPOINT_DIR", dir.resolve("checkpoints").toString(),
                "OTKLIK_EMIT_INTERVAL", "PT0.2S");
        try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(JOB_JAR.toAbsolutePath(), dir, 2, jobEnv);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                     new ByteArraySerializer())) {
            send(producer, topic, first);
            String job = cluster.submit(OfficeIndicatorsJob.class.getName(), 2);
            await("rows in ClickHouse and a completed checkpoint", cluster, job, () ->
                    clickHouse.totalRawResponses() > 0
                            && cluster.get("/jobs/" + job + "/checkpoints").path("counts").path("completed").asInt() > 0);

            // the second half arrives slowly while a TaskManager that runs the job dies
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> sendSlowly(producer, topic, second));
            Thread.sleep(1_500);
            assertTrue(!rest.isDone() && clickHouse.totalRawResponses() < expected.distinctResponses(),
                    "the stream is not consumed yet: this is mid-stream");
            String victim = cluster.taskManagersRunning(job).iterator().next();
            cluster.killTaskManager(victim);
            cluster.startTaskManager("tm3");
            rest.get();

            await("every figure after the failover", cluster, job, () ->
                    clickHouse.totalAggregatedAnswers() == expected.scoredAnswers()
                            && clickHouse.totalRawResponses() == expected.distinctResponses());
            assertEquals(expected.scoresByOfficeItem(), clickHouse.aggregatedScores(), "minute aggregates");
            assertEquals(expected.scoresByOfficeItem(), clickHouse.rawScores(), "raw answers");
            assertEquals(expected.responsesByOffice(), clickHouse.aggregatedResponses(), "response counts");
            assertEquals(expected.responsesByOffice(), clickHouse.rawResponses(), "raw responses");
            await("the rolling windows and the history", cluster, job, () ->
                    expected.scoresByOfficeItem().equals(clickHouse.windowScores("office", "7d"))
                            && expected.history().equals(clickHouse.history()));

            // it really failed over: restored from a checkpoint (none existed at submission), all tasks running
            JsonNode checkpoints = cluster.get("/jobs/" + job + "/checkpoints");
            JsonNode restored = checkpoints.path("latest").path("restored");
            assertTrue(restored.path("id").asLong() > 0, "restored from a checkpoint after the kill: " + checkpoints);
            assertTrue(!restored.path("is_savepoint").asBoolean(), checkpoints.toString());
            JsonNode details = cluster.get("/jobs/" + job);
            assertEquals("RUNNING", details.path("state").asText(), details.toString());
            boolean parallel = false;
            for (JsonNode vertex : details.path("vertices")) {
                assertEquals("RUNNING", vertex.path("status").asText(), "vertex " + vertex.path("name"));
                parallel |= vertex.path("parallelism").asInt() == 2;
            }
            assertTrue(parallel, "operators run at parallelism 2: " + details);
            assertTrue(!cluster.taskManagersRunning(job).contains(victim), "nothing runs on the killed TaskManager");
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, List<SurveyResponse> responses) {
        for (SurveyResponse r : responses) {
            producer.send(new ProducerRecord<>(topic, r.officeCode(), EventJson.toBytes(r)));
        }
        producer.flush();
    }

    /** In chunks of 100 every 100 ms, so the stream is still arriving while the TaskManager dies. */
    private static void sendSlowly(KafkaProducer<String, byte[]> producer, String topic, List<SurveyResponse> responses) {
        for (int i = 0; i < responses.size(); i += 100) {
            send(producer, topic, responses.subList(i, Math.min(responses.size(), i + 100)));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void await(String what, StandaloneFlinkCluster cluster, String job, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; logs in " + dir + ": "
                        + cluster.get("/jobs/" + job));
            }
            Thread.sleep(500);
        }
    }
}
