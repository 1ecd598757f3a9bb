package ru.otklik.streaming;

import java.time.Duration;
import java.util.Map;
import ru.otklik.common.alert.DropTestSettings;
import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.feedback.LowScoreRule;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.response.Topics;
import ru.otklik.streaming.clickhouse.ClickHouseEndpoint;

/**
 * Settings of the streaming job, read by {@link Settings} (environment beats the properties file
 * named by {@code OTKLIK_STREAMING_CONFIG}, which beats the default):
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th><th>what</th></tr>
 * <tr><td>kafka.bootstrap</td><td>OTKLIK_KAFKA_BOOTSTRAP</td><td>127.0.0.1:19092</td><td></td></tr>
 * <tr><td>kafka.topic</td><td>OTKLIK_RESPONSES_TOPIC</td><td>responses</td><td></td></tr>
 * <tr><td>kafka.topic.alerts</td><td>OTKLIK_ALERTS_TOPIC</td><td>alerts</td><td>every change of an incident, as
 * JSON keyed by alert id (at least once)</td></tr>
 * <tr><td>kafka.topic.heartbeats</td><td>OTKLIK_HEARTBEATS_TOPIC</td><td>kiosk.heartbeats</td><td>kiosk
 * heartbeats for the silent-kiosk flag; empty: none read</td></tr>
 * <tr><td>kafka.topic.reviews</td><td>OTKLIK_REVIEWS_TOPIC</td><td>alert.reviews</td><td>reviewers' decisions on
 * fraud flags (from the dashboards), read from the beginning: a dismissal puts a flag's responses back into
 * the clean figures; empty: none read (flagged responses stay excluded)</td></tr>
 * <tr><td>opening-hours</td><td>OTKLIK_OPENING_HOURS</td><td>Mon-Fri 09:00-18:00; Sat 10:00-14:00</td><td>the
 * offices' opening hours in their local time (the pilot's schedule)</td></tr>
 * <tr><td>alerts.silent-kiosk.after</td><td>OTKLIK_SILENT_KIOSK_AFTER</td><td>PT30M</td><td>opening time without a
 * tap or heartbeat after which a kiosk is flagged silent (agents send a heartbeat every minute: thirty missed
 * ones are no network hiccup)</td></tr>
 * <tr><td>kafka.group</td><td>OTKLIK_STREAMING_GROUP</td><td>otklik-office-indicators</td><td>offsets are in
 * checkpoints; the group's committed offsets are the fallback</td></tr>
 * <tr><td>clickhouse.url</td><td>OTKLIK_CLICKHOUSE_URL (or the older OTKLIK_CLICKHOUSE_JDBC)</td>
 * <td>http://127.0.0.1:18123</td><td>HTTP interface</td></tr>
 * <tr><td>clickhouse.user / clickhouse.password</td><td>OTKLIK_CLICKHOUSE_USER / OTKLIK_CLICKHOUSE_PASSWORD</td>
 * <td>default / none</td><td></td></tr>
 * <tr><td>parallelism</td><td>OTKLIK_STREAMING_PARALLELISM</td><td>2</td><td></td></tr>
 * <tr><td>checkpoint.interval</td><td>OTKLIK_CHECKPOINT_INTERVAL</td><td>PT10S</td><td></td></tr>
 * <tr><td>checkpoint.dir</td><td>OTKLIK_CHECKPOINT_DIR</td><td>none</td><td>resume from the newest checkpoint there</td></tr>
 * <tr><td>checkpoint.resume-latest</td><td>OTKLIK_RESUME_LATEST_CHECKPOINT</td><td>true</td><td></td></tr>
 * <tr><td>state.backend</td><td>OTKLIK_STATE_BACKEND</td><td>hashmap</td><td>hashmap (heap) or rocksdb
 * (incremental checkpoints, for a cluster)</td></tr>
 * <tr><td>watermark.out-of-orderness</td><td>OTKLIK_OUT_OF_ORDERNESS</td><td>PT5S</td><td></td></tr>
 * <tr><td>source.idleness</td><td>OTKLIK_SOURCE_IDLENESS</td><td>PT30S</td><td>a partition silent this long
 * does not hold the watermark back</td></tr>
 * <tr><td>late.horizon</td><td>OTKLIK_LATE_HORIZON</td><td>P7D</td><td>older responses go to late_events</td></tr>
 * <tr><td>emit.interval</td><td>OTKLIK_EMIT_INTERVAL</td><td>PT1S</td><td>how often changed aggregates of
 * every scope are written</td></tr>
 * <tr><td>emit.catch-up-rate</td><td>OTKLIK_EMIT_CATCH_UP_RATE</td><td>5000</td><td>responses per second and
 * office-stage subtask above which the stage is catching up (a replay, a backlog): it then writes every
 * catch-up interval instead of every emit interval; 0: never</td></tr>
 * <tr><td>emit.catch-up-interval</td><td>OTKLIK_EMIT_CATCH_UP_INTERVAL</td><td>PT10S</td><td></td></tr>
 * <tr><td>dedup.retention</td><td>OTKLIK_DEDUP_RETENTION</td><td>P35D</td><td>how long a response id is remembered</td></tr>
 * <tr><td>sink.batch-bytes</td><td>OTKLIK_SINK_BATCH_BYTES</td><td>8388608</td><td></td></tr>
 * <tr><td>sink.batch-interval</td><td>OTKLIK_SINK_BATCH_INTERVAL</td><td>PT0.2S</td><td></td></tr>
 * <tr><td>web-ui.port</td><td>OTKLIK_FLINK_UI_PORT</td><td>8081</td><td>embedded run only</td></tr>
 * <tr><td>minimum-sample</td><td>OTKLIK_MINIMUM_SAMPLE</td><td>30</td><td></td></tr>
 * <tr><td>outputs</td><td>OTKLIK_OUTPUTS</td><td>all</td><td>{@code raw}: only the raw facts (benchmarks)</td></tr>
 * <tr><td>rebuild</td><td>OTKLIK_REBUILD</td><td>false</td><td>replay the topic into emptied aggregates</td></tr>
 * <tr><td>alerts.drop.shift</td><td>OTKLIK_DROP_SHIFT</td><td>0.15</td><td>the rise of an office's bad share the
 * drop test is tuned to find fastest (see DropTestSettings for every default's reason)</td></tr>
 * <tr><td>alerts.drop.baseline-days</td><td>OTKLIK_DROP_BASELINE_DAYS</td><td>28</td><td>trailing baseline, whole
 * days before today</td></tr>
 * <tr><td>alerts.drop.minimum-baseline</td><td>OTKLIK_DROP_MINIMUM_BASELINE</td><td>200</td><td>observations before
 * the test runs</td></tr>
 * <tr><td>alerts.drop.minimum-baseline-days</td><td>OTKLIK_DROP_MINIMUM_BASELINE_DAYS</td><td>7</td><td></td></tr>
 * <tr><td>alerts.drop.false-alarms-per-quarter</td><td>OTKLIK_DROP_FALSE_ALARMS_PER_QUARTER</td><td>0.5</td>
 * <td>the in-control false-alarm rate the limit is designed for</td></tr>
 * <tr><td>alerts.fraud.*</td><td>OTKLIK_FRAUD_BURST_FORMS, _BURST_WINDOW, _DUPLICATE_FORMS, _DUPLICATE_WINDOW,
 * _DUPLICATE_MINIMUM_ANSWERS, _DUPLICATE_FLAT_FORMS, _FAST_MS_PER_ITEM, _FAST_WINDOW, _KIOSK_BURST_TAPS,
 * _KIOSK_BURST_WINDOW</td><td>5, PT10M, 3, PT24H, 5, 5, 1500, PT1H, 30, PT10M</td><td>the fraud flags' thresholds; FraudSettings gives
 * each default's reason</td></tr>
 * <tr><td>kafka.topic.links-reused</td><td>OTKLIK_LINKS_REUSED_TOPIC</td><td>links.reused</td><td>second answers to
 * spent single-use links, refused by ingest: the {@code link_reused} flag</td></tr>
 * <tr><td>alerts.shift.*</td><td>OTKLIK_SHIFT_WINDOW_DAYS, _BASELINE_DAYS, _MINIMUM_WINDOW, _MINIMUM_BASELINE, _Z,
 * _MINIMUM_LIFT</td><td>7, 28, 30, 60, 3.0, 0.15</td><td>the distribution-shift flag ({@code shift_share});
 * ShiftSettings gives each default's reason</td></tr>
 * <tr><td>alerts.drop.rule</td><td>OTKLIK_DROP_RULE</td><td>cusum</td><td>which drop test runs: cusum (the
 * statistical test), fixed (HappyOrNot's kind of rule, incidents {@code drop_kiosk_fixed}/{@code drop_forms_fixed})
 * or both side by side</td></tr>
 * <tr><td>alerts.drop.fixed.window, .minimum, .bad-share</td><td>OTKLIK_DROP_FIXED_WINDOW, _MINIMUM, _BAD_SHARE</td>
 * <td>PT15M, 4, 0.5</td><td>the fixed rule: at least this share bad of at least this many observations in the window
 * (HappyOrNot's default)</td></tr>
 * <tr><td>alerts.drop.escalate-at</td><td>OTKLIK_DROP_ESCALATE_AT</td><td>2.0</td><td>multiple of the limit at
 * which an open incident escalates</td></tr>
 * <tr><td>kafka.topic.negative-feedback</td><td>OTKLIK_NEGATIVE_FEEDBACK_TOPIC</td><td>feedback.negative</td><td>every
 * counted response with a comment and a low score, as NegativeFeedback JSON keyed by office (at least once: the
 * dashboards open one case per response id); empty: none published</td></tr>
 * <tr><td>case.low-agreement</td><td>OTKLIK_CASE_LOW_AGREEMENT</td><td>4</td><td>the highest 1–10 agreement score
 * that is low for a case (1 to 9; LowScoreRule gives the other scales' low ends)</td></tr>
 * <tr><td>kafka.topic.assessment-answers</td><td>OTKLIK_ASSESSMENT_ANSWERS_TOPIC</td><td>assessment.answers</td>
 * <td>360 raters' final submissions (from ingest), counted once per submission id into {@code assessment_items},
 * {@code assessment_comments} and {@code assessment_completion}; empty: none read</td></tr>
 * <tr><td>kafka.topic.assessment-assignments</td><td>OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC</td>
 * <td>assessment.assignments</td><td>360 sessions and their interaction matrices (from the dashboards), read from
 * the beginning: the session's model version and the completion's expected counts; empty: none read (then no
 * submission is counted)</td></tr>
 * <tr><td>kafka.topic.checklist-reports</td><td>OTKLIK_CHECKLIST_REPORTS_TOPIC</td><td>checklists.reports</td>
 * <td>the offices' objective checklists with the experts' reviews and audits (from the dashboards), read from the
 * beginning (kept forever): the objective indicators of {@code composite_index}; empty: none read</td></tr>
 * <tr><td>kafka.topic.methodology-versions</td><td>OTKLIK_METHODOLOGY_VERSIONS_TOPIC</td><td>methodology.versions</td>
 * <td>the published methodology versions of the composite index (from the dashboards), read from the beginning
 * (kept forever): {@code composite_index} is computed under each; empty: none read (then no index is
 * computed)</td></tr>
 * </table>
 */
