package ru.otklik.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.streaming.OfficeIndicatorsJob;
import ru.otklik.streaming.StreamingConfig;

/**
 * Not a test: a program that measures the streaming job on this machine against baselines measured
 * in the same run (medians of rounds), and prints one table:
 * <ol type="a">
 *   <li>drain rate of a pre-filled topic with every output;</li>
 *   <li>the same job writing only the raw {@code responses}/{@code answers} rows — the sink ceiling;</li>
 *   <li>a plain-Java loop doing the same decoding, checking and aggregation in one thread — the
 *       computational ceiling;</li>
 *   <li>the peer a user could pick instead of Flink: ClickHouse's own {@code Kafka} table engine with a
 *       materialized view computing per-office minute counts from the same topic (drain rate and
 *       freshness);</li>
 *   <li>freshness from ingest's 202 to the value in {@code indicator_window}, at a steady rate;</li>
 *   <li>state size and checkpoint time after the bulk, heap and RocksDB.</li>
 * </ol>
 * Settings (system properties): {@code bulk} (responses, 1,000,000), {@code rounds} (3),
 * {@code rate} (freshness, responses/s, 1000), {@code seconds} (freshness run, 30).
 */
public final class StreamingBenchmark {

    private static final String[] ITEMS = {"Q1", "Q5", "Q8", "Q9", "Q10", "Q11"};
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final Duration PEER_STALL = Duration.ofSeconds(20);
    /**
     * How often (e) looks (-DpollMillis): each look is one query with two FINAL reads, and on two cores
     * the instrument's own cost is part of what it measures.
     */
    private static final int POLL_MILLIS = Integer.getInteger("pollMillis", 50);
    /** Which measurements to run ({@code -Dparts=ae}); all by default. */
    private static String PARTS = "abcdef";

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();
    private final Path dir = Files.createTempDirectory("otklik-streaming-bench");

    private StreamingBenchmark() throws Exception {
    }

    public static void main(String[] args) throws Exception {
        int bulk = Integer.getInteger("bulk", 1_000_000);
        int rounds = Integer.getInteger("rounds", 3);
        int rate = Integer.getInteger("rate", 1000);
        int seconds = Integer.getInteger("seconds", 30);
        PARTS = System.getProperty("parts", "abcdef");
        int code = 0;
        StreamingBenchmark bench = new StreamingBenchmark();
        try {
            bench.run(bulk, rounds, rate, seconds);
        } catch (Throwable e) {
            e.printStackTrace();
            code = 1;
        } finally {
            bench.deleteDir();
        }
        System.exit(code); // the shared stack's hook stops ClickHouse and Kafka
    }

