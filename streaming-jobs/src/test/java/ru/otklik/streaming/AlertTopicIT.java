package ru.otklik.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.infra.local.TestStack;
import ru.otklik.streaming.testing.DropScenario;

/**
 * The job's third output end to end from Kafka: three weeks of kiosk taps of two offices, one of
 * which falls for a morning, go into the responses topic; the incident's changes come out of the
 * {@code alerts} topic (keyed by alert id, versions rising) and its row in {@code otklik.alerts} is
 * the last of them. Nothing for the office that did not fall.
 */
class AlertTopicIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration WAIT = Duration.ofSeconds(300); // shared, busy CI machines: a bound, not a speed check

    private final TestStack stack = TestStack.shared();

    @TempDir
    Path checkpoints;

    @Test
    void anIncidentLeavesThroughTheAlertsTopicAndItsRowIsItsLastChange() throws Exception {
        String responses = "responses-" + UUID.randomUUID();
        String alerts = "alerts-" + UUID.randomUUID();
        stack.kafka().createTopics(3, responses, alerts);
        stack.clickHouseHttp().execute("TRUNCATE TABLE otklik.alerts");
        ZonedDateTime firstDay = LocalDate.now(DropScenario.MOSCOW).minusDays(DropScenario.DAYS + 1)
                .atStartOfDay(DropScenario.MOSCOW);
        List<SurveyResponse> taps = DropScenario.taps(firstDay, 11);

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (SurveyResponse r : taps) {
                producer.send(new ProducerRecord<>(responses, r.officeCode(), EventJson.toBytes(r)));
            }
            producer.flush();
        }

        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", responses);
        env.put("OTKLIK_ALERTS_TOPIC", alerts);
        env.put("OTKLIK_STREAMING_GROUP", "it-" + responses);
        env.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        env.put("OTKLIK_CHECKPOINT_INTERVAL", "PT1S");
        env.put("OTKLIK_CHECKPOINT_DIR", checkpoints.toString());
        env.put("OTKLIK_STREAMING_PARALLELISM", "2");
        env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        StreamingConfig config = StreamingConfig.load(env);
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config));
        JobClient job = OfficeIndicatorsJob.start(flink, config);
        List<ConsumerRecord<String, byte[]>> events = new ArrayList<>();
        try {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + alerts);
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(alerts));
                long deadline = System.nanoTime() + WAIT.toNanos();
                // the incident opens on day 8 and closes days later: wait for its close
                while (events.stream().noneMatch(e -> event(e).status().equals("closed"))) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("timed out waiting for a closed incident; events so far: "
                                + events.stream().map(e -> event(e).status()).toList());
                    }
                    consumer.poll(Duration.ofMillis(500)).forEach(events::add);
                }
            }
            List<AlertEvent> changes = events.stream().map(AlertTopicIT::event).toList();
            assertEquals(1, changes.stream().map(AlertEvent::alertId).distinct().count(), "one incident: " + changes);
            AlertEvent opened = changes.get(0);
            assertEquals("BRY-01", opened.officeCode(), "only the office that fell");
            assertEquals("open", opened.status());
            assertEquals("drop_kiosk", opened.alertType());
            assertEquals(firstDay.plusDays(DropScenario.FALL_DAY).toLocalDate(),
                    opened.openedAt().atZone(DropScenario.MOSCOW).toLocalDate());
            for (ConsumerRecord<String, byte[]> e : events) {
                assertEquals(event(e).alertId(), e.key(), "keyed by alert id, so one incident's changes stay in order");
            }
            for (int i = 1; i < changes.size(); i++) {
                assertTrue(changes.get(i).version() > changes.get(i - 1).version(), "versions rise: " + changes);
            }
            AlertEvent closed = changes.get(changes.size() - 1);
            assertTrue(closed.closedAt() != null && closed.closedAt().isAfter(opened.openedAt()));

            // the table holds the incident's last change
            String row = stack.clickHouseHttp().query("SELECT alert_id, status, version FROM otklik.alerts FINAL"
                    + " FORMAT TabSeparated").trim();
            assertEquals(closed.alertId() + "\tclosed\t" + closed.version(), row);
        } finally {
            OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60));
        }
    }

    private static AlertEvent event(ConsumerRecord<String, byte[]> record) {
        AlertEvent e = EventJson.fromBytes(record.value(), AlertEvent.class);
        assertEquals(record.key(), new String(record.key().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        return e;
    }
}
