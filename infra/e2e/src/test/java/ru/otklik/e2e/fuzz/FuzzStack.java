package ru.otklik.e2e.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.DashboardsApp;
import ru.otklik.dashboards.DashboardsConfig;
import ru.otklik.dashboards.access.DemoUsers;
import ru.otklik.infra.local.TestStack;
import ru.otklik.ingest.IngestConfig;
import ru.otklik.ingest.IngestService;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.streaming.OfficeIndicatorsJob;
import ru.otklik.streaming.StreamingConfig;

/**
 * What the fuzz suite runs against: ingest, the Flink job and the dashboards, on their own topics and a
 * temp directory, with secrets made for this run (staff token, device secrets, link key, passwords) so
 * the log scan knows what to look for. Rate limits are lifted: the suite sends from one address far
 * above what an office does, and a 429 would only hide the validation it came to exercise. Closing
 * releases everything, also after a failed start.
 */
final class FuzzStack implements AutoCloseable {

    /** Nothing in the fuzz run writes to this office: the sentinel's figures there are exactly its own. */
    static final String SENTINEL_OFFICE = "BRY-02";
    /** Every table the job writes. */
    private static final List<String> TABLES = List.of("responses", "answers", "answer_minute", "response_minute",
            "late_events", "indicator_window", "indicator_history", "response_window", "scope_watermark",
            "stream_dead_letters");

    final TestStack stack = TestStack.shared();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String topic = "responses-fuzz-" + run;
    final String staffToken = "staff-" + UUID.randomUUID();
    final String linkKeys = "k1:" + LinkKeys.newSecret();
    final String salt = "salt-" + UUID.randomUUID();
    final String password = "Fuzz-" + UUID.randomUUID();
    final String sessionSecret = "session-" + UUID.randomUUID();
    final KioskDevice device = new KioskDevice("kiosk-fuzz-" + run, "BRY-01", "hall", KioskSignature.newSecret(), false);
    final KioskDevice otherDevice = new KioskDevice("kiosk-fuzz2-" + run, "VLA-01", "door", KioskSignature.newSecret(),
            false);
    final KioskDevice revokedDevice = new KioskDevice("kiosk-fuzz-gone-" + run, "BRY-01", "hall",
            KioskSignature.newSecret(), true);
    final LinkToken links = new LinkToken(LinkKeys.parse(linkKeys), Clock.systemUTC());
    final Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();
    IngestService ingest;
    JobClient job;
    DashboardsApp dashboards;

    private FuzzStack() throws IOException {
        dir = Files.createTempDirectory("otklik-fuzz-");
    }

    static FuzzStack start() throws Exception {
        FuzzStack s = new FuzzStack();
        try {
            s.startAll();
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        for (String table : TABLES) {
            stack.clickHouseHttp().execute("TRUNCATE TABLE otklik." + table);
        }
        stack.kafka().createTopics(3, topic, topic + ".dlq", topic + ".heartbeats");
        Path devices = dir.resolve("devices.json");
        Files.write(devices, EventJson.toBytes(new KioskDevices(List.of(device, otherDevice, revokedDevice))));

        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_INGEST_PORT", "0");
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", topic);
        env.put("OTKLIK_DEAD_LETTER_TOPIC", topic + ".dlq");
        env.put("OTKLIK_HEARTBEATS_TOPIC", topic + ".heartbeats");
        env.put("OTKLIK_KIOSK_DEVICES", devices.toString());
        env.put("OTKLIK_KIOSK_ENROLLED", dir.resolve("enrolled.json").toString());
        env.put("OTKLIK_CONTACTS_DIR", dir.resolve("contacts").toString());
        env.put("OTKLIK_STAFF_TOKENS", "fuzzer:" + staffToken);
        env.put("OTKLIK_LINK_KEYS", linkKeys);
        env.put("OTKLIK_ADDRESS_SALT", salt);
        env.put("OTKLIK_RATE_LIMIT_IP_PER_SECOND", "1000000");
        env.put("OTKLIK_RATE_LIMIT_IP_BURST", "1000000");
        env.put("OTKLIK_RATE_LIMIT_DEVICE_PER_SECOND", "1000000");
        env.put("OTKLIK_RATE_LIMIT_DEVICE_BURST", "1000000");
        ingest = IngestService.start(IngestConfig.load(env));
        started.add(ingest);

        Map<String, String> streaming = new HashMap<>();
        streaming.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        streaming.put("OTKLIK_RESPONSES_TOPIC", topic);
        streaming.put("OTKLIK_STREAMING_GROUP", "fuzz-" + topic);
        streaming.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        // a heap snapshot of the dedup state every few seconds was a fifth of the run's CPU: nothing here needs one
        streaming.put("OTKLIK_CHECKPOINT_INTERVAL", "PT5M");
        streaming.put("OTKLIK_CHECKPOINT_DIR", dir.resolve("checkpoints").toString());
        streaming.put("OTKLIK_EMIT_INTERVAL", "PT1S");
        streaming.put("OTKLIK_DETAIL_EMIT_INTERVAL", "PT5S");
        streaming.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        StreamingConfig config = StreamingConfig.load(streaming);
        job = OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config)), config);
        started.add(() -> OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60)));

        Path users = dir.resolve("users.json");
        DemoUsers.write(users, OfficeDirectory.pilot(), password, 1_000);
        dashboards = DashboardsApp.start(DashboardsConfig.defaults().withPort(0)
                .withClickHouseUrl(stack.clickHouse().httpUrl()).withUsersFile(users).withSessionSecret(sessionSecret));
        started.add(dashboards);
    }

    /** The secrets of this run that no log line may hold (the log scan adds what the run issues on top). */
    List<String> fixedSecrets() {
        return List.of(staffToken, linkKeys.substring(3), salt, password, sessionSecret, device.secret(),
                otherDevice.secret(), revokedDevice.secret());
    }

    /**
     * Stops what was started, newest first, empties the tables the run filled and deletes its topics (the
     * tests after it share ClickHouse and Kafka, and not all of them empty every table they read), and deletes
     * the directory; the first failure is thrown at the end.
     */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        started.clear();
        try {
            for (String table : TABLES) {
                stack.clickHouseHttp().execute("TRUNCATE TABLE otklik." + table);
            }
            java.util.Properties p = new java.util.Properties();
            p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
                admin.deleteTopics(List.of(topic, topic + ".dlq", topic + ".heartbeats")).all()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            first = first == null ? e : first;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }
}
