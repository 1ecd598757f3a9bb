package ru.otklik.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.clickhouse.ClickHouseSinks;
import ru.otklik.streaming.facts.AnswerRow;
import ru.otklik.streaming.facts.FirstSeenFilter;
import ru.otklik.streaming.facts.ResponseRow;
import ru.otklik.streaming.minute.AnswerMinuteRow;
import ru.otklik.streaming.minute.MinuteBucketAggregator;
import ru.otklik.streaming.history.HistoryBucketAggregator;
import ru.otklik.streaming.rolling.IndicatorScope;
import ru.otklik.streaming.rolling.RollingIndicatorAggregator;
import ru.otklik.streaming.rolling.ScoreEvent;
import ru.otklik.streaming.rolling.ScoreEvents;
import ru.otklik.streaming.source.ResponseSource;

/**
 * Responses from Kafka into ClickHouse: every response and answer as raw facts, per-office score
 * counts in 1-minute event-time buckets, rolling indicator windows per scope and the hourly/daily
 * indicator history.
 *
 * <p>Runs embedded ({@code java -jar otklik-streaming-jobs.jar} starts a local MiniCluster) or on
 * a Flink cluster ({@code flink run otklik-streaming-jobs.jar}); both read the same configuration.
 */
public final class OfficeIndicatorsJob {

    private static final Logger LOG = LoggerFactory.getLogger(OfficeIndicatorsJob.class);
    public static final String NAME = "otklik-office-indicators";

    private OfficeIndicatorsJob() {
    }

    public static void main(String[] args) throws Exception {
        StreamingConfig config = StreamingConfig.load(System.getenv());
        Configuration flink = flinkConfiguration(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        if (env instanceof LocalStreamEnvironment) {
            // started with java -jar: an embedded MiniCluster, with Flink's web UI for watching it
            flink.set(RestOptions.PORT, config.webUiPort());
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
            LOG.info("event=embedded_cluster web_ui=http://localhost:{}", config.webUiPort());
        }
        build(env, config);
        LOG.info("event=job_starting job={} kafka={} topic={} clickhouse={} parallelism={}", NAME,
                config.kafkaBootstrap(), config.responsesTopic(), config.clickHouseJdbcUrl(), env.getParallelism());
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
        org.apache.flink.api.common.JobStatus status = job.getJobStatus().get(wait.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        if (!status.isGloballyTerminalState()) {
            try {
                job.cancel().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // it ended between the two calls: the loop below sees the terminal state
            }
        }
        while (true) {
            try {
                status = job.getJobStatus().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                return; // the cluster no longer knows the job: it is gone
            }
            if (status.isGloballyTerminalState()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job.getJobID() + " still " + status + " after " + wait);
            }
            Thread.sleep(50);
        }
    }

    /** Checkpointing, restarts and (when a checkpoint directory is set) resuming from the newest checkpoint. */
    public static Configuration flinkConfiguration(StreamingConfig config) {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        if (!config.checkpointDir().isBlank()) {
            Path dir = Path.of(config.checkpointDir()).toAbsolutePath();
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
            flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            if (config.resumeFromLatestCheckpoint()) {
                newestCheckpoint(dir).ifPresent(chk -> {
                    LOG.info("event=resuming_from_checkpoint path={}", chk);
                    flink.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toString());
                });
            }
        }
        return flink;
    }

    public static void build(StreamExecutionEnvironment env, StreamingConfig config) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);

        DataStream<SurveyResponse> responses = ResponseSource.from(env, config);

        SingleOutputStreamOperator<SurveyResponse> firstSeen = responses
                .keyBy(SurveyResponse::officeCode)
                .process(new FirstSeenFilter(config.lateHorizon(), config.dedupRetention()))
                .uid("first-seen").name("first seen, not too late");

        firstSeen.getSideOutput(FirstSeenFilter.TOO_LATE)
                .sinkTo(ClickHouseSinks.lateEvents(config)).uid("late-events-sink").name("late_events");
        firstSeen.map(ResponseRow::of).uid("response-rows").name("response rows")
                .sinkTo(ClickHouseSinks.responses(config)).uid("responses-sink").name("responses");
        firstSeen.flatMap((SurveyResponse r, org.apache.flink.util.Collector<AnswerRow> out) ->
                        AnswerRow.of(r).forEach(out::collect))
                .returns(AnswerRow.class).uid("answer-rows").name("answer rows")
                .sinkTo(ClickHouseSinks.answers(config)).uid("answers-sink").name("answers");

        // same key as the filter and no repartitioning in between: skip a second shuffle
        SingleOutputStreamOperator<AnswerMinuteRow> minutes = DataStreamUtils
                .reinterpretAsKeyedStream(firstSeen, SurveyResponse::officeCode, Types.STRING)
                .process(new MinuteBucketAggregator(config.emitInterval(), config.lateHorizon()))
                .uid("minute-buckets").name("1-minute office buckets");
        minutes.sinkTo(ClickHouseSinks.answerMinutes(config)).uid("answer-minute-sink").name("answer_minute");
        minutes.getSideOutput(MinuteBucketAggregator.RESPONSE_COUNTS)
                .sinkTo(ClickHouseSinks.responseMinutes(config)).uid("response-minute-sink").name("response_minute");

        // rolling windows per office, region, federal total and the office breakdowns (channel,
        // touchpoint, employee): each answer fans out to its scopes (IndicatorScope decides which)
        firstSeen.flatMap(new ScoreEvents(IndicatorScope.Use.ROLLING_WINDOWS)).uid("score-events")
                .name("answers by scope")
                .keyBy(ScoreEvent::scopeKey)
                .process(new RollingIndicatorAggregator(config.emitInterval(), config.detailEmitInterval(),
                        config.minimumSample()))
                .uid("rolling-windows").name("rolling windows")
                .sinkTo(ClickHouseSinks.indicatorWindows(config)).uid("indicator-window-sink").name("indicator_window");

        // hourly and daily history per office, region and federal total
        firstSeen.flatMap(new ScoreEvents(IndicatorScope.Use.HISTORY)).uid("history-score-events")
                .name("answers by history scope")
                .keyBy(ScoreEvent::scopeKey)
                .process(new HistoryBucketAggregator(config.detailEmitInterval(), config.lateHorizon(),
                        config.minimumSample()))
                .uid("history-buckets").name("hourly and daily history")
                .sinkTo(ClickHouseSinks.indicatorHistory(config)).uid("indicator-history-sink").name("indicator_history");
    }

    /** The newest completed checkpoint ({@code <job>/chk-N} with a {@code _metadata} file), if any. */
    static Optional<Path> newestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(OfficeIndicatorsJob::modified));
        } catch (IOException e) {
            LOG.warn("event=checkpoint_scan_failed dir={} reason=\"{}\"", dir, e.getMessage());
            return Optional.empty();
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