    private void run(int bulk, int rounds, int rate, int seconds) throws Exception {
        System.out.printf("streaming benchmark, %s, %d cores, load average %.1f%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        List<byte[]> records = records(bulk, Instant.now(), 5);
        String topic = "bench-bulk-" + System.nanoTime();
        stack.kafka().createTopics(3, topic);
        long t0 = System.nanoTime();
        produce(topic, records);
        System.out.printf("topic %s: %,d responses of %d answers, median %d bytes, produced in %.1f s%n", topic, bulk,
                ITEMS.length, medianSize(records), (System.nanoTime() - t0) / 1e9);

        double[] loop = new double[rounds];
        double[] all = new double[rounds];
        double[] raw = new double[rounds];
        double[] peer = new double[rounds];
        Arrays.fill(all, Double.NaN); // a part not run is NaN, not 0
        Arrays.fill(raw, Double.NaN);
        Arrays.fill(peer, Double.NaN);
        CheckpointFigures heap = null;
        if (PARTS.contains("c")) {
            PlainLoop.run(records.subList(0, Math.min(records.size(), 200_000))); // JIT warm-up, not measured
        }
        for (int r = 0; r < rounds; r++) {
            loop[r] = PARTS.contains("c") ? PlainLoop.run(records) : Double.NaN;
            if (PARTS.contains("a")) {
                Drain a = drain(topic, bulk, StreamingConfig.Outputs.ALL, StreamingConfig.StateBackend.HASHMAP, r == 0);
                all[r] = a.rate();
                if (a.checkpoint() != null) {
                    heap = a.checkpoint();
                }
            }
            raw[r] = PARTS.contains("b")
                    ? drain(topic, bulk, StreamingConfig.Outputs.RAW, StreamingConfig.StateBackend.HASHMAP, false).rate()
                    : Double.NaN;
            // the engine takes minutes per drain: one run of it, not one per round
            peer[r] = PARTS.contains("d") && r == 0 ? peerDrain(topic, bulk) : Double.NaN;
            System.out.printf("  round %d: (a) job %,.0f/s  (b) raw only %,.0f/s  (c) plain loop %,.0f/s  "
                    + "(d) ClickHouse Kafka engine %,.0f/s%n", r + 1, all[r], raw[r], loop[r], peer[r]);
        }
        Drain rocks = PARTS.contains("f")
                ? drain(topic, bulk, StreamingConfig.Outputs.ALL, StreamingConfig.StateBackend.ROCKSDB, true)
                : new Drain(Double.NaN, null);
        System.out.printf("  RocksDB: (a) job %,.0f/s%n", rocks.rate());

        long[] fresh = PARTS.contains("e") ? freshness(rate, seconds) : new long[0];
        long[] freshFederal = lastStages.size() > 3 ? lastStages.get(3) : new long[0];
        long[] peerFresh = PARTS.contains("d") ? peerFreshness(rate, seconds) : new long[0];

        double a = median(all);
        double b = median(raw);
        double c = median(loop);
        double d = median(peer);
        System.out.println();
        System.out.printf("| measure | value |%n|---|---|%n");
        System.out.printf("| (a) drain, all outputs, p=2, heap (median of %d) | %,.0f responses/s |%n", rounds, a);
        System.out.printf("| (b) drain, raw rows only (sink ceiling) | %,.0f responses/s |%n", b);
        System.out.printf("| (c) plain-Java loop, same work, 1 thread (computational ceiling) | %,.0f responses/s |%n", c);
        System.out.printf("| (d) ClickHouse Kafka engine + MV, minute counts only (one run) | %,.0f responses/s |%n", d);
        System.out.printf("| (a)/(b) | %.2f |%n| (a)/(c) | %.3f |%n| (a)/(d) | %.2f |%n", a / b, a / c, a / d);
        System.out.printf("| (a) with RocksDB | %,.0f responses/s |%n", rocks.rate());
        System.out.printf("| (e) freshness at %d/s, 202 → office row in indicator_window | p50 %d ms, p99 %d ms (n=%d) |%n",
                rate, pct(fresh, 50), pct(fresh, 99), fresh.length);
        System.out.printf("| (e) the same to the federal row | p50 %d ms, p99 %d ms |%n", pct(freshFederal, 50),
                pct(freshFederal, 99));
        System.out.printf("| (d) freshness at %d/s, Kafka → ClickHouse Kafka engine table | p50 %d ms, p99 %d ms |%n",
                rate, pct(peerFresh, 50), pct(peerFresh, 99));
        if (!lastStages.isEmpty()) {
            System.out.println();
            System.out.printf("(e) by stage, from ingest's 202 (polled every %d ms; a poll counts from when it began):%n",
                    POLL_MILLIS);
            for (int i = 0; i < lastStages.size(); i++) {
                long[] l = lastStages.get(i);
                System.out.printf("  %-34s p50 %,6d ms  p90 %,6d ms  p99 %,6d ms  max %,6d ms%n", STAGES[i], pct(l, 50),
                        pct(l, 90), pct(l, 99), pct(l, 100));
            }
            lastCpu.print();
            System.out.println(lastClickHouseWork);
        }
        Map<String, CheckpointFigures> checkpoints = new java.util.LinkedHashMap<>();
        checkpoints.put("heap", heap);
        checkpoints.put("RocksDB (incremental)", rocks.checkpoint());
        for (var e : checkpoints.entrySet()) {
            CheckpointFigures f = e.getValue();
            if (f != null) {
                System.out.printf("| (f) %s after %,d responses: checkpoint %s, %s full state, %d ms |%n", e.getKey(),
                        bulk, mib(f.checkpointedBytes()), mib(f.stateBytes()), f.durationMillis());
            }
        }
    }

    // ---------------------------------------------------------------- (a) (b) (f): the job draining the topic

    private record CheckpointFigures(long stateBytes, long checkpointedBytes, long durationMillis) {
    }

    private record Drain(double rate, CheckpointFigures checkpoint) {
    }

    private Drain drain(String topic, int bulk, StreamingConfig.Outputs outputs, StreamingConfig.StateBackend backend,
                        boolean checkpoint) throws Exception {
        truncateAll();
        int restPort = freePort();
        Map<String, String> env = jobSettingsFromEnvironment();
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", topic);
        env.put("OTKLIK_STREAMING_GROUP", topic + "-" + System.nanoTime());
        env.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        env.put("OTKLIK_OUTPUTS", outputs.name().toLowerCase());
        env.put("OTKLIK_STATE_BACKEND", backend.name().toLowerCase());
        env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        env.put("OTKLIK_CHECKPOINT_DIR", dir.resolve("chk-" + System.nanoTime()).toString());
        StreamingConfig config = StreamingConfig.load(env);
        Configuration flink = OfficeIndicatorsJob.flinkConfiguration(config);
        flink.set(RestOptions.PORT, restPort);
        long started = System.nanoTime(); // job start included: about 3 s of a 1M-response drain
        JobClient job = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(flink), config);
        try {
            LongSupplier done = outputs == StreamingConfig.Outputs.ALL
                    ? () -> ch.selectLong("SELECT toInt64(sum(responses)) FROM otklik.response_window FINAL"
                    + " WHERE scope_level = 'federal' AND audience = 'all' AND window = 'quarter'")
                    : () -> ch.selectLong("SELECT toInt64(count()) FROM otklik.responses");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (done.getAsLong() < bulk) {
                require(System.nanoTime() < deadline, "not drained within " + WAIT);
                Thread.sleep(100);
            }
            double rate = bulk / ((System.nanoTime() - started) / 1e9);
            CheckpointFigures figures = checkpoint ? checkpointAfter(restPort, job, System.currentTimeMillis()) : null;
            return new Drain(rate, figures);
        } finally {
            OfficeIndicatorsJob.stop(job, Duration.ofMinutes(2));
        }
    }

