package ru.otklik.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.streaming.OfficeIndicatorsJob;
import ru.otklik.streaming.StreamingConfig;

/**
 * Not a test: a program that measures, on this machine,
 * <ol>
 *   <li>freshness — time from ingest's 202 to the response being counted in ClickHouse
 *       ({@code response_minute}), p50/p99 at a steady load;</li>
 *   <li>throughput — responses/s the job (parallelism 2) sustains from a pre-filled topic into
 *       ClickHouse, against the ceiling of a plain-Java loop doing the same counting in memory.</li>
 * </ol>
 * Run: {@code mvn -pl infra/e2e test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=ru.otklik.e2e.bench.FreshnessBenchmark} (see README). Figures are medians of
 * rounds and ratios against baselines measured in the same run.
 */
public final class FreshnessBenchmark {

    private FreshnessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(System.getProperty("rate", "200"));
        int seconds = Integer.parseInt(System.getProperty("seconds", "20"));
        int bulk = Integer.parseInt(System.getProperty("bulk", "200000"));
        int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
        TestStack stack = TestStack.shared();
        Path dir = Files.createTempDirectory("otklik-bench");

        System.out.printf("freshness at %d responses/s for %d s%n", rate, seconds);
        try (Run run = Run.start(stack, dir, "fresh")) {
            long[] latencies = run.freshness(rate, seconds);
            System.out.printf("  202 -> counted in ClickHouse: p50 %d ms, p99 %d ms, max %d ms (n=%d)%n",
                    percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1],
                    latencies.length);
        }

        List<SurveyResponse> events = events(bulk);
        double[] flink = new double[rounds];
        double[] loop = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            loop[r] = plainJavaLoop(events);
            try (Run run = Run.start(stack, dir, "bulk" + r)) {
                flink[r] = run.drain(events);
            }
            System.out.printf("  round %d: job %.0f responses/s, in-memory loop %.0f responses/s%n", r + 1, flink[r],
                    loop[r]);
        }
        double job = median(flink);
        double ceiling = median(loop);
        System.out.printf("throughput (median of %d): job %.0f responses/s = %.4f of the in-memory ceiling (%.0f/s)%n",
                rounds, job, job / ceiling, ceiling);
        System.exit(0);
    }

    /** The same dedup and per-office, per-item, per-minute score counting as the job, in one thread. */
    static double plainJavaLoop(List<SurveyResponse> events) {
        long started = System.nanoTime();
        Set<String> seen = new HashSet<>();
        Map<String, long[]> buckets = new HashMap<>();
        for (SurveyResponse r : events) {
            if (!seen.add(r.responseId())) {
                continue;
            }
            long minute = r.clientTs().getEpochSecond() / 60;
            for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
                buckets.computeIfAbsent(r.officeCode() + "|" + minute + "|" + a.getKey(), k -> new long[11])
                        [a.getValue().score()]++;
            }
        }
        return events.size() / ((System.nanoTime() - started) / 1e9);
    }

    static List<SurveyResponse> events(int count) {
        java.util.Random random = new java.util.Random(5);
        List<ru.otklik.common.office.Office> offices = List.copyOf(
                ru.otklik.common.office.OfficeDirectory.pilot().offices());
        Instant now = Instant.now();
        List<SurveyResponse> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var office = offices.get(random.nextInt(offices.size()));
            Map<String, Answer> answers = new HashMap<>();
            for (String q : new String[] {"Q1", "Q5", "Q8", "Q9", "Q10", "Q11"}) {
                answers.put(q, Answer.score(1 + random.nextInt(10)));
            }
            Instant ts = now.minusSeconds(random.nextInt(3600));
            list.add(new SurveyResponse("bench-" + i, "jc-seeker", 1, ru.otklik.common.response.Audience.SEEKER,
                    ru.otklik.common.response.Channel.LINK, null, office.regionCode(), office.code(), null, null, ts,
                    ts.plusSeconds(1), answers, null, null, 0));
        }
        return list;
    }

    static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** Ingest + job on a fresh topic, with emptied tables. */
    private record Run(TestStack stack, String topic, IngestService ingest, JobClient job) implements AutoCloseable {

        static Run start(TestStack stack, Path dir, String name) throws Exception {
            for (String table : List.of("responses", "answers", "answer_minute", "response_minute", "late_events")) {
                stack.clickHouseHttp().execute("TRUNCATE TABLE otklik." + table);
            }
            String topic = "bench-" + name + "-" + System.nanoTime();
            stack.kafka().createTopics(3, topic, topic + ".dlq");
            Map<String, String> env = new HashMap<>();
            env.put("OTKLIK_INGEST_PORT", "0");
            env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
            env.put("OTKLIK_RESPONSES_TOPIC", topic);
            env.put("OTKLIK_DEAD_LETTER_TOPIC", topic + ".dlq");
            env.put("OTKLIK_STREAMING_GROUP", topic);
            env.put("OTKLIK_CLICKHOUSE_JDBC", stack.clickHouse().jdbcUrl());
            env.put("OTKLIK_CHECKPOINT_DIR", dir.resolve(topic).toString());
            env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
            IngestService ingest = IngestService.start(IngestConfig.load(env));
            StreamingConfig config = StreamingConfig.load(env);
            JobClient job = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                    OfficeIndicatorsJob.flinkConfiguration(config)), config);
            return new Run(stack, topic, ingest, job);
        }

        long counted() {
            return stack.clickHouseHttp().selectLong("SELECT sum(responses) FROM otklik.response_minute FINAL");
        }

        long[] freshness(int rate, int seconds) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            List<SurveyResponse> events = events(rate * seconds);
            long start = System.nanoTime();
            List<long[]> visibleAt = new ArrayList<>(); // {count, nanos}
            Thread poller = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long n = counted();
                    synchronized (visibleAt) {
                        visibleAt.add(new long[] {n, System.nanoTime()});
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            poller.start();
            for (int i = 0; i < events.size(); i++) {
                long due = start + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                byte[] body = formBody(events.get(i));
                inFlight.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port()
                        + "/api/v1/responses")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
                            if (r.statusCode() == 202) {
                                acked.add(System.nanoTime());
                            }
                        }));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (counted() < acked.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(200);
            poller.interrupt();
            poller.join();
            long[] ackTimes = acked.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] latencies = new long[ackTimes.length];
            List<long[]> samples;
            synchronized (visibleAt) {
                samples = new ArrayList<>(visibleAt);
            }
            int s = 0;
            for (int k = 0; k < ackTimes.length; k++) {
                while (s < samples.size() - 1 && samples.get(s)[0] < k + 1) {
                    s++;
                }
                latencies[k] = Math.max(0, (samples.get(s)[1] - ackTimes[k]) / 1_000_000);
            }
            Arrays.sort(latencies);
            return latencies;
        }

        double drain(List<SurveyResponse> events) throws Exception {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
            job.cancel().get(); // fill the topic first, then measure the job reading it
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (SurveyResponse r : events) {
                    producer.send(new ProducerRecord<>(topic, r.officeCode(), EventJson.toBytes(r)));
                }
                producer.flush();
            }
            Map<String, String> env = new HashMap<>();
            env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
            env.put("OTKLIK_RESPONSES_TOPIC", topic);
            env.put("OTKLIK_STREAMING_GROUP", topic + "-drain");
            env.put("OTKLIK_CLICKHOUSE_JDBC", stack.clickHouse().jdbcUrl());
            StreamingConfig config = StreamingConfig.load(env);
            long started = System.nanoTime();
            JobClient drain = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                    OfficeIndicatorsJob.flinkConfiguration(config)), config);
            try {
                while (counted() < events.size()) {
                    Thread.sleep(100);
                }
                return events.size() / ((System.nanoTime() - started) / 1e9);
            } finally {
                drain.cancel().get();
            }
        }

        /** The form as a client sends it: the receive time is the server's to set. */
        private static byte[] formBody(SurveyResponse r) {
            return EventJson.toBytes(r.withReceivedTs(null));
        }

        @Override
        public void close() throws Exception {
            ingest.close();
            try {
                job.cancel().get();
            } catch (Exception alreadyCancelled) {
                // the drain round cancels the first job itself
            }
        }
    }
}
