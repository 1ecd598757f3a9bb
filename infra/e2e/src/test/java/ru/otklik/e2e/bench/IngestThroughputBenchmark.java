package ru.otklik.e2e.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ProducerPerformance;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;

/**
 * Not a test: a program that measures what ingest sustains on this machine against two ceilings
 * measured in the same run, each for a fixed time after a warm-up, repeated, median reported:
 * <ol>
 *   <li>kiosk taps/s — signed batches of 100 taps from 8 concurrent clients (one kiosk each);</li>
 *   <li>web responses/s — single forms via {@code POST /api/v1/responses} from 32 concurrent clients;</li>
 *   <li>the HTTP ceiling — a trivial Javalin endpoint in the same JVM (reads the body, answers 202,
 *       no validation, no Kafka) hit by the same 32 clients with the same bodies;</li>
 *   <li>the Kafka ceiling — Kafka's own {@code ProducerPerformance} against the same broker with
 *       {@code acks=all}, {@code enable.idempotence=true} and records the median size of a response
 *       as ingest serialised it.</li>
 * </ol>
 * Run: {@code infra/benchmark.sh ingest}. Settings: {@code -Dseconds=10 -Dwarmup=3 -Drepetitions=3}.
 */
public final class IngestThroughputBenchmark {

    private static final int KIOSK_CLIENTS = 8;
    private static final int TAPS_PER_BATCH = 100;
    private static final int WEB_CLIENTS = 32;
    private static final String[] REASONS = {"waiting_time", "staff_attitude", "competence", "result", "premises",
        "information", "other"};

    private final int seconds = Integer.getInteger("seconds", 10);
    private final int warmup = Integer.getInteger("warmup", 3);
    private final int repetitions = Integer.getInteger("repetitions", 3);
    /** One untimed pass over ingest first, so the first path is not the one that pays for the JIT. */
    private final int jitWarmup = Integer.getInteger("jitWarmup", 5);

