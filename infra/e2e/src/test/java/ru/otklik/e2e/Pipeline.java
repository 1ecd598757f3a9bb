package ru.otklik.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.streaming.OfficeIndicatorsJob;
import ru.otklik.streaming.StreamingConfig;

/**
 * One run of the pipeline for a test: its own topic, ingest writing to it, and the Flink job
 * reading it into the shared ClickHouse (tables emptied first). Closing stops both, the job until it
 * is terminal: a job only asked to cancel still writes checkpoints into the test's folder while
 * JUnit deletes it ("Failed to delete temp directory ... -checkpoints" on a loaded machine).
 */
final class Pipeline implements AutoCloseable {

    /** How long a cancelled job may take to reach a terminal state (a checkpoint in flight, sinks closing). */
    static final Duration JOB_STOP_WAIT = Duration.ofSeconds(90);

    private final TestStack stack;
    private final String topic;
    private final String group;
    private final Map<String, String> ingestEnv;
    private final Map<String, String> jobEnv;
    private JobClient job;
    private IngestService ingest;

    private Pipeline(TestStack stack, String topic, String group, Map<String, String> ingestEnv, IngestService ingest,
                     Map<String, String> jobEnv, JobClient job) {
        this.stack = stack;
        this.topic = topic;
        this.group = group;
        this.ingestEnv = ingestEnv;
        this.ingest = ingest;
        this.jobEnv = jobEnv;
        this.job = job;
    }

    static Pipeline start(TestStack stack, Path dir, List<KioskDevice> devices) throws Exception {
        return start(stack, dir, devices, Map.of());
    }

    /** @param ingestSettings more of ingest's settings (for example trusted proxies), over the pipeline's own */
    static Pipeline start(TestStack stack, Path dir, List<KioskDevice> devices, Map<String, String> ingestSettings)
            throws Exception {
        // every table the job writes, so no row of an earlier test's job is counted as this one's
        for (Table<?> table : Tables.ALL) {
            stack.clickHouseHttp().execute("TRUNCATE TABLE " + table.qualifiedName());
        }
        String topic = "responses-" + UUID.randomUUID().toString().substring(0, 8);
        String deadLetters = topic + ".dlq";
        stack.kafka().createTopics(3, topic, deadLetters);
        stack.kafka().createTopics(1, ru.otklik.common.response.Topics.KEPT_FOREVER, topic + ".reviews");
        stack.kafka().createTopics(1, topic + ".feedback", topic + ".reused");
        Path devicesFile = dir.resolve(topic + "-devices.json");
        Files.write(devicesFile, EventJson.toBytes(new KioskDevices(devices)));

        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", topic);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", deadLetters);
        env.put("OTKLIK_KIOSK_DEVICES", devicesFile.toString());
        // whatever ingest keeps on disk stays in the test's folder, not in the module's working directory
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve(topic + "-contacts").toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve(topic + "-enrolled.json").toString());
        env.put("OTKLIK_LINKS_REUSED_TOPIC", topic + ".reused"); // ingest writes it, the job reads it
        env.putAll(ingestSettings);
        IngestService ingest = IngestService.start(IngestConfig.load(env));
        try {
            return startJob(stack, dir, topic, env, ingest);
        } catch (Exception e) {
            ingest.close();
            throw e;
        }
    }

    private static Pipeline startJob(TestStack stack, Path dir, String topic, Map<String, String> env,
                                     IngestService ingest) throws Exception {
        Map<String, String> ingestEnv = new HashMap<>(env);
        ingestEnv.put("OTKLIK_INGEST_PORT", Integer.toString(ingest.port()));

        String group = "e2e-" + topic;
        env.put("OTKLIK_STREAMING_GROUP", group);
        env.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        env.put("OTKLIK_CHECKPOINT_INTERVAL", "PT1S");
        env.put("OTKLIK_CHECKPOINT_DIR", dir.resolve(topic + "-checkpoints").toString());
        env.put("OTKLIK_EMIT_INTERVAL", "PT0.2S");
        env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        env.put("OTKLIK_REVIEWS_TOPIC", topic + ".reviews");
        env.put("OTKLIK_NEGATIVE_FEEDBACK_TOPIC", topic + ".feedback");
        StreamingConfig streaming = StreamingConfig.load(env);
        JobClient job = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(streaming)), streaming);
        return new Pipeline(stack, topic, group, ingestEnv, ingest, env, job);
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** A JSON POST to ingest on {@code port}; its status. */
    static int post(int port, String path, byte[] body, Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The topic the job reads reviewers' decisions from (the dashboards of the test publish to it). */
    String reviewsTopic() {
        return topic + ".reviews";
    }

    /** The topic the job publishes low-scored comments to (the dashboards of the test open cases from it). */
    String feedbackTopic() {
        return topic + ".feedback";
    }

    /** Ingest's port, the same after {@link #restartIngest()}. */
    int ingestPort() {
        return Integer.parseInt(ingestEnv.get("OTKLIK_INGEST_PORT"));
    }

    String topic() {
        return topic;
    }

    /**
     * The job stops and starts again as {@code OTKLIK_REBUILD=true} would after an upgrade: the aggregate tables
     * emptied, no state, every topic read again from its beginning.
     */
    void rebuildJob() throws Exception {
        JobClient running = job;
        job = null;
        OfficeIndicatorsJob.stop(running, JOB_STOP_WAIT);
        Map<String, String> env = new HashMap<>(jobEnv);
        env.put("OTKLIK_REBUILD", "true");
        StreamingConfig streaming = OfficeIndicatorsJob.prepare(StreamingConfig.load(env)); // empties the aggregates
        for (Table<?> table : Tables.AGGREGATES) { // so that what the test reads next is the rebuilt job's alone
            String left = stack.clickHouseHttp().query("SELECT count() FROM " + table.qualifiedName()).strip();
            if (!"0".equals(left)) {
                throw new AssertionError("the rebuild left " + left + " rows in " + table.qualifiedName());
            }
        }
        job = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(streaming)), streaming);
    }

    /** Ingest goes away as in an outage: clients get connection refused. */
    void stopIngest() {
        IngestService running = ingest;
        ingest = null;
        running.close();
    }

    /** Ingest comes back on the same port with the same configuration (and so the same device secrets). */
    void restartIngest() {
        ingest = IngestService.start(IngestConfig.load(ingestEnv));
    }

    /**
     * Waits until the job has committed offsets up to the end of every partition. Flink commits
     * on a completed checkpoint, after the ClickHouse sinks flushed, so everything ingest accepted
     * so far is then in ClickHouse.
     */
    void awaitCaughtUp(Duration wait) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
                        .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get()
                        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                if (caughtUp) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the job did not catch up within " + wait + ": end " + end
                            + ", committed " + committed);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Stops ingest (if it runs) and the job until it is terminal; both are tried even if one fails. */
    @Override
    public void close() throws Exception {
        Teardown.all(
                () -> {
                    if (ingest != null) {
                        stopIngest();
                    }
                },
                () -> {
                    if (job != null) {
                        OfficeIndicatorsJob.stop(job, JOB_STOP_WAIT);
                    }
                });
    }
}
