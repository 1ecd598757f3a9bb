package ru.otklik.streaming.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.otklik.streaming.assessment.Assessments.answer;
import static ru.otklik.streaming.assessment.Assessments.assignments;
import static ru.otklik.streaming.assessment.Assessments.submission;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.TestStack;
import ru.otklik.streaming.OfficeIndicatorsJob;
import ru.otklik.streaming.StreamingConfig;

/**
 * The 360 figures through real Kafka topics, the job on a MiniCluster (parallelism 2) and a real ClickHouse: the
 * rows read with FINAL hold the expected figures (cannot judge apart, a duplicate counted once, per-rater competency
 * averages, completion, a model change's former answers discarded), broken records are dead letters, and a replay
 * of both topics from the beginning (the job started again without state) leaves every final row as it was.
 */
class Assessment360IT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration WAIT = Duration.ofSeconds(300); // shared, busy machines: a bound, not a speed check
    private static final List<String> TABLES = List.of("assessment_items", "assessment_comments",
            "assessment_completion");

    private final TestStack stack = TestStack.shared();
    private String answersTopic;
    private String assignmentsTopic;
    private String responsesTopic;

    @TempDir
    Path checkpoints;

    @BeforeEach
    void freshTopicsAndTables() {
        String suffix = UUID.randomUUID().toString();
        answersTopic = "assessment.answers-" + suffix;
        assignmentsTopic = "assessment.assignments-" + suffix;
        responsesTopic = "responses-" + suffix;
        stack.kafka().createTopics(3, answersTopic, assignmentsTopic, responsesTopic);
        for (String t : TABLES) {
            stack.clickHouseHttp().execute("TRUNCATE TABLE otklik." + t);
        }
        stack.clickHouseHttp().execute("TRUNCATE TABLE otklik.stream_dead_letters");
    }

    private StreamingConfig config(String group) {
        Map<String, String> env = new HashMap<>();
        env.put("OTKLIK_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("OTKLIK_RESPONSES_TOPIC", responsesTopic);
        env.put("OTKLIK_ASSESSMENT_ANSWERS_TOPIC", answersTopic);
        env.put("OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC", assignmentsTopic);
        env.put("OTKLIK_STREAMING_GROUP", group);
        env.put("OTKLIK_CLICKHOUSE_URL", stack.clickHouse().httpUrl());
        env.put("OTKLIK_CHECKPOINT_INTERVAL", "PT1S");
        env.put("OTKLIK_CHECKPOINT_DIR", checkpoints.resolve(group).toString());
        env.put("OTKLIK_STREAMING_PARALLELISM", "2");
        env.put("OTKLIK_EMIT_INTERVAL", "PT0.2S");
        env.put("OTKLIK_SOURCE_IDLENESS", "PT1S");
        return StreamingConfig.load(env);
    }

    private JobClient startJob(StreamingConfig config) throws Exception {
        return OfficeIndicatorsJob.start(StreamExecutionEnvironment.getExecutionEnvironment(
                OfficeIndicatorsJob.flinkConfiguration(config)), config);
    }

    private void produce(String topic, Integer partition, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private void produceAll(List<SessionAssignments> assignments, List<RaterSubmission> submissions) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (SessionAssignments a : assignments) {
                producer.send(new ProducerRecord<>(assignmentsTopic, a.sessionId(), EventJson.toBytes(a))).get();
            }
            for (RaterSubmission s : submissions) {
                producer.send(new ProducerRecord<>(answersTopic, s.sessionId(), EventJson.toBytes(s))).get();
            }
        }
    }

    /**
     * A submission about a target of its own ({@code TMARK-<round>}, by a rater no assignment names, so no
     * completion changes) in each session, after everything produced before: the sessions' records keep their order
     * (one key, one partition), and the marker is counted only once the session's current model version is known, so
     * once its rows are in ClickHouse the job has processed every earlier record of the session.
     */
    private void produceMarkers(String round) throws Exception {
        produceAll(List.of(), List.of(
                submission("ITS", "TMARK-" + round, "mark-" + round, "peer", 1, 5, 0, answer("C1", "I1", 3)),
                submission("ITM", "TMARK-" + round, "mark-" + round, "peer", 2, 5, 0, answer("C1", "I1", 3))));
    }

    private List<Map<String, Object>> select(String sql) {
        return stack.clickHouseHttp().select(sql);
    }

    private long number(String sql) {
        return stack.clickHouseHttp().selectLong(sql);
    }

    /** Every column of every final row of the test's sessions, as text. */
    private Map<String, List<Map<String, Object>>> finalRows() {
        Map<String, List<Map<String, Object>>> all = new java.util.TreeMap<>();
        all.put("items", select("SELECT session_id, target_id, competency_code, indicator_code, role_group,"
                + " toString(scale_max) AS scale_max, toString(raters) AS raters, toString(cannot_judge) AS cj,"
                + " toString(points_sum) AS points_sum, toString(distribution) AS distribution,"
                + " toString(raters_above_strength) AS above, toString(raters_below_need) AS below,"
                + " toString(updated_ts) AS updated_ts, toString(version) AS version FROM otklik.assessment_items FINAL"
                + " WHERE session_id IN ('ITS', 'ITM') AND target_id NOT LIKE 'TMARK%' ORDER BY session_id, target_id, competency_code,"
                + " indicator_code, role_group"));
        all.put("comments", select("SELECT session_id, target_id, competency_code, indicator_code, role_group,"
                + " comment_id, comment, toString(submitted_date) AS day, toString(version) AS version"
                + " FROM otklik.assessment_comments FINAL WHERE session_id IN ('ITS', 'ITM') AND target_id NOT LIKE 'TMARK%'"
                + " ORDER BY session_id, target_id, indicator_code, comment_id"));
        all.put("completion", select("SELECT session_id, target_id, role_group, toString(expected) AS expected,"
                + " toString(submitted) AS submitted, status, toString(deadline_ts) AS deadline,"
                + " toString(version) AS version FROM otklik.assessment_completion FINAL"
                + " WHERE session_id IN ('ITS', 'ITM') AND target_id NOT LIKE 'TMARK%'"
                + " ORDER BY session_id, target_id, role_group"));
        return all;
    }

    private Map<String, Object> item(String session, String target, String competency, String indicator, String role) {
        List<Map<String, Object>> rows = select("SELECT toString(raters) AS raters, toString(cannot_judge) AS cj,"
                + " points_sum, toString(distribution) AS distribution, toString(raters_above_strength) AS above,"
                + " toString(raters_below_need) AS below FROM otklik.assessment_items FINAL WHERE session_id = '"
                + session + "' AND target_id = '" + target + "' AND competency_code = '" + competency
                + "' AND indicator_code = '" + indicator + "' AND role_group = '" + role + "'");
        assertEquals(1, rows.size(), session + "/" + target + "/" + competency + "/" + indicator + "/" + role);
        return rows.get(0);
    }

    private String completion(String session, String target, String role) {
        return String.join("/", select("SELECT toString(expected) AS e, toString(submitted) AS s"
                + " FROM otklik.assessment_completion FINAL WHERE session_id = '" + session + "' AND target_id = '"
                + target + "' AND role_group = '" + role + "'").stream()
                .map(r -> r.get("e") + ":" + r.get("s")).toList());
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

    private void awaitMarkers(String round) throws InterruptedException {
        await("the markers of " + round, () -> number("SELECT count() FROM otklik.assessment_items FINAL"
                + " WHERE target_id = 'TMARK-" + round + "' AND indicator_code = 'I1' AND raters = 1") == 2);
    }

    @Test
    void figuresInClickHouseAndAReplayOfBothTopicsChangesNoFinalRow() throws Exception {
        String its = "ITS";
        SessionAssignments itsV1 = assignments(its, 1, SessionAssignments.LAUNCHED, 1,
                "s1", "T1", "self", "m1", "T1", "manager", "p1", "T1", "peer", "p2", "T1", "peer", "p3", "T1", "peer",
                "s2", "T2", "self", "p1", "T2", "peer");
        List<RaterSubmission> itsAnswers = List.of(
                submission(its, "T1", "s1", "self", 1, 5, 0, answer("C1", "I1", 5, "Стараюсь"), answer("C1", "I2", 4),
                        answer("C2", "I3", null)),
                submission(its, "T1", "m1", "manager", 1, 5, 1, answer("C1", "I1", 4), answer("C1", "I2", 4),
                        answer("C2", "I3", 5)),
                submission(its, "T1", "p1", "peer", 1, 5, 2, answer("C1", "I1", 5), answer("C1", "I2", 5),
                        answer("C2", "I3", 2, "Редко делится планами")),
                submission(its, "T1", "p2", "peer", 1, 5, 3, answer("C1", "I1", 4), answer("C1", "I2", null),
                        answer("C2", "I3", 3)),
                submission(its, "T1", "p3", "peer", 1, 5, 4, answer("C1", "I1", 3), answer("C1", "I2", 4),
                        answer("C2", "I3", 3)),
                submission(its, "T2", "s2", "self", 1, 5, 5, answer("C1", "I1", 2), answer("C1", "I2", 3)),
                submission(its, "T2", "p1", "peer", 1, 5, 6, answer("C1", "I1", 1), answer("C1", "I2", null)));
        List<RaterSubmission> withDuplicate = new ArrayList<>(itsAnswers);
        withDuplicate.add(itsAnswers.get(2)); // a retry of p1's submission about T1
        // ITM: the questionnaire changes while the session runs
        SessionAssignments itmV1 = assignments("ITM", 1, SessionAssignments.LAUNCHED, 1, "a", "T1", "peer");
        SessionAssignments itmV2 = assignments("ITM", 2, SessionAssignments.LAUNCHED, 2, "a", "T1", "peer",
                "b", "T1", "peer");
        RaterSubmission itmOld = submission("ITM", "T1", "a", "peer", 1, 5, 0, answer("C1", "I1", 5, "old form"),
                answer("C1", "I9", 5));
        RaterSubmission itmNewA = submission("ITM", "T1", "a", "peer", 2, 5, 10, answer("C1", "I1", 3));
        RaterSubmission itmNewB = submission("ITM", "T1", "b", "peer", 2, 5, 11, answer("C1", "I1", 4));

        produceAll(List.of(itsV1, itmV1), withDuplicate);
        produceAll(List.of(), List.of(itmOld));
        produce(answersTopic, null, its, "{not json".getBytes(StandardCharsets.UTF_8));
        RaterSubmission forged = submission(its, "T1", "p9", "peer", 1, 5, 0, answer("C1", "I1", 5));
        produce(answersTopic, null, its, EventJson.toBytes(new RaterSubmission("forged-id", its, "T1", "p9", "peer", 1,
                5, forged.submittedAt(), forged.answers(), List.of())));

        JobClient job = startJob(config("it-360-" + UUID.randomUUID()));
        Map<String, List<Map<String, Object>>> first;
        try {
            await("ITM's former answers counted", () -> number("SELECT count() FROM otklik.assessment_items FINAL"
                    + " WHERE session_id = 'ITM' AND raters > 0") > 0);
            produceAll(List.of(itmV2), List.of(itmNewA, itmNewB));
            produceMarkers("first");
            awaitMarkers("first");
            await("ITS complete", () -> "7:7".equals(completion(its, "", "")));
            await("ITM's new answers", () -> "2:2".equals(completion("ITM", "", "")));

            Map<String, Object> i1 = item(its, "T1", "C1", "I1", "peer");
            assertEquals("3", i1.get("raters"), "the retry is counted once");
            assertEquals(12.0, ((Number) i1.get("points_sum")).doubleValue());
            assertEquals("[0,0,0,1,1,1]", i1.get("distribution"));
            assertEquals("1", i1.get("above"));
            assertEquals("1", i1.get("below"));
            Map<String, Object> i2 = item(its, "T1", "C1", "I2", "peer");
            assertEquals("2", i2.get("raters"));
            assertEquals("1", i2.get("cj"), "cannot judge: apart");
            Map<String, Object> c1 = item(its, "T1", "C1", "", "peer");
            assertEquals("3", c1.get("raters"));
            assertEquals(12.5, ((Number) c1.get("points_sum")).doubleValue(), 1e-9, "5 + 4 + 3.5, per rater");
            assertEquals("[]", c1.get("distribution"));
            assertEquals("1", c1.get("above"));
            assertEquals("1", c1.get("below"));
            assertEquals("0", item(its, "T1", "C2", "", "self").get("raters"));
            assertEquals("1", item(its, "T1", "C2", "", "self").get("cj"));
            assertEquals("5:5", completion(its, "T1", ""));
            assertEquals("3:3", completion(its, "T1", "peer"));
            assertEquals("2:2", completion(its, "T2", ""));
            assertEquals(2L, number("SELECT count() FROM otklik.assessment_comments FINAL WHERE session_id = 'ITS'"
                    + " AND comment != ''"));

            Map<String, Object> itm = item("ITM", "T1", "C1", "I1", "peer");
            assertEquals("2", itm.get("raters"), "the former model's answer is gone");
            assertEquals(7.0, ((Number) itm.get("points_sum")).doubleValue());
            assertEquals("0", item("ITM", "T1", "C1", "I9", "peer").get("raters"), "an indicator of the former model only");
            assertEquals(List.of(Map.of("comment", "")), select("SELECT comment FROM otklik.assessment_comments FINAL"
                    + " WHERE session_id = 'ITM'"), "the former model's comment is blanked");

            assertEquals(2L, number("SELECT count() FROM otklik.stream_dead_letters FINAL WHERE topic = '"
                    + answersTopic + "'"), "the broken and the forged record");
            first = finalRows();
        } finally {
            OfficeIndicatorsJob.stop(job, Duration.ofSeconds(60));
        }

        // both topics again from the beginning: a new consumer group, no state
        JobClient replay = startJob(config("it-360-replay-" + UUID.randomUUID()));
        try {
            produceMarkers("replay");
            awaitMarkers("replay");
            assertEquals(first, finalRows(), "every final row, versions included");
            assertEquals(2L, number("SELECT count() FROM otklik.stream_dead_letters FINAL WHERE topic = '"
                    + answersTopic + "'"));
        } finally {
            OfficeIndicatorsJob.stop(replay, Duration.ofSeconds(60));
        }
    }
}
