package ru.otklik.streaming;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the streaming jobs. Defaults suit the local run; a properties file (path in
 * {@code OTKLIK_STREAMING_CONFIG}) overrides them, and environment variables override both.
 *
 * @param lateHorizon events further behind the watermark than this go to {@code late_events}
 * @param emitInterval how often a changed office bucket or office/region/federal window is written
 *                     (bounds rows per second)
 * @param detailEmitInterval the same for the channel/touchpoint/employee breakdowns and the hourly and
 *                     daily history: there are many more of them and nobody watches them by the second
 * @param checkpointDir where checkpoints are kept; the job resumes from the newest one there
 */
public record StreamingConfig(
        String kafkaBootstrap,
        String responsesTopic,
        String consumerGroup,
        String clickHouseJdbcUrl,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        boolean resumeFromLatestCheckpoint,
        Duration outOfOrderness,
        Duration sourceIdleness,
        Duration lateHorizon,
        Duration emitInterval,
        Duration detailEmitInterval,
        Duration dedupRetention,
        int sinkBatchSize,
        Duration sinkBatchInterval,
        int webUiPort,
        int minimumSample) implements java.io.Serializable {

    public static StreamingConfig load(Map<String, String> env) {
        Properties p = new Properties();
        String file = env.get("OTKLIK_STREAMING_CONFIG");
        if (file != null && !file.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        Setting s = new Setting(p, env);
        return new StreamingConfig(
                s.get("kafka.bootstrap", "OTKLIK_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
                s.get("kafka.topic", "OTKLIK_RESPONSES_TOPIC", ru.otklik.common.response.Topics.RESPONSES),
                s.get("kafka.group", "OTKLIK_STREAMING_GROUP", "otklik-office-indicators"),
                s.get("clickhouse.jdbc", "OTKLIK_CLICKHOUSE_JDBC", "jdbc:clickhouse:http://127.0.0.1:18123/otklik"),
                Integer.parseInt(s.get("parallelism", "OTKLIK_STREAMING_PARALLELISM", "2")),
                Duration.parse(s.get("checkpoint.interval", "OTKLIK_CHECKPOINT_INTERVAL", "PT10S")),
                s.get("checkpoint.dir", "OTKLIK_CHECKPOINT_DIR", ""),
                Boolean.parseBoolean(s.get("checkpoint.resume-latest", "OTKLIK_RESUME_LATEST_CHECKPOINT", "true")),
                Duration.parse(s.get("watermark.out-of-orderness", "OTKLIK_OUT_OF_ORDERNESS", "PT5S")),
                Duration.parse(s.get("source.idleness", "OTKLIK_SOURCE_IDLENESS", "PT30S")),
                Duration.parse(s.get("late.horizon", "OTKLIK_LATE_HORIZON", "P7D")),
                Duration.parse(s.get("emit.interval", "OTKLIK_EMIT_INTERVAL", "PT1S")),
                Duration.parse(s.get("emit.detail-interval", "OTKLIK_DETAIL_EMIT_INTERVAL", "PT5S")),
                Duration.parse(s.get("dedup.retention", "OTKLIK_DEDUP_RETENTION", "P35D")),
                Integer.parseInt(s.get("sink.batch-size", "OTKLIK_SINK_BATCH_SIZE", "5000")),
                Duration.parse(s.get("sink.batch-interval", "OTKLIK_SINK_BATCH_INTERVAL", "PT0.2S")),
                Integer.parseInt(s.get("web-ui.port", "OTKLIK_FLINK_UI_PORT", "8081")),
                Integer.parseInt(s.get("minimum-sample", "OTKLIK_MINIMUM_SAMPLE",
                        String.valueOf(ru.otklik.common.indicator.Indicators.DEFAULT_MINIMUM_SAMPLE))));
    }

    /** One setting: environment variable, else properties file, else default. */
    private record Setting(Properties file, Map<String, String> env) {
        String get(String key, String envName, String fallback) {
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
            return file.getProperty(key, fallback);
        }
    }
}
