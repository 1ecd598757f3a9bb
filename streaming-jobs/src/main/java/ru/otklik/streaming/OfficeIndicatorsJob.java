package ru.otklik.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.streaming.aggregate.AreaDelta;
import ru.otklik.streaming.aggregate.AreaStage;
import ru.otklik.streaming.aggregate.OfficeStage;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.alert.AlertOutput;
import ru.otklik.streaming.alert.DropAlertStage;
import ru.otklik.streaming.alert.DropObservation;
import ru.otklik.streaming.alert.FraudSighting;
import ru.otklik.streaming.alert.FraudFlagStage;
import ru.otklik.streaming.alert.KioskContact;
import ru.otklik.common.link.LinkReuse;
import ru.otklik.streaming.alert.LinkReuseStage;
import ru.otklik.streaming.alert.OfficeShareDay;
import ru.otklik.streaming.alert.ShareDays;
import ru.otklik.streaming.alert.ShareShiftStage;
import ru.otklik.streaming.alert.SilentKioskStage;
import ru.otklik.streaming.assessment.Assessment360Stage;
import ru.otklik.streaming.assessment.AssessmentRecord;
import ru.otklik.streaming.assessment.AssessmentSource;
import ru.otklik.streaming.composite.CompositeIndexStage;
import ru.otklik.streaming.composite.CompositeInput;
import ru.otklik.streaming.composite.CompositeSource;
import ru.otklik.streaming.composite.RegionIndexPart;
import ru.otklik.streaming.source.HeartbeatSource;
import ru.otklik.streaming.source.LinkReuseSource;
import ru.otklik.streaming.clickhouse.ClickHouseSink;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.feedback.NegativeFeedbackCases;
import ru.otklik.streaming.source.DeadLetterSplit;
import ru.otklik.streaming.source.ResponseSource;
import ru.otklik.streaming.source.ReviewSource;
import ru.otklik.streaming.source.SourceRecord;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Responses from Kafka into ClickHouse in one keyed pass: every record checked again (a record the
 * job cannot use becomes a dead letter, never a failure), each response counted once per id, the raw
 * facts written, and per office its rolling windows, breakdowns, hourly/daily history and minute
 * buckets kept incrementally — raw, and clean without the responses the fraud flags exclude; each
 * office ships its share of its region and of the federal total as one partial per flush, so no key
 * is hot.
 *
 * <pre>
 * Kafka ─ decode+check ─┬─ keyBy(office) ─ OfficeStage ◄── exclusions ──────────────────────────────┐
 *                       │                   ├─ keyBy(area) ─ AreaStage ─ ClickHouse                │
 *                       │                   ├─ raw facts, office aggregates (raw + clean) ─ ClickHouse
 *                       │                   └─ counted responses ─┬─ drop observations ─ DropAlertStage ─┬─ alerts ─ ClickHouse
 *                       │                                         ├─ kiosk contacts (+ heartbeats) ─ SilentKioskStage ┤   and Kafka
 *                       │                                         └─ comment + low score ─ Kafka feedback.negative    │
 *                       ├─ fraud sightings ─ keyBy(source) ─ FraudFlagStage ─────────────────────────────────────────┘
 *                       │   Kafka alert.reviews ─ keyBy(the flag's source) ─┘ (idle for event time)
 *                       └─ dead letters ─ ClickHouse
 *
 * Kafka assessment.answers ──┐
 * Kafka assessment.assignments ┴─ decode+check ─┬─ keyBy(session) ─ Assessment360Stage ─ ClickHouse
 *                                                └─ dead letters ─ ClickHouse    (assessment_items, _comments, _completion)
 *
 * counted responses (clean: retract/readmit) ─ 1-10 answers per response ─┐
 * Kafka checklists.reports ───┐                                            ├─ keyBy(region) ─ composite regions ─┬─ ClickHouse
 * Kafka methodology.versions ─┴─ decode+check ─┬─ (versions to every region) ┘  (office, managing, region rows)  │ composite_index
 *                                               └─ dead letters ─ ClickHouse     region parts ─ keyBy("RU") ─ composite federal ─┘
 * </pre>
 *
 * <p>Runs embedded ({@code java -jar otklik-streaming-jobs.jar} starts a local MiniCluster) or on
 * a Flink cluster ({@code flink run otklik-streaming-jobs.jar}); both read the same configuration.
 * The topology takes its source and sink as parameters ({@link #build(DataStream, StreamingConfig, Sink)}),
 * so tests can run it on collections.
 */
public final class OfficeIndicatorsJob {

    private static final Logger LOG = LoggerFactory.getLogger(OfficeIndicatorsJob.class);
    public static final String NAME = "otklik-office-indicators";
    /**
     * The layout of the job's state. A checkpoint of another layout cannot be restored: the job then
     * rebuilds the aggregates from the topic instead (see {@link #prepare}). Raise it with every
     * incompatible change of state.
     */
    public static final String STATE_LAYOUT = "6"; // 6: one shift-test state for the country (the 360 stage's state is new: no change)
    static final String LAYOUT_FILE = "STATE_LAYOUT";

    private OfficeIndicatorsJob() {
    }

    public static void main(String[] args) throws Exception {
        StreamingConfig config = StreamingConfig.load(System.getenv());
        if (java.util.Arrays.asList(args).contains("--rebuild")) {
            config = config.withRebuild(true);
        }
        config = prepare(config);
        Configuration flink = flinkConfiguration(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        if (env instanceof LocalStreamEnvironment) {
            // started with java -jar: an embedded MiniCluster, with Flink's web UI for watching it
            flink.set(RestOptions.PORT, config.webUiPort());
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
            LOG.info("event=embedded_cluster web_ui=http://localhost:{}", config.webUiPort());
        }
        build(env, config);
        LOG.info("event=job_starting job={} kafka={} topic={} clickhouse={} parallelism={} state_backend={} rebuild={}",
                NAME, config.kafkaBootstrap(), config.responsesTopic(), config.clickHouse(), env.getParallelism(),
                config.stateBackend(), config.rebuild());
        env.execute(NAME);
    }

    /** Starts the job without blocking; tests and the run command use the handle to stop it. */
    public static JobClient start(StreamExecutionEnvironment env, StreamingConfig config) throws Exception {
        build(env, config);
        return env.executeAsync(NAME);
    }

    /**
     * Cancels the job and waits until it has reached a terminal state, so nothing of it (a checkpoint
     * being written, a sink flushing) runs on while the caller deletes its folders or stops its servers.
     * A job that already ended is fine.
     */
    public static void stop(JobClient job, java.time.Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!job.getJobStatus().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .isGloballyTerminalState()) {
                job.cancel().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | IllegalStateException e) {
            // it ended meanwhile (an embedded cluster shuts down with its job): the wait below returns at once
        }
        try { // completes, normally or not, once the job is globally terminal
            job.getJobExecutionResult().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            // cancelled or failed: terminal either way
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("job " + job.getJobID() + " did not end within " + wait, e);
        }
    }

    /**
     * The safe upgrade path. A checkpoint directory whose checkpoints were written by another state
     * layout (or none recorded: before layouts were recorded) cannot be restored; and with
     * {@code rebuild} set the aggregates are to be rebuilt anyway. In both cases the old checkpoints are
     * moved aside (not deleted), the aggregate tables are emptied, and the job reads the topic from its
     * beginning: the raw facts are rewritten identically (same keys and versions) and every aggregate
     * is computed anew. The layout is then recorded for the next start.
     */
    public static StreamingConfig prepare(StreamingConfig config) throws IOException {
        if (config.checkpointDir().isBlank()) {
            if (config.rebuild()) {
                AggregateTables.empty(config.clickHouse());
            }
            return config;
        }
        Path dir = Path.of(config.checkpointDir()).toAbsolutePath();
        Path layoutFile = dir.resolve(LAYOUT_FILE);
        String layout = Files.isRegularFile(layoutFile) ? Files.readString(layoutFile).trim() : null;
        boolean oldLayout = newestCheckpoint(dir).isPresent() && !STATE_LAYOUT.equals(layout);
        StreamingConfig result = config;
        if (oldLayout || config.rebuild()) {
            LOG.warn("event=rebuilding_aggregates reason=\"{}\" checkpoints={}", oldLayout
                    ? "checkpoints of state layout " + (layout == null ? "1" : layout) + " cannot be restored by layout "
                    + STATE_LAYOUT : "rebuild requested", dir);
            if (Files.isDirectory(dir)) {
                Path aside = dir.resolveSibling(dir.getFileName() + ".before-rebuild-" + Instant.now().getEpochSecond());
                Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
                LOG.warn("event=old_checkpoints_moved to={}", aside);
            }
            AggregateTables.empty(config.clickHouse());
            result = config.withRebuild(true);
        }
        Files.createDirectories(dir);
        Files.writeString(layoutFile, STATE_LAYOUT + "\n", StandardCharsets.UTF_8);
        return result;
    }

    /**
     * Checkpointing, restarts, typed serialization only (a Kryo fallback fails loudly), object reuse
     * (operators hand on immutable records), the state backend, and (when a checkpoint directory is
     * set and no rebuild is running) resuming from the newest checkpoint.
     */
    public static Configuration flinkConfiguration(StreamingConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        // network buffers leave after at most 20 ms: freshness is seconds, not throughput alone
        flink.set(org.apache.flink.configuration.ExecutionOptions.BUFFER_TIMEOUT, java.time.Duration.ofMillis(20));
        if (config.stateBackend() == StreamingConfig.StateBackend.ROCKSDB) {
            flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        } else {
            flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        }
        if (!config.checkpointDir().isBlank()) {
            Path dir = Path.of(config.checkpointDir()).toAbsolutePath();
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
            flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            if (config.resumeFromLatestCheckpoint() && !config.rebuild()) {
                newestCheckpoint(dir).ifPresent(chk -> {
                    LOG.info("event=resuming_from_checkpoint path={}", chk);
                    flink.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toString());
                });
            }
        }
        return flink;
    }

    /** The whole job: the Kafka topic in, ClickHouse out. */
    public static void build(StreamExecutionEnvironment env, StreamingConfig config) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        DataStream<SourceRecord> records = env.fromSource(ResponseSource.kafka(config, config.rebuild()),
                ResponseSource.watermarks(config.outOfOrderness(), config.sourceIdleness()), "responses")
                .uid("responses-source");
        build(records, config, ClickHouseSink.builder()
                .endpoint(config.clickHouse())
                .maxBatchBytes(config.sinkBatchBytes())
                .batchInterval(config.sinkBatchInterval())
                .build(), EventTopic.alerts(config), config.heartbeatsTopic().isBlank() ? null
                : env.fromSource(HeartbeatSource.kafka(config, config.rebuild()),
                        HeartbeatSource.watermarks(config.outOfOrderness(), config.sourceIdleness()), "heartbeats")
                        .uid("heartbeats-source"), config.reviewsTopic().isBlank() ? null
                : env.fromSource(ReviewSource.kafka(config), ReviewSource.watermarks(), "flag reviews")
                        .uid("reviews-source"), config.negativeFeedbackTopic().isBlank() ? null
                : EventTopic.negativeFeedback(config), config.linksReusedTopic().isBlank() ? null
                : env.fromSource(LinkReuseSource.kafka(config, config.rebuild()),
                        LinkReuseSource.watermarks(config.outOfOrderness(), config.sourceIdleness()), "reused links")
                        .uid("links-reused-source"), assessments(env, config), composite(env, config));
    }

    /** The composite index's two topics as one stream of records (null when neither is read). */
    private static DataStream<CompositeInput> composite(StreamExecutionEnvironment env, StreamingConfig config) {
        DataStream<CompositeInput> reports = config.checklistReportsTopic().isBlank() ? null
                : env.fromSource(CompositeSource.reports(config), CompositeSource.watermarks(config.sourceIdleness()), "checklist reports")
                        .uid("composite-reports-source");
        DataStream<CompositeInput> versions = config.methodologyVersionsTopic().isBlank() ? null
                : env.fromSource(CompositeSource.methodologies(config), CompositeSource.watermarks(config.sourceIdleness()),
                        "methodology versions").uid("composite-methodologies-source");
        return reports == null ? versions : versions == null ? reports : reports.union(versions);
    }

    /** The two 360 topics as one stream of records (null when neither is read). */
    private static DataStream<AssessmentRecord> assessments(StreamExecutionEnvironment env, StreamingConfig config) {
        DataStream<AssessmentRecord> answers = config.assessmentAnswersTopic().isBlank() ? null
                : env.fromSource(AssessmentSource.answers(config, config.rebuild()), AssessmentSource.watermarks(),
                        "assessment answers").uid("assessment-answers-source");
        DataStream<AssessmentRecord> assignments = config.assessmentAssignmentsTopic().isBlank() ? null
                : env.fromSource(AssessmentSource.assignments(config), AssessmentSource.watermarks(),
                        "assessment assignments").uid("assessment-assignments-source");
        return answers == null ? assignments : assignments == null ? answers : answers.union(assignments);
    }

    /**
     * The topology between a stream of decoded records (with timestamps and watermarks) and a sink of
     * encoded rows: tests pass collections and a collecting sink.
     */
    public static void build(DataStream<SourceRecord> records, StreamingConfig config, Sink<EncodedRow> sink) {
        build(records, config, sink, null, null);
    }

    /**
     * The same, with the alert events also written to {@code alertSink} (Kafka topic {@code alerts}) and
     * the kiosks' {@code heartbeats} watched beside their taps for silence, each unless null.
     */
    public static void build(DataStream<SourceRecord> records, StreamingConfig config, Sink<EncodedRow> sink,
                             Sink<ru.otklik.common.alert.AlertEvent> alertSink, DataStream<KioskContact> heartbeats) {
        build(records, config, sink, alertSink, heartbeats, null);
    }

    /**
     * The same, with the reviewers' decisions on fraud flags ({@code alert.reviews}) feeding the fraud
     * stage, unless null (then every flagged response stays out of the clean figures).
     */
    public static void build(DataStream<SourceRecord> records, StreamingConfig config, Sink<EncodedRow> sink,
                             Sink<ru.otklik.common.alert.AlertEvent> alertSink, DataStream<KioskContact> heartbeats,
                             DataStream<ru.otklik.common.alert.FlagReviewEvent> reviews) {
        build(records, config, sink, alertSink, heartbeats, reviews, null);
    }

    /**
     * The same, with every counted response that opens a case (a comment and a low score, see
     * {@link NegativeFeedbackCases}) written to {@code feedbackSink} (Kafka topic {@code feedback.negative}),
     * unless null.
     */
    public static void build(DataStream<SourceRecord> records, StreamingConfig config, Sink<EncodedRow> sink,
                             Sink<ru.otklik.common.alert.AlertEvent> alertSink, DataStream<KioskContact> heartbeats,
                             DataStream<ru.otklik.common.alert.FlagReviewEvent> reviews,
                             Sink<NegativeFeedback> feedbackSink) {
        build(records, config, sink, alertSink, heartbeats, reviews, feedbackSink, null);
    }

    /**
     * The same, with ingest's refusals of second answers to spent single-use links ({@code links.reused}) flagged
     * per link ({@link LinkReuseStage}), unless null.
     */
    public static void build(DataStream<SourceRecord> records, StreamingConfig config, Sink<EncodedRow> sink,
                             Sink<ru.otklik.common.alert.AlertEvent> alertSink, DataStream<KioskContact> heartbeats,
                             DataStream<ru.otklik.common.alert.FlagReviewEvent> reviews,
                             Sink<NegativeFeedback> feedbackSink, DataStream<LinkReuse> reuses) {
        build(records, config, sink, alertSink, heartbeats, reviews, feedbackSink, reuses, null);
    }

    /**
     * The same, with the 360 topics' records ({@code assessment.answers} and {@code assessment.assignments}, see
     * {@link AssessmentSource}) counted per session ({@link Assessment360Stage}), unless null.
     */
    public static void build(DataStream<SourceRecord> records, StreamingConfig config, Sink<EncodedRow> sink,
                             Sink<ru.otklik.common.alert.AlertEvent> alertSink, DataStream<KioskContact> heartbeats,
                             DataStream<ru.otklik.common.alert.FlagReviewEvent> reviews,
                             Sink<NegativeFeedback> feedbackSink, DataStream<LinkReuse> reuses,
                             DataStream<AssessmentRecord> assessments) {
        build(records, config, sink, alertSink, heartbeats, reviews, feedbackSink, reuses, assessments, null);
    }

    /**
     * The same, with the composite index's topics' records ({@code checklists.reports} and
     * {@code methodology.versions}, see {@link CompositeSource}) and the clean counted responses making the composite
     * client-centricity index per office, managing office, region and the country ({@link CompositeIndexStage}),
     * unless null.
     */
    public static void build(DataStream<SourceRecord> records, StreamingConfig config, Sink<EncodedRow> sink,
                             Sink<ru.otklik.common.alert.AlertEvent> alertSink, DataStream<KioskContact> heartbeats,
                             DataStream<ru.otklik.common.alert.FlagReviewEvent> reviews,
                             Sink<NegativeFeedback> feedbackSink, DataStream<LinkReuse> reuses,
                             DataStream<AssessmentRecord> assessments, DataStream<CompositeInput> composite) {
        if (assessments != null && config.outputs() == StreamingConfig.Outputs.ALL) {
            SingleOutputStreamOperator<AssessmentRecord> usable = assessments
                    .process(new Assessment360Stage.Split(), OtklikTypes.ASSESSMENT_RECORD).uid("assessment-split")
                    .name("checked 360 records");
            usable.getSideOutput(DeadLetterSplit.DEAD_LETTERS).sinkTo(sink).uid("assessment-dead-letters-sink")
                    .name("360 dead letters");
            chained(usable.keyBy(AssessmentRecord::sessionId, Types.STRING)
                    .process(new Assessment360Stage(), OtklikTypes.ENCODED_ROW).uid("assessment-360-stage")
                    .name("360 assessment"))
                    .sinkTo(sink).uid("assessment-360-sink").name("assessment items, comments, completion");
        }
        SingleOutputStreamOperator<ResponseChange> checked = records
                .process(new DeadLetterSplit(), OtklikTypes.RESPONSE_CHANGE).uid("dead-letter-split")
                .name("checked responses");
        checked.getSideOutput(DeadLetterSplit.DEAD_LETTERS).sinkTo(sink).uid("dead-letters-sink")
                .name("stream_dead_letters");

        boolean aggregating = config.outputs() == StreamingConfig.Outputs.ALL;
        OfficeStage officeStage = new OfficeStage(config.emitInterval(), config.lateHorizon(), config.dedupRetention(),
                config.minimumSample(), aggregating, 200_000).catchingUp(config.catchUpRate(), config.catchUpInterval());
        var byOffice = checked.keyBy(ResponseChange::officeCode, Types.STRING);
        SingleOutputStreamOperator<AreaDelta> offices;
        SingleOutputStreamOperator<EncodedRow> frauds = null;
        if (aggregating) {
            // the fraud flags are keyed by source and see the checked responses straight away (a shuffle of
            // sightings); what a flag excludes comes back to the office stage as its second input
            if (reviews == null) { // no decisions: a stream that never has one, moving with the responses' watermark
                reviews = chained(eventTimeOnly(checked, OtklikTypes.FLAG_REVIEW, "no-reviews", "no reviews"));
            }
            frauds = chained(checked.flatMap(FraudFlagStage.sightings(config.fraud(), config.openingHours()),
                            OtklikTypes.FRAUD_SIGHTING)
                    .uid("fraud-sightings").name("fraud sightings"))
                    .keyBy(FraudSighting::clusterKey, Types.STRING)
                    .connect(reviews.keyBy(FraudFlagStage::clusterKeyOf, Types.STRING))
                    .transform("fraud flags", OtklikTypes.ENCODED_ROW, FraudFlagStage.operator(config.fraud()))
                    .uid("fraud-flag-stage");
            offices = chained(byOffice.connect(frauds.getSideOutput(FraudFlagStage.EXCLUSIONS)
                            .keyBy(ResponseChange::officeCode, Types.STRING))
                    .transform("office stage", TypeInformation.of(AreaDelta.class), officeStage)
                    .uid("office-stage"));
        } else {
            offices = chained(byOffice.transform("office stage", TypeInformation.of(AreaDelta.class), officeStage)
                    .uid("office-stage"));
        }
        offices.getSideOutput(OfficeStage.ROWS).sinkTo(sink).uid("office-sink")
                .name("responses, answers, late events, office aggregates");
        if (aggregating) {
            chained(offices.keyBy(AreaDelta::areaKey, Types.STRING)
                    .transform("region and federal stage", OtklikTypes.ENCODED_ROW, new AreaStage(
                            config.emitInterval(), config.lateHorizon(), config.minimumSample()))
                    .uid("area-stage"))
                    .sinkTo(sink).uid("area-sink").name("region and federal aggregates");
            // the office stage's counted responses are still partitioned by office: the drop test, keyed by
            // office too, needs no second shuffle
            SingleOutputStreamOperator<EncodedRow> drops = chained(DataStreamUtils.reinterpretAsKeyedStream(
                    chained(offices.getSideOutput(OfficeStage.COUNTED_RESPONSES)
                            .flatMap(DropAlertStage.observations(), OtklikTypes.DROP_OBSERVATION)
                            .uid("drop-observations").name("drop observations")),
                    DropObservation::officeCode, Types.STRING)
                    .process(new DropAlertStage(config.dropTest(), config.dropRule()), OtklikTypes.ENCODED_ROW).uid("drop-alert-stage")
                    .name("drop alerts"));
            drops.sinkTo(sink).uid("alerts-sink").name("alerts");
            // the shift test: per office one record a day (local), to one key for the country (global: an office alone
            // in its region is compared with the rest of the country), never one per form
            SingleOutputStreamOperator<EncodedRow> shifts = chained(DataStreamUtils.reinterpretAsKeyedStream(
                            offices.getSideOutput(OfficeStage.COUNTED_RESPONSES), ResponseChange::officeCode, Types.STRING)
                    .process(new ShareDays(), OtklikTypes.OFFICE_SHARE_DAY).uid("share-days").name("office share days"))
                    .keyBy(ShareShiftStage::key, Types.STRING)
                    .process(new ShareShiftStage(config.shift()), OtklikTypes.ENCODED_ROW).uid("share-shift-stage")
                    .name("distribution shift");
            shifts.sinkTo(sink).uid("share-shift-sink").name("distribution shifts");
            // reused links: the topic is quiet nearly always; a stream with no records but the responses' event
            // time lets the closing timers fire while it is
            DataStream<LinkReuse> responseTime = eventTimeOnly(checked, OtklikTypes.LINK_REUSE, "response-time-for-links",
                    "response time");
            SingleOutputStreamOperator<EncodedRow> reusedLinks = (reuses == null ? responseTime : reuses.union(responseTime))
                    .keyBy(LinkReuse::linkId, Types.STRING)
                    .process(new LinkReuseStage(), OtklikTypes.ENCODED_ROW).uid("link-reuse-stage").name("reused links");
            reusedLinks.sinkTo(sink).uid("link-reuse-sink").name("reused links");
            frauds.sinkTo(sink).uid("fraud-flags-sink").name("fraud flags");
            if (composite != null) {
                // the composite index: at most one small record per counted response (its 1-10 answers), the
                // reports and every methodology version (once per region) keyed by region; each region's part to
                // one federal key
                SingleOutputStreamOperator<CompositeInput> usable = composite
                        .process(new CompositeIndexStage.Split(), OtklikTypes.COMPOSITE_INPUT).uid("composite-split")
                        .name("checked reports and methodology versions");
                usable.getSideOutput(DeadLetterSplit.DEAD_LETTERS).sinkTo(sink).uid("composite-dead-letters-sink")
                        .name("composite dead letters");
                DataStream<CompositeInput> perRegion = usable.flatMap(CompositeIndexStage.toRegions(),
                        OtklikTypes.COMPOSITE_INPUT).uid("composite-to-regions").name("methodology to every region");
                DataStream<CompositeInput> answers = offices.getSideOutput(OfficeStage.COUNTED_RESPONSES)
                        .flatMap(CompositeIndexStage.subjective(), OtklikTypes.COMPOSITE_INPUT)
                        .uid("composite-subjective").name("1-10 answers per response");
                SingleOutputStreamOperator<EncodedRow> regions = chained(answers.union(perRegion)
                        .keyBy(CompositeInput::regionCode, Types.STRING)
                        .process(new CompositeIndexStage.Regions(config.emitInterval(), config.sourceIdleness()), OtklikTypes.ENCODED_ROW)
                        .uid("composite-region-stage").name("composite index: offices, managing offices, regions"));
                regions.sinkTo(sink).uid("composite-region-sink").name("composite index (regions)");
                chained(regions.getSideOutput(CompositeIndexStage.PARTS)
                        .keyBy(RegionIndexPart::federalKey, Types.STRING)
                        .process(new CompositeIndexStage.Federal(config.emitInterval(), config.sourceIdleness()), OtklikTypes.ENCODED_ROW)
                        .uid("composite-federal-stage").name("composite index: federal"))
                        .sinkTo(sink).uid("composite-federal-sink").name("composite index (federal)");
            }
            // kiosk contacts: every counted tap and, if read, every heartbeat
            DataStream<KioskContact> contacts = offices.getSideOutput(OfficeStage.COUNTED_RESPONSES)
                    .filter(c -> c.kind() == ResponseChange.Kind.ADD
                            && c.response().channel() == ru.otklik.common.response.Channel.KIOSK
                            && c.response().touchpointId() != null).uid("kiosk-taps").name("kiosk taps")
                    .map(c -> new KioskContact(c.response().officeCode(), c.response().touchpointId(),
                            c.response().clientTs().toEpochMilli()), OtklikTypes.KIOSK_CONTACT).uid("tap-contacts")
                    .name("tap contacts");
            if (heartbeats != null) {
                contacts = contacts.union(heartbeats);
            }
            SingleOutputStreamOperator<EncodedRow> silences = contacts.keyBy(KioskContact::officeCode, Types.STRING)
                    .process(new SilentKioskStage(config.openingHours(), config.silentKioskAfter()),
                            OtklikTypes.ENCODED_ROW).uid("silent-kiosk-stage").name("silent kiosks");
            silences.sinkTo(sink).uid("silent-kiosks-sink").name("silent kiosks");
            if (alertSink != null) {
                drops.getSideOutput(AlertOutput.EVENTS).union(frauds.getSideOutput(AlertOutput.EVENTS),
                                silences.getSideOutput(AlertOutput.EVENTS), shifts.getSideOutput(AlertOutput.EVENTS),
                                reusedLinks.getSideOutput(AlertOutput.EVENTS))
                        .sinkTo(alertSink).uid("alerts-topic-sink").name("alerts topic");
            }
            if (feedbackSink != null) {
                // counted responses, not checked ones: a resent form (same response id) opens no second case
                offices.getSideOutput(OfficeStage.COUNTED_RESPONSES)
                        .flatMap(new NegativeFeedbackCases(config.lowScoreRule()), OtklikTypes.NEGATIVE_FEEDBACK)
                        .uid("negative-feedback").name("negative feedback")
                        .sinkTo(feedbackSink).uid("negative-feedback-sink").name("negative feedback topic");
            }
        }
    }

    /**
     * A stream of {@code type} that never has a record but carries the responses' event time: what a quiet input
     * is merged with (or stands in for) so that the timers of the stage it feeds fire as the responses' time moves.
     */
    private static <T> SingleOutputStreamOperator<T> eventTimeOnly(DataStream<ResponseChange> responses,
                                                                   TypeInformation<T> type, String uid, String name) {
        return responses.flatMap((ResponseChange c, org.apache.flink.util.Collector<T> out) -> { }, type)
                .uid(uid).name(name);
    }

    /** The operator's sinks chain to it: rows never cross a network buffer on their way to ClickHouse. */
    private static <T> SingleOutputStreamOperator<T> chained(SingleOutputStreamOperator<T> stage) {
        ((org.apache.flink.streaming.api.transformations.PhysicalTransformation<T>) stage.getTransformation())
                .setChainingStrategy(ChainingStrategy.ALWAYS);
        return stage;
    }

    /** The newest completed checkpoint ({@code <job>/chk-N} with a {@code _metadata} file), if any. */
    static Optional<Path> newestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        // A running job deletes subsumed checkpoints while we look: a directory that vanishes
        // between listing and reading is skipped, not an error (Files.walk would throw
        // UncheckedIOException out of the stream for it).
        Path newest = null;
        long newestModified = Long.MIN_VALUE;
        List<Path> jobDirs = new ArrayList<>(listOrEmpty(dir));
        jobDirs.add(dir); // a checkpoint directly under dir counts too
        for (Path jobDir : jobDirs) {
            for (Path chk : listOrEmpty(jobDir)) {
                if (!chk.getFileName().toString().startsWith("chk-")) {
                    continue;
                }
                long modified = modified(chk);
                if (modified > 0 && modified > newestModified) {
                    newest = chk;
                    newestModified = modified;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    private static List<Path> listOrEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("event=checkpoint_scan_skipped dir={} reason=\"{}\"", dir, e.getMessage());
            return List.of();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