    /**
     * The job's (and, in the freshness run, ingest's) own settings given to the benchmark
     * ({@code OTKLIK_EMIT_INTERVAL=PT5S infra/benchmark.sh}), so a setting's effect is measured the same way in
     * every part; the benchmark's fixed ones (topics, ClickHouse, ports, outputs, state backend, checkpoint
     * dir) are set over them.
     */
    private static Map<String, String> jobSettingsFromEnvironment() {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("OTKLIK_")) {
                env.put(k, v);
            }
        });
        return env;
    }

    /** The first checkpoint completed after {@code afterMillis}, from Flink's REST API. */
    private static CheckpointFigures checkpointAfter(int restPort, JobClient job, long afterMillis) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/jobs/"
                    + job.getJobID() + "/checkpoints")).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode completed = EventJson.mapper().readTree(body).path("latest").path("completed");
            if (!completed.isMissingNode() && completed.path("trigger_timestamp").asLong() > afterMillis) {
                return new CheckpointFigures(completed.path("state_size").asLong(),
                        completed.path("checkpointed_size").asLong(), completed.path("end_to_end_duration").asLong());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no checkpoint completed after the drain");
    }

    // ---------------------------------------------------------------- (d): ClickHouse's Kafka engine

    private double peerDrain(String topic, int bulk) throws Exception {
        String group = "peer-" + System.nanoTime();
        long started = System.nanoTime(); // from creating the engine's tables, as the job's from its start
        createPeer(topic, group);
        try {
            long expected = (long) bulk * ITEMS.length;
            long deadline = System.nanoTime() + WAIT.toNanos();
            LongSupplier answered = () -> ch.selectLong("SELECT toInt64(sum(answered)) FROM otklik.bench_peer_minute");
            // 18.16's engine can leave the last message or so of a topic unread until more arrive: the drain
            // ends when everything is in or the count has not moved for PEER_STALL; the rate counts what it read
            long last = 0;
            long lastChange = System.nanoTime();
            while (true) {
                long now = answered.getAsLong();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                }
                if (now >= expected || (now > 0 && System.nanoTime() - lastChange > PEER_STALL.toNanos())) {
                    break;
                }
                require(System.nanoTime() < deadline, "the Kafka engine did not drain within " + WAIT);
                Thread.sleep(100);
            }
            if (last < expected) {
                System.out.printf("  (d) the Kafka engine stopped at %,d of %,d answers (nothing more for %d s)%n",
                        last, expected, PEER_STALL.toSeconds());
            }
            return (double) last / ITEMS.length / ((lastChange - started) / 1e9);
        } finally {
            dropPeer();
        }
    }

    private void createPeer(String topic, String group) {
        dropPeer();
        ch.execute("CREATE TABLE otklik.bench_kafka (raw String) ENGINE = Kafka('" + stack.kafka().bootstrapServers()
                + "', '" + topic + "', '" + group + "', 'TabSeparated', '\\n')");
        StringBuilder counts = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (int s = 0; s <= 10; s++) {
            counts.append(", toUInt64(q.2 = ").append(s).append(") AS c").append(s);
            columns.append(", c").append(s).append(" UInt64");
        }
        ch.execute("CREATE TABLE otklik.bench_peer_minute (office_code String, question_id String,"
                + " bucket_start DateTime, answered UInt64" + columns + ") ENGINE = SummingMergeTree"
                + " ORDER BY (office_code, question_id, bucket_start)");
        // one flat SELECT: on 18.16 a view over a Kafka table fails with a subquery ("There is no query")
        String answers = "visitParamExtractRaw(raw, 'answers')";
        ch.execute("CREATE MATERIALIZED VIEW otklik.bench_peer_mv TO otklik.bench_peer_minute AS"
                + " SELECT visitParamExtractString(raw, 'officeCode') AS office_code, q.1 AS question_id,"
                + " toStartOfMinute(parseDateTimeBestEffort(visitParamExtractString(raw, 'clientTs'))) AS bucket_start,"
                + " toUInt64(1) AS answered" + counts + " FROM otklik.bench_kafka"
                + " ARRAY JOIN arrayMap((k, v) -> (k, toUInt8(v)), extractAll(" + answers + ", '\"([A-Za-z0-9]+)\":'),"
                + " extractAll(" + answers + ", ':([0-9]+)')) AS q");
    }

    private void dropPeer() {
        ch.execute("DROP TABLE IF EXISTS otklik.bench_peer_mv");
        ch.execute("DROP TABLE IF EXISTS otklik.bench_kafka");
        ch.execute("DROP TABLE IF EXISTS otklik.bench_peer_minute");
    }

    private long[] peerFreshness(int rate, int seconds) throws Exception {
        String topic = "bench-peer-fresh-" + System.nanoTime();
        stack.kafka().createTopics(3, topic);
        createPeer(topic, topic);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            return steady(rate, seconds, (body, acked) -> producer.send(new ProducerRecord<>(topic, "k", body),
                    (m, e) -> {
                        if (e == null) {
                            acked.add(System.nanoTime());
                        }
                    }), () -> new long[] {ch.selectLong("SELECT toInt64(sum(answered)) FROM otklik.bench_peer_minute")
                    / ITEMS.length}, 0, null).get(0);
        } finally {
            dropPeer();
        }
    }

    // ---------------------------------------------------------------- (e): ingest's 202 to indicator_window

    /**
     * The stages of (e), each one poll column: the raw row (the job read the record and its sink wrote
     * it: everything but the emission tick), the office row, the federal row. One query reads all
     * three, so they share one snapshot time.
     */
    static final String[] STAGES = {"Kafka → the job's consumer", "raw row in responses", "office row of indicator_window",
            "federal row of indicator_window"};
    private static final String STAGE_SQL = "SELECT"
            + " (SELECT toInt64(count()) FROM otklik.responses WHERE survey_id = 'jc-seeker'),"
            + " (SELECT toInt64(sum(n)) FROM otklik.indicator_window FINAL WHERE scope_level = 'office'"
            + " AND audience = 'all' AND window = '1h' AND survey_id = 'jc-seeker' AND question_id = 'Q1'),"
            + " (SELECT toInt64(sum(n)) FROM otklik.indicator_window FINAL WHERE scope_level = 'federal'"
            + " AND audience = 'all' AND window = '1h' AND survey_id = 'jc-seeker' AND question_id = 'Q1')";

    /** Latencies per stage of {@link #STAGES}, sorted; filled by {@link #freshness}. */
    private List<long[]> lastStages = List.of();
    private CpuShares lastCpu;
    private String lastClickHouseWork = "";

    /** ClickHouse's own counters (system.events): what the server did, to compare with its CPU. */
    private Map<String, Long> clickHouseEvents() {
        Map<String, Long> out = new HashMap<>();
        for (String line : ch.query("SELECT event, value FROM system.events FORMAT TSV").split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2) {
                out.put(f[0], Long.parseLong(f[1].trim()));
            }
        }
        return out;
    }

    private long[] freshness(int rate, int seconds) throws Exception {
        truncateAll();
        String topic = "bench-fresh-" + System.nanoTime();
        stack.kafka().createTopics(3, topic, topic + ".dlq");
        Map<String, String> env = jobSettingsFromEnvironment();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", topic);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", topic + ".dlq");
        env.put("OTKLIK_STREAMING_GROUP", topic);
        env.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        env.put("OTKLIK_CHECKPOINT_DIR", dir.resolve(topic).toString());
        env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve(topic + "-enrolled.json").toString());
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve(topic + "-contacts").toString());
        env.put("OTKLIK_RATE_LIMIT_IP_PER_SECOND", "1000000");
        env.put("OTKLIK_RATE_LIMIT_IP_BURST", "1000000");
        StreamingConfig config = StreamingConfig.load(env);
        try (IngestService ingest = IngestService.start(IngestConfig.load(env));
             TopicCounter kafka = new TopicCounter(stack.kafka().bootstrapServers(), topic)) {
            JobClient job = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                    OfficeIndicatorsJob.flinkConfiguration(config)), config);
            try {
                // what a fleet of clients does: a bounded number of kept-alive HTTP/1.1 connections, one request at
                // a time each. Plain sockets, not the JDK's HttpClient: that one cost a quarter of a core at
                // 1,000/s, taken from the two cores the system under test has.
                KeptAliveClients clients = new KeptAliveClients("127.0.0.1", ingest.port(), "/api/v1/responses", 32);
                Sender sender = clients::send;
                Probe probe = () -> {
                    String[] cols = ch.query(STAGE_SQL + " FORMAT TSV").trim().split("\t");
                    return new long[] {Long.parseLong(cols[0]), Long.parseLong(cols[1]), Long.parseLong(cols[2])};
                };
                // a warm-up, not measured: the job's tasks deployed and reading, ingest's and the job's JIT warm
                steady(rate, 5, sender, probe, 1, kafka);
                clients.refusals.clear();
                CpuShares.Meter cpu = CpuShares.start();
                Map<String, Long> eventsBefore = clickHouseEvents();
                List<long[]> stages = steady(rate, seconds, sender, probe, 1, kafka);
                lastCpu = cpu.stop();
                Map<String, Long> eventsAfter = clickHouseEvents();
                StringBuilder work = new StringBuilder("  ClickHouse during (e):");
                for (String e : List.of("InsertQuery", "InsertedRows", "SelectQuery", "SelectedRows", "Merge", "MergedRows",
                        "MergedUncompressedBytes", "DelayedInserts")) {
                    work.append(String.format(" %s %,d", e, eventsAfter.getOrDefault(e, 0L) - eventsBefore.getOrDefault(e, 0L)));
                }
                lastClickHouseWork = work.toString();
                clients.close();
                lastStages = stages;
                int refused = clients.refusals.values().stream().mapToInt(Integer::intValue).sum();
                if (refused > 0) { // then the visible count runs ahead of the acknowledged: the figures lie
                    System.out.printf("  WARNING: %d of %d responses were not answered 202; freshness figures are"
                            + " not valid: %s%n", refused, refused + stages.get(0).length, clients.refusals);
                }
                return stages.get(2);
            } finally {
                OfficeIndicatorsJob.stop(job, Duration.ofMinutes(1));
            }
        }
    }

    @FunctionalInterface
    private interface Sender {
        void send(byte[] body, ConcurrentLinkedQueue<Long> acked) throws Exception;
    }

    /**
     * A fixed number of kept-alive HTTP/1.1 connections, each sending one request at a time from a
     * shared queue and reading the status line, headers and body of the answer; a connection the
     * server closes is opened again. What a fleet of kiosks and browsers looks like to ingest, at a
     * small fraction of the JDK client's CPU.
     */
    private static final class KeptAliveClients implements AutoCloseable {
        final Map<String, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.BlockingQueue<Object[]> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private final String host;
        private final int port;
        private final byte[] head;

        KeptAliveClients(String host, int port, String path, int connections) {
            this.host = host;
            this.port = port;
            this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < connections; i++) {
                Thread t = new Thread(this::run, "bench-client-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        void send(byte[] body, ConcurrentLinkedQueue<Long> acked) {
            queue.add(new Object[] {body, acked});
        }

        @SuppressWarnings("unchecked")
        private void run() {
            java.net.Socket socket = null;
            java.io.BufferedInputStream in = null;
            java.io.OutputStream out = null;
            while (!Thread.currentThread().isInterrupted()) {
                Object[] job;
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    break;
                }
                byte[] body = (byte[]) job[0];
                String outcome;
                try {
                    if (socket == null) {
                        socket = new java.net.Socket(host, port);
                        socket.setTcpNoDelay(true);
                        in = new java.io.BufferedInputStream(socket.getInputStream());
                        out = new java.io.BufferedOutputStream(socket.getOutputStream());
                    }
                    out.write(head);
                    out.write((body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    String status = line(in);
                    int length = 0;
                    boolean close = false;
                    for (String h = line(in); !h.isEmpty(); h = line(in)) {
                        String lower = h.toLowerCase(java.util.Locale.ROOT);
                        if (lower.startsWith("content-length:")) {
                            length = Integer.parseInt(lower.substring(15).trim());
                        } else if (lower.startsWith("connection:") && lower.contains("close")) {
                            close = true;
                        }
                    }
                    in.readNBytes(length);
                    if (close) {
                        socket.close();
                        socket = null;
                    }
                    if (status.startsWith("HTTP/1.1 202")) {
                        ((ConcurrentLinkedQueue<Long>) job[1]).add(System.nanoTime());
                        continue;
                    }
                    outcome = status;
                } catch (java.io.IOException e) {
                    outcome = e.getClass().getSimpleName();
                    try {
                        if (socket != null) {
                            socket.close();
                        }
                    } catch (java.io.IOException ignored) {
                        // it is being replaced
                    }
                    socket = null;
                }
                refusals.merge(outcome, 1, Integer::sum);
            }
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (java.io.IOException ignored) {
                // the run is over
            }
        }

        private static String line(java.io.InputStream in) throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("connection closed mid-answer");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws InterruptedException {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(5_000);
            }
        }
    }

    /** One poll: the count visible at each stage, all read at one moment. */
    @FunctionalInterface
    private interface Probe {
        long[] counts();
    }

    /** A poll's counts and when the poll began (what a query sees was there when it started). */
    private record Sample(long startNanos, long[] counts) {
    }

    /**
     * Counts the records of a topic as a consumer of it receives them: the first stage of (e), what
     * the job's own Kafka source could see at best.
     */
    private static final class TopicCounter implements AutoCloseable {
        private final List<Sample> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        TopicCounter(String bootstrap, String topic) {
            Properties p = new Properties();
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
            thread = new Thread(() -> {
                try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                    List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
                    for (var info : consumer.partitionsFor(topic)) {
                        parts.add(new org.apache.kafka.common.TopicPartition(topic, info.partition()));
                    }
                    consumer.assign(parts);
                    consumer.seekToBeginning(parts);
                    long seen = 0;
                    while (running) {
                        int n = consumer.poll(Duration.ofMillis(20)).count();
                        if (n > 0) {
                            seen += n;
                            synchronized (samples) {
                                samples.add(new Sample(System.nanoTime(), new long[] {seen}));
                            }
                        }
                    }
                }
            }, "freshness-topic-counter");
            thread.start();
        }

        long count() {
            synchronized (samples) {
                return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).counts()[0];
            }
        }

        List<Sample> since(long base) {
            List<Sample> out = new ArrayList<>();
            synchronized (samples) {
                for (Sample s : samples) {
                    out.add(new Sample(s.startNanos(), new long[] {s.counts()[0] - base}));
                }
            }
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    /**
     * Sends fresh responses at {@code rate} for {@code seconds} while polling how many are visible at
     * each stage; the latency of the k-th acknowledged response at a stage is the first poll that sees
     * at least k there. The run ends once column {@code until} has seen (almost) all. Returns one sorted
     * array per stage: the topic's (if {@code kafka} is given) first, then the probe's columns.
     */
    private List<long[]> steady(int rate, int seconds, Sender sender, Probe probe, int until, TopicCounter kafka)
            throws Exception {
        ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
        List<Sample> samples = new ArrayList<>();
        long[] base = probe.counts(); // what a warm-up left visible
        long kafkaBase = kafka == null ? 0 : kafka.count();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long began = System.nanoTime();
                long[] n;
                try {
                    n = probe.counts();
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return; // stopped mid-query: the run is over
                    }
                    throw e;
                }
                for (int i = 0; i < n.length; i++) {
                    n[i] -= base[i];
                }
                synchronized (samples) {
                    samples.add(new Sample(began, n));
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "freshness-poller");
        poller.start();
        int total = rate * seconds;
        Random random = new Random(9);
        List<Office> offices = new ArrayList<>(OfficeDirectory.pilot().offices());
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            // park, never spin: a spinning sender takes one of the machine's two cores from what it measures
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            Instant now = Instant.now();
            sender.send(EventJson.toBytes(response("fresh-" + start + "-" + i,
                    offices.get(random.nextInt(offices.size())), now, null, random)), acked);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            long last;
            synchronized (samples) {
                last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).counts()[until];
            }
            if (last >= acked.size() && acked.size() >= total * 0.99) {
                break;
            }
            Thread.sleep(50);
        }
        poller.interrupt();
        poller.join();
        List<Long> acks = new ArrayList<>(acked);
        List<long[]> out = new ArrayList<>();
        if (kafka != null) {
            out.add(latencies(acks, kafka.since(kafkaBase), 0));
        }
        synchronized (samples) {
            for (int column = 0; column < base.length; column++) {
                out.add(latencies(acks, samples, column));
            }
        }
        return out;
    }

    private static long[] latencies(List<Long> acks, List<Sample> samples, int column) {
        long[] ackTimes = acks.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] out = new long[ackTimes.length];
        int s = 0;
        for (int k = 0; k < ackTimes.length; k++) {
            while (s < samples.size() - 1 && samples.get(s).counts()[column] < k + 1) {
                s++;
            }
            out[k] = samples.isEmpty() ? -1 : Math.max(0, (samples.get(s).startNanos() - ackTimes[k]) / 1_000_000);
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Where the machine's CPU went during a run: the whole machine, this JVM (Kafka, the job, ingest
     * and the benchmark's clients all run in it) by thread group, and everything else (ClickHouse).
     */
    record CpuShares(double seconds, double machineBusy, double jvm, Map<String, Double> groups) {

        /** Thread names without their numbers: "qtp123-45" and "qtp123-46" are one group. */
        static String group(String thread) {
            String name = thread.replaceAll("\\(\\d+/\\d+\\)#\\d+$", "").replaceAll("\\d+", "#");
            return name.length() > 60 ? name.substring(0, 60) : name;
        }

        static Meter start() {
            return new Meter();
        }

        static final class Meter {
            private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            private final Map<Long, Long> before = new HashMap<>();
            private final long startNanos = System.nanoTime();
            private final long[] machineBefore = machineJiffies();
            private final long jvmBefore = jvmCpuNanos();

            Meter() {
                for (long id : threads.getAllThreadIds()) {
                    before.put(id, Math.max(0, threads.getThreadCpuTime(id)));
                }
            }

            CpuShares stop() {
                double wall = (System.nanoTime() - startNanos) / 1e9;
                long[] machine = machineJiffies();
                double idle = machine[0] - machineBefore[0];
                double total = machine[1] - machineBefore[1];
                Map<String, Double> groups = new HashMap<>();
                for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (info == null) {
                        continue;
                    }
                    long cpu = threads.getThreadCpuTime(info.getThreadId());
                    if (cpu < 0) {
                        continue;
                    }
                    double used = (cpu - before.getOrDefault(info.getThreadId(), 0L)) / 1e9 / wall;
                    groups.merge(group(info.getThreadName()), used, Double::sum);
                }
                int cores = Runtime.getRuntime().availableProcessors();
                return new CpuShares(wall, total <= 0 ? Double.NaN : (total - idle) / total * cores,
                        (jvmCpuNanos() - jvmBefore) / 1e9 / wall, groups);
            }
        }

        /** {idle+iowait, total} jiffies of the whole machine, from /proc/stat. */
        static long[] machineJiffies() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), total};
            } catch (Exception e) {
                return new long[] {0, 0};
            }
        }

        static long jvmCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        void print() {
            System.out.printf("  CPU during (e), in cores of %d: machine %.2f, this JVM %.2f (Kafka, job, ingest, clients),"
                    + " the rest %.2f (ClickHouse)%n", Runtime.getRuntime().availableProcessors(), machineBusy, jvm,
                    machineBusy - jvm);
            groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.printf("    %5.2f  %s%n", e.getValue(), e.getKey()));
        }
    }

    // ---------------------------------------------------------------- data and helpers

    static List<byte[]> records(int count, Instant end, long seed) {
        Random random = new Random(seed);
        List<Office> offices = new ArrayList<>(OfficeDirectory.pilot().offices());
        List<byte[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant ts = end.minusSeconds(random.nextInt(3600));
            list.add(EventJson.toBytes(response("bench-" + seed + "-" + i, offices.get(random.nextInt(offices.size())),
                    ts, ts.plusSeconds(1), random)));
        }
        return list;
    }

    /** A seeker form bound to an office with six scored items; {@code receivedTs} null is what a client sends. */
    private static SurveyResponse response(String id, Office office, Instant ts, Instant received, Random random) {
        Map<String, Answer> answers = new HashMap<>();
        for (String q : ITEMS) {
            answers.put(q, Answer.score(1 + random.nextInt(10)));
        }
        return new SurveyResponse(id, "jc-seeker", 1, Audience.SEEKER, Channel.LINK, null, office.regionCode(),
                office.code(), null, null, ts, received, answers, null, null, 0);
    }

    private void produce(String topic, List<byte[]> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (byte[] r : records) {
                producer.send(new ProducerRecord<>(topic, officeOf(r), r));
            }
            producer.flush();
        }
    }

    /** The Kafka key (the office), as ingest sets it, read off the record without parsing all of it. */
    private static String officeOf(byte[] json) {
        String s = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        int at = s.indexOf("\"officeCode\":\"") + 14;
        return s.substring(at, s.indexOf('"', at));
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Empties every table once no INSERT of a stopped job is still running. */
    private void truncateAll() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ch.selectLong("SELECT toInt64(count()) FROM system.processes WHERE query LIKE 'INSERT%'") > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (Table<?> t : Tables.ALL) {
            ch.execute("TRUNCATE TABLE " + t.qualifiedName());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int medianSize(List<byte[]> records) {
        int[] sizes = records.stream().limit(10_000).mapToInt(b -> b.length).sorted().toArray();
        return sizes[sizes.length / 2];
    }

    static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** The median of the values measured (NaN for a part not run in a round). */
    static double median(double[] values) {
        double[] copy = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return copy.length == 0 ? Double.NaN : copy[copy.length / 2];
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private void deleteDir() {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a benchmark's temp folder; the next run makes its own
        }
    }
}