public record StreamingConfig(
        String kafkaBootstrap,
        String responsesTopic,
        String consumerGroup,
        ClickHouseEndpoint clickHouse,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        boolean resumeFromLatestCheckpoint,
        StateBackend stateBackend,
        Duration outOfOrderness,
        Duration sourceIdleness,
        Duration lateHorizon,
        Duration emitInterval,
        int catchUpRate,
        Duration catchUpInterval,
        Duration dedupRetention,
        int sinkBatchBytes,
        Duration sinkBatchInterval,
        int webUiPort,
        int minimumSample,
        Outputs outputs,
        boolean rebuild,
        DropTestSettings dropTest,
        String alertsTopic,
        ru.otklik.common.alert.FraudSettings fraud,
        String heartbeatsTopic,
        ru.otklik.common.office.OpeningHours openingHours,
        Duration silentKioskAfter,
        ru.otklik.common.alert.FixedRuleSettings dropRule,
        String reviewsTopic,
        String negativeFeedbackTopic,
        int caseLowAgreement,
        ru.otklik.common.alert.ShiftSettings shift,
        String linksReusedTopic,
        String assessmentAnswersTopic,
        String assessmentAssignmentsTopic,
        String checklistReportsTopic,
        String methodologyVersionsTopic) implements java.io.Serializable {

    /** Where keyed state lives. */
    public enum StateBackend { HASHMAP, ROCKSDB }

    /** What the job writes. */
    public enum Outputs { ALL, RAW }

    public static StreamingConfig load(Map<String, String> env) {
        Settings s = Settings.from("streaming", env, "OTKLIK_STREAMING_CONFIG");
        String legacyJdbc = s.raw("clickhouse.jdbc", "OTKLIK_CLICKHOUSE_JDBC", null);
        String url = s.raw("clickhouse.url", "OTKLIK_CLICKHOUSE_URL",
                legacyJdbc != null ? legacyJdbc : "http://127.0.0.1:18123");
        ClickHouseEndpoint clickHouse;
        try {
            clickHouse = ClickHouseEndpoint.parse(url, s.text("clickhouse.user", "OTKLIK_CLICKHOUSE_USER", ""),
                    s.secret("clickhouse.password", "OTKLIK_CLICKHOUSE_PASSWORD", "", SettingParser.TEXT));
        } catch (IllegalArgumentException e) {
            throw s.invalid("clickhouse.url", "OTKLIK_CLICKHOUSE_URL", "must be http(s)://host:port, got \"" + url + "\"");
        }
        Duration positive = Duration.ofMillis(1);
        StreamingConfig config = new StreamingConfig(
                s.get("kafka.bootstrap", "OTKLIK_KAFKA_BOOTSTRAP", "127.0.0.1:19092", SettingParser.REQUIRED_TEXT),
                s.get("kafka.topic", "OTKLIK_RESPONSES_TOPIC", Topics.RESPONSES, SettingParser.REQUIRED_TEXT),
                s.get("kafka.group", "OTKLIK_STREAMING_GROUP", "otklik-office-indicators", SettingParser.REQUIRED_TEXT),
                clickHouse,
                s.integer("parallelism", "OTKLIK_STREAMING_PARALLELISM", 2, 1, 1024),
                s.duration("checkpoint.interval", "OTKLIK_CHECKPOINT_INTERVAL", "PT10S", Duration.ofMillis(100),
                        Duration.ofHours(1)),
                s.text("checkpoint.dir", "OTKLIK_CHECKPOINT_DIR", ""),
                s.flag("checkpoint.resume-latest", "OTKLIK_RESUME_LATEST_CHECKPOINT", true),
                s.choice("state.backend", "OTKLIK_STATE_BACKEND", StateBackend.HASHMAP, StateBackend.class),
                s.duration("watermark.out-of-orderness", "OTKLIK_OUT_OF_ORDERNESS", "PT5S", Duration.ZERO,
                        Duration.ofHours(1)),
                s.duration("source.idleness", "OTKLIK_SOURCE_IDLENESS", "PT30S", positive, Duration.ofDays(1)),
                s.duration("late.horizon", "OTKLIK_LATE_HORIZON", "P7D", Duration.ofMinutes(1), Duration.ofDays(35)),
                s.duration("emit.interval", "OTKLIK_EMIT_INTERVAL", "PT1S", Duration.ofMillis(10), Duration.ofMinutes(10)),
                s.integer("emit.catch-up-rate", "OTKLIK_EMIT_CATCH_UP_RATE", 5_000, 0, 100_000_000),
                s.duration("emit.catch-up-interval", "OTKLIK_EMIT_CATCH_UP_INTERVAL", "PT10S", Duration.ofMillis(10),
                        Duration.ofMinutes(10)),
                s.duration("dedup.retention", "OTKLIK_DEDUP_RETENTION", "P35D", Duration.ofMinutes(1), Duration.ofDays(400)),
                s.integer("sink.batch-bytes", "OTKLIK_SINK_BATCH_BYTES", 8 << 20, 1024, 256 << 20),
                s.duration("sink.batch-interval", "OTKLIK_SINK_BATCH_INTERVAL", "PT0.2S", positive, Duration.ofMinutes(1)),
                s.port("web-ui.port", "OTKLIK_FLINK_UI_PORT", 8081),
                s.integer("minimum-sample", "OTKLIK_MINIMUM_SAMPLE", Indicators.DEFAULT_MINIMUM_SAMPLE, 1, 100_000),
                s.choice("outputs", "OTKLIK_OUTPUTS", Outputs.ALL, Outputs.class),
                s.flag("rebuild", "OTKLIK_REBUILD", false),
                dropTest(s),
                s.get("kafka.topic.alerts", "OTKLIK_ALERTS_TOPIC", Topics.ALERTS, SettingParser.REQUIRED_TEXT),
                fraud(s),
                s.text("kafka.topic.heartbeats", "OTKLIK_HEARTBEATS_TOPIC", Topics.KIOSK_HEARTBEATS),
                s.get("opening-hours", "OTKLIK_OPENING_HOURS", ru.otklik.common.office.OpeningHours.PILOT,
                        ru.otklik.common.office.OpeningHours::parse),
                s.duration("alerts.silent-kiosk.after", "OTKLIK_SILENT_KIOSK_AFTER", "PT30M", Duration.ofMinutes(1),
                        Duration.ofDays(1)),
                dropRule(s),
                s.text("kafka.topic.reviews", "OTKLIK_REVIEWS_TOPIC", Topics.ALERT_REVIEWS),
                s.text("kafka.topic.negative-feedback", "OTKLIK_NEGATIVE_FEEDBACK_TOPIC", Topics.NEGATIVE_FEEDBACK),
                // the rule checks its own range: its message, with the setting's name, is the one to show
                s.get("case.low-agreement", "OTKLIK_CASE_LOW_AGREEMENT",
                        Integer.toString(LowScoreRule.DEFAULT_AGREEMENT_LOW), text -> new LowScoreRule(
                                SettingParser.integer(Integer.MIN_VALUE, Integer.MAX_VALUE).parse(text)).agreementLow()),
                shift(s),
                s.text("kafka.topic.links-reused", "OTKLIK_LINKS_REUSED_TOPIC", Topics.LINKS_REUSED),
                s.text("kafka.topic.assessment-answers", "OTKLIK_ASSESSMENT_ANSWERS_TOPIC", Topics.ASSESSMENT_ANSWERS),
                s.text("kafka.topic.assessment-assignments", "OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC",
                        Topics.ASSESSMENT_ASSIGNMENTS),
                s.text("kafka.topic.checklist-reports", "OTKLIK_CHECKLIST_REPORTS_TOPIC", Topics.CHECKLIST_REPORTS),
                s.text("kafka.topic.methodology-versions", "OTKLIK_METHODOLOGY_VERSIONS_TOPIC",
                        Topics.METHODOLOGY_VERSIONS));
        if (config.catchUpInterval().compareTo(config.emitInterval()) < 0) {
            throw s.invalid("emit.catch-up-interval", "OTKLIK_EMIT_CATCH_UP_INTERVAL",
                    "must be at least emit.interval (" + config.emitInterval() + "), got " + config.catchUpInterval());
        }
        return config;
    }

    private static DropTestSettings dropTest(Settings s) {
        DropTestSettings d = DropTestSettings.DEFAULTS;
        double shift = s.decimal("alerts.drop.shift", "OTKLIK_DROP_SHIFT", d.shift(), 0.01, 0.5);
        int days = s.integer("alerts.drop.baseline-days", "OTKLIK_DROP_BASELINE_DAYS", d.baselineDays(), 1, 366);
        int minimum = s.integer("alerts.drop.minimum-baseline", "OTKLIK_DROP_MINIMUM_BASELINE", d.minimumBaseline(), 1,
                10_000_000);
        int minimumDays = s.integer("alerts.drop.minimum-baseline-days", "OTKLIK_DROP_MINIMUM_BASELINE_DAYS",
                d.minimumBaselineDays(), 1, 366);
        if (minimumDays > days) {
            throw s.invalid("alerts.drop.minimum-baseline-days", "OTKLIK_DROP_MINIMUM_BASELINE_DAYS",
                    "must be at most alerts.drop.baseline-days (" + days + "), got " + minimumDays);
        }
        return new DropTestSettings(shift, days, minimum, minimumDays,
                s.decimal("alerts.drop.false-alarms-per-quarter", "OTKLIK_DROP_FALSE_ALARMS_PER_QUARTER",
                        d.falseAlarmsPerQuarter(), 0.001, 100),
                s.decimal("alerts.drop.escalate-at", "OTKLIK_DROP_ESCALATE_AT", d.escalateAt(), 1.01, 100));
    }

    private static ru.otklik.common.alert.ShiftSettings shift(Settings s) {
        ru.otklik.common.alert.ShiftSettings d = ru.otklik.common.alert.ShiftSettings.DEFAULTS;
        return new ru.otklik.common.alert.ShiftSettings(
                s.integer("alerts.shift.window-days", "OTKLIK_SHIFT_WINDOW_DAYS", d.windowDays(), 1, 90),
                s.integer("alerts.shift.baseline-days", "OTKLIK_SHIFT_BASELINE_DAYS", d.baselineDays(), 1, 300),
                s.integer("alerts.shift.baseline-gap-days", "OTKLIK_SHIFT_BASELINE_GAP_DAYS", d.baselineGapDays(), 0, 90),
                s.integer("alerts.shift.minimum-window", "OTKLIK_SHIFT_MINIMUM_WINDOW", d.minimumWindow(), 1, 10_000_000),
                s.integer("alerts.shift.minimum-baseline", "OTKLIK_SHIFT_MINIMUM_BASELINE", d.minimumBaseline(), 1,
                        10_000_000),
                s.decimal("alerts.shift.z", "OTKLIK_SHIFT_Z", d.z(), 0.5, 20),
                s.decimal("alerts.shift.minimum-lift", "OTKLIK_SHIFT_MINIMUM_LIFT", d.minimumLift(), 0, 0.99));
    }

    private static ru.otklik.common.alert.FraudSettings fraud(Settings s) {
        ru.otklik.common.alert.FraudSettings d = ru.otklik.common.alert.FraudSettings.DEFAULTS;
        Duration max = Duration.ofDays(7);
        Duration min = Duration.ofSeconds(1);
        return new ru.otklik.common.alert.FraudSettings(
                s.integer("alerts.fraud.burst-forms", "OTKLIK_FRAUD_BURST_FORMS", d.burstForms(), 2, 100_000),
                s.duration("alerts.fraud.burst-window", "OTKLIK_FRAUD_BURST_WINDOW", d.burstWindow().toString(), min, max),
                s.integer("alerts.fraud.duplicate-forms", "OTKLIK_FRAUD_DUPLICATE_FORMS", d.duplicateForms(), 2, 100_000),
                s.duration("alerts.fraud.duplicate-window", "OTKLIK_FRAUD_DUPLICATE_WINDOW", d.duplicateWindow().toString(),
                        min, max),
                s.integer("alerts.fraud.duplicate-minimum-answers", "OTKLIK_FRAUD_DUPLICATE_MINIMUM_ANSWERS",
                        d.duplicateMinimumAnswers(), 1, 1_000),
                s.longValue("alerts.fraud.fast-ms-per-item", "OTKLIK_FRAUD_FAST_MS_PER_ITEM", d.fastMillisPerItem(), 1,
                        600_000),
                s.integer("alerts.fraud.fast-forms", "OTKLIK_FRAUD_FAST_FORMS", d.fastForms(), 1, 100_000),
                s.duration("alerts.fraud.fast-window", "OTKLIK_FRAUD_FAST_WINDOW", d.fastWindow().toString(), min, max),
                s.integer("alerts.fraud.kiosk-burst-taps", "OTKLIK_FRAUD_KIOSK_BURST_TAPS", d.kioskBurstTaps(), 2, 100_000),
                s.duration("alerts.fraud.kiosk-burst-window", "OTKLIK_FRAUD_KIOSK_BURST_WINDOW",
                        d.kioskBurstWindow().toString(), min, max),
                s.integer("alerts.fraud.staff-forms", "OTKLIK_FRAUD_STAFF_FORMS", d.staffForms(), 2, 100_000),
                s.duration("alerts.fraud.staff-window", "OTKLIK_FRAUD_STAFF_WINDOW", d.staffWindow().toString(), min, max),
                s.integer("alerts.fraud.kiosk-rhythm-taps", "OTKLIK_FRAUD_KIOSK_RHYTHM_TAPS", d.kioskRhythmTaps(), 3,
                        100_000),
                s.duration("alerts.fraud.kiosk-rhythm-window", "OTKLIK_FRAUD_KIOSK_RHYTHM_WINDOW",
                        d.kioskRhythmWindow().toString(), min, max),
                s.integer("alerts.fraud.duplicate-flat-forms", "OTKLIK_FRAUD_DUPLICATE_FLAT_FORMS", d.duplicateFlatForms(),
                        2, 100_000));
    }

    private static ru.otklik.common.alert.FixedRuleSettings dropRule(Settings s) {
        var d = ru.otklik.common.alert.FixedRuleSettings.DEFAULTS;
        return new ru.otklik.common.alert.FixedRuleSettings(
                s.choice("alerts.drop.rule", "OTKLIK_DROP_RULE", d.rule(), ru.otklik.common.alert.FixedRuleSettings.Rule.class),
                s.duration("alerts.drop.fixed.window", "OTKLIK_DROP_FIXED_WINDOW", "PT15M", Duration.ofMinutes(1),
                        Duration.ofDays(1)).toSeconds(),
                s.integer("alerts.drop.fixed.minimum", "OTKLIK_DROP_FIXED_MINIMUM", d.minimum(), 1, 100_000),
                s.decimal("alerts.drop.fixed.bad-share", "OTKLIK_DROP_FIXED_BAD_SHARE", d.badShare(), 0.01, 1.0));
    }

    /**
     * Which answers are low enough for a case. Kept as its one number ({@code caseLowAgreement}, checked by
     * the rule when loaded): the configuration travels with the job's functions, and the rule is no
     * {@link java.io.Serializable}.
     */
    public LowScoreRule lowScoreRule() {
        return new LowScoreRule(caseLowAgreement);
    }

    public StreamingConfig withRebuild(boolean value) {
        return new StreamingConfig(kafkaBootstrap, responsesTopic, consumerGroup, clickHouse, parallelism,
                checkpointInterval, checkpointDir, resumeFromLatestCheckpoint, stateBackend, outOfOrderness,
                sourceIdleness, lateHorizon, emitInterval, catchUpRate, catchUpInterval, dedupRetention, sinkBatchBytes, sinkBatchInterval, webUiPort,
                minimumSample, outputs, value, dropTest, alertsTopic, fraud, heartbeatsTopic, openingHours,
                silentKioskAfter, dropRule, reviewsTopic, negativeFeedbackTopic, caseLowAgreement, shift, linksReusedTopic,
                assessmentAnswersTopic, assessmentAssignmentsTopic, checklistReportsTopic, methodologyVersionsTopic);
    }
}
