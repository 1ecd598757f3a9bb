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
 * TaskManagers) at parallelism 2 gives the same figures as the computation done here.
 */
class FlinkClusterIT {

    private static final Path JOB_JAR = Path.of("target", "otklik-streaming-jobs.jar");

    @TempDir
    Path dir;

    @Test
    void theJobJarOnAClusterGivesTheExactFigures() throws Exception {
        assertTrue(Files.exists(JOB_JAR), "the runnable jar is built in the package phase: " + JOB_JAR.toAbsolutePath());
        TestStack stack = TestStack.shared();
        ClickHouseFigures clickHouse = new ClickHouseFigures(stack.clickHouseHttp());
        clickHouse.truncateAll();
        String topic = "cluster-" + UUID.randomUUID();
        stack.kafka().createTopics(3, topic);

        List<SurveyResponse> stream = GeneratedStream.generate(8_000, Instant.now(), 99);
        ExpectedFigures expected = ExpectedFigures.of(stream);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (SurveyResponse r : stream) {
                producer.send(new ProducerRecord<>(topic, r.officeCode(), EventJson.toBytes(r)));
            }
        }

        Map<String, String> jobEnv = Map.of(
                "OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers(),
                "OTKLIK_RESPONSES_TOPIC", topic,
                "OTKLIK_STREAMING_GROUP", topic,
                "OTKLIK_CLICKHOUSE_JDBC", stack.clickHouse().jdbcUrl(),
                "OTKLIK_CHECKPOINT_INTERVAL", "PT2S",
                "OTKLIK_CHECKPOINT_DIR", dir.resolve("checkpoints").toString(),
                "OTKLIK_EMIT_INTERVAL", "PT0.2S");
        try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(JOB_JAR.toAbsolutePath(), dir, 2, jobEnv)) {
            String job = cluster.submit(OfficeIndicatorsJob.class.getName(), 2);
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (clickHouse.totalAggregatedAnswers() != expected.scoredAnswers()
                    || clickHouse.totalRawResponses() != expected.distinctResponses()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the cluster job did not deliver all figures; logs in " + dir + ": "
                            + cluster.get("/jobs/" + job));
                }
                Thread.sleep(500);
            }
            assertEquals(expected.scoresByOfficeItem(), clickHouse.aggregatedScores(), "minute aggregates");
            assertEquals(expected.responsesByOffice(), clickHouse.aggregatedResponses(), "response counts");

            JsonNode details = cluster.get("/jobs/" + job);
            assertEquals("RUNNING", details.path("state").asText(), details.toString());
            boolean parallel = false;
            for (JsonNode vertex : details.path("vertices")) {
                parallel |= vertex.path("parallelism").asInt() == 2;
            }
            assertTrue(parallel, "operators run at parallelism 2: " + details);
            assertEquals(2, cluster.get("/taskmanagers").path("taskmanagers").size(), "two TaskManager JVMs");
        }
    }
}