    private IngestThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new IngestThroughputBenchmark().run();
        System.exit(0); // Kafka and Jetty leave non-daemon threads behind
    }

    private void run() throws Exception {
        System.out.printf("ingest throughput: %d s per repetition after %d s warm-up, %d repetitions, median; "
                + "%d cores, load average %.1f%n", seconds, warmup, repetitions,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("starting the test stack (real Kafka) ...");
        TestStack stack = TestStack.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "bench-ingest-" + run;
        stack.kafka().createTopics(3, topic, topic + ".dlq");
        Path dir = Files.createTempDirectory("otklik-ingest-bench");

        List<KioskDevice> kiosks = new ArrayList<>();
        for (int i = 0; i < KIOSK_CLIENTS; i++) {
            kiosks.add(new KioskDevice("kiosk-bench-" + i, "BRY-01", "hall-" + i, KioskSignature.newSecret(), false));
        }
        Path devices = dir.resolve("devices.json");
        Files.write(devices, EventJson.toBytes(new KioskDevices(kiosks)));

        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", topic);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", topic + ".dlq");
        env.put("OTKLIK_KIOSK_DEVICES", devices.toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve("kiosk-enrolled.json").toString());
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve("contacts").toString());
        // measure ingest, not its abuse limits
        env.put("OTKLIK_RATE_LIMIT_IP_PER_SECOND", "10000000");
        env.put("OTKLIK_RATE_LIMIT_IP_BURST", "10000000");
        env.put("OTKLIK_RATE_LIMIT_DEVICE_PER_SECOND", "10000000");
        env.put("OTKLIK_RATE_LIMIT_DEVICE_BURST", "10000000");

        double kioskRate;
        double webRate;
        double trivialRate;
        int recordSize;
        try (IngestService ingest = IngestService.start(IngestConfig.load(env))) {
            URI batches = URI.create("http://127.0.0.1:" + ingest.port() + "/api/v1/kiosk/batches");
            URI responses = URI.create("http://127.0.0.1:" + ingest.port() + "/api/v1/responses");

            System.out.printf("JIT warm-up: %d s of kiosk and web load, not measured%n", jitWarmup);
            load(KIOSK_CLIENTS, client -> kioskRequest(batches, kiosks.get(client)), jitWarmup);
            load(WEB_CLIENTS, client -> webRequest(responses), jitWarmup);

            System.out.printf("(a) kiosk: signed batches of %d taps, %d clients%n", TAPS_PER_BATCH, KIOSK_CLIENTS);
            kioskRate = measure("kiosk taps", KIOSK_CLIENTS, client -> kioskRequest(batches, kiosks.get(client)));

            System.out.printf("(b) web: single responses, %d clients%n", WEB_CLIENTS);
            webRate = measure("web responses", WEB_CLIENTS, client -> webRequest(responses));
            recordSize = medianRecordSize(stack.kafka().bootstrapServers(), topic);
            System.out.printf("    median serialised response in Kafka: %d bytes%n", recordSize);
        }

        Javalin trivial = Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.startup.showJavalinBanner = false;
            c.routes.post("/trivial", ctx -> {
                ctx.bodyAsBytes(); // read what a client sends, as ingest must
                ctx.status(202).contentType("application/json").result("{\"status\":\"accepted\"}");
            });
        }).start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + trivial.port() + "/trivial");
            System.out.printf("(c) trivial Javalin endpoint (202, no Kafka), %d clients%n", WEB_CLIENTS);
            trivialRate = measure("trivial 202", WEB_CLIENTS, client -> webRequest(uri));
        } finally {
            trivial.stop();
        }

        System.out.printf("(d) Kafka ProducerPerformance, acks=all, idempotent, %d-byte records%n", recordSize);
        String perfTopic = "bench-perf-" + run;
        stack.kafka().createTopics(3, perfTopic);
        double kafkaRate = producerPerformance(stack.kafka().bootstrapServers(), perfTopic, recordSize);

        System.out.println();
        System.out.printf("load average at the end: %.1f (other processes on this machine share the cores)%n",
                loadAverage());
        String row = "| %-48s | %11s |%n";
        System.out.printf(row, "path", "median rate");
        System.out.printf(row, "-".repeat(48), "-".repeat(11));
        System.out.printf(row, "(a) kiosk taps (batches of " + TAPS_PER_BATCH + ", " + KIOSK_CLIENTS + " clients)",
                String.format("%.0f/s", kioskRate));
        System.out.printf(row, "(b) web responses (" + WEB_CLIENTS + " clients)", String.format("%.0f/s", webRate));
        System.out.printf(row, "(c) trivial Javalin 202 (" + WEB_CLIENTS + " clients)",
                String.format("%.0f/s", trivialRate));
        System.out.printf(row, "(d) Kafka ProducerPerformance (" + recordSize + " B, acks=all)",
                String.format("%.0f/s", kafkaRate));
        System.out.println();
        System.out.printf("web / trivial            %.2f%n", webRate / trivialRate);
        System.out.printf("web / kafka-perf         %.3f%n", webRate / kafkaRate);
        System.out.printf("kiosk taps / kafka-perf  %.3f%n", kioskRate / kafkaRate);
    }

    // --- the load: N threads, each with its own HttpClient, sending back to back ---

    /** One prepared request and how many items (responses or taps) a 202 to it counts for. */
    private record Shot(HttpRequest request, int items) {
    }

    /** Counts of one load run; only what completes while {@code measuring} counts. */
    private static final class Counters {
        final LongAdder items = new LongAdder();
        final LongAdder failures = new LongAdder();
        final AtomicLong lastFailure = new AtomicLong();
        volatile boolean measuring;
        final AtomicBoolean stop = new AtomicBoolean();
    }

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    private double measure(String what, int clients, Function<Integer, Shot> shots) throws Exception {
        double[] rates = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            Counters counters = new Counters();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                Thread t = new Thread(() -> load(client, shots, counters), "bench-client-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            Thread.sleep(warmup * 1000L);
            counters.items.reset();
            counters.failures.reset();
            counters.measuring = true;
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = counters.items.sum();
            long elapsed = System.nanoTime() - start;
            counters.measuring = false;
            counters.stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            rates[r] = count / (elapsed / 1e9);
            System.out.printf("    %s, repetition %d/%d: %.0f /s (failed requests: %d%s)%n", what, r + 1, repetitions,
                    rates[r], counters.failures.sum(), counters.failures.sum() == 0 ? ""
                            : ", last status " + counters.lastFailure.get());
        }
        return median(rates);
    }

    /** Load without measuring (the JIT warm-up). */
    private static void load(int clients, Function<Integer, Shot> shots, int seconds) throws InterruptedException {
        Counters counters = new Counters();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread t = new Thread(() -> load(client, shots, counters), "bench-warmup-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Thread.sleep(seconds * 1000L);
        counters.stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void load(int client, Function<Integer, Shot> shots, Counters counters) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        while (!counters.stop.get()) {
            Shot shot = shots.apply(client);
            try {
                HttpResponse<String> answer = http.send(shot.request(), HttpResponse.BodyHandlers.ofString());
                if (!counters.measuring) {
                    continue;
                }
                if (answer.statusCode() == 202) {
                    counters.items.add(shot.items() == 1 ? 1 : accepted(answer.body()));
                } else {
                    counters.failures.increment();
                    counters.lastFailure.set(answer.statusCode());
                }
            } catch (Exception e) {
                if (counters.measuring) {
                    counters.failures.increment();
                    counters.lastFailure.set(-1);
                }
            }
        }
    }

    private static long accepted(String body) {
        Matcher m = ACCEPTED.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static Shot webRequest(URI uri) {
        byte[] body = webForm().getBytes(StandardCharsets.UTF_8);
        return new Shot(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                1);
    }

    /** A typical completed seeker form: a dozen answers, a profile and a short comment. */
    static String webForm() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", UUID.randomUUID().toString());
        form.put("surveyId", "jc-seeker");
        form.put("surveyVersion", 1);
        form.put("audience", "seeker");
        form.put("channel", "link");
        form.put("mode", "in_person");
        form.put("regionCode", "BRY");
        form.put("officeCode", "BRY-0" + (1 + random.nextInt(3)));
        form.put("touchpointId", "window-" + (1 + random.nextInt(8)));
        form.put("clientTs", Instant.now().minusSeconds(5).toString());
        ObjectNode answers = form.putObject("answers");
        for (String q : List.of("Q1", "Q2", "Q3", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11")) {
            answers.put(q, 1 + random.nextInt(10));
        }
        answers.put("Q4", "yes").put("Q12_gate", "yes").put("Q12", 1 + random.nextInt(10)).put("Q14", "website");
        form.putObject("profile").put("gender", "female").put("ageBand", "30-39").put("category", "none");
        form.put("comment", "Спасибо консультанту");
        return form.toString();
    }

    private static Shot kioskRequest(URI uri, KioskDevice device) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        ObjectNode batch = EventJson.mapper().createObjectNode();
        ArrayNode taps = batch.putArray("taps");
        String now = Instant.now().minusSeconds(1).toString();
        for (int i = 0; i < TAPS_PER_BATCH; i++) {
            ObjectNode tap = taps.addObject();
            tap.put("tapId", UUID.randomUUID().toString());
            tap.put("deviceId", device.deviceId());
            tap.put("button", 1 + random.nextInt(4));
            tap.put("reason", REASONS[random.nextInt(REASONS.length)]);
            tap.put("clientTs", now);
            tap.put("suppressedPresses", 0);
        }
        byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
        long ts = Instant.now().getEpochSecond();
        return new Shot(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(KioskSignature.DEVICE_HEADER, device.deviceId())
                .header(KioskSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(KioskSignature.SIGNATURE_HEADER, KioskSignature.sign(device.secret(), ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), TAPS_PER_BATCH);
    }

    // --- the Kafka ceiling ---

    /** The median value size of up to 2,000 web responses as ingest wrote them. */
    private static int medianRecordSize(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Integer> sizes = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // the web run came after the kiosk run: read each partition's last records, which are web forms
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(0, end.get(tp) - 700));
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (sizes.size() < 2_000 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (new String(r.value(), StandardCharsets.UTF_8).contains("\"jc-seeker\"")) {
                        sizes.add(r.value().length);
                    }
                }
                if (partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                    break;
                }
            }
        }
        if (sizes.isEmpty()) {
            throw new IllegalStateException("no web response found in " + topic);
        }
        int[] sorted = sizes.stream().mapToInt(Integer::intValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static final Pattern STEADY = Pattern.compile("(\\d+) steady state records sent, ([\\d.]+) records/sec");
    private static final Pattern WHOLE = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    /**
     * ProducerPerformance counts records, not time: a calibration run gives the rate, then each
     * repetition sends (warm-up + measured) seconds' worth and reports the steady-state rate.
     */
    private double producerPerformance(String bootstrap, String topic, int recordSize) throws Exception {
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("ProducerPerformance exited " + code + ": " + message);
        });
        // twice: the first run pays for the JIT and the producer's start, so its rate is too low to size by
        double calibration = perfRun(bootstrap, topic, recordSize, 100_000, 0);
        calibration = perfRun(bootstrap, topic, recordSize, (long) (calibration * warmup), 0);
        System.out.printf("    calibration: %.0f records/s%n", calibration);
        double[] rates = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long warm = (long) (calibration * warmup);
            long total = warm + (long) (calibration * seconds);
            rates[r] = perfRun(bootstrap, topic, recordSize, total, warm);
            System.out.printf("    kafka producer-perf, repetition %d/%d: %.0f records/s (%d records)%n", r + 1,
                    repetitions, rates[r], total);
            calibration = rates[r]; // keeps each run near the intended duration
        }
        return median(rates);
    }

    private static double perfRun(String bootstrap, String topic, int recordSize, long records, long warmupRecords)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--command-property", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true"));
        if (warmupRecords > 0) {
            args.addAll(List.of("--warmup-records", Long.toString(warmupRecords)));
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher steady = STEADY.matcher(output);
        double rate = -1;
        while (steady.find()) {
            rate = Double.parseDouble(steady.group(2));
        }
        if (rate < 0) {
            Matcher whole = WHOLE.matcher(output);
            while (whole.find()) {
                rate = Double.parseDouble(whole.group(2)); // the last one is the final summary
            }
        }
        if (rate < 0) {
            throw new IllegalStateException("no rate in ProducerPerformance output:\n" + output);
        }
        return rate;
    }

    /** Shows ProducerPerformance's own progress lines while keeping them for parsing. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }

    static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
