package ru.otklik.streaming.clickhouse;

import java.sql.Types;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import ru.otklik.streaming.StreamingConfig;
import ru.otklik.streaming.facts.AnswerRow;
import ru.otklik.streaming.history.IndicatorHistoryRow;
import ru.otklik.streaming.facts.LateEventRow;
import ru.otklik.streaming.facts.ResponseRow;
import ru.otklik.streaming.minute.AnswerMinuteRow;
import ru.otklik.streaming.minute.ResponseMinuteRow;
import ru.otklik.streaming.rolling.IndicatorWindowRow;

/**
 * At-least-once JDBC sinks into ClickHouse. At-least-once is enough because every row has a
 * deterministic key and version: a replay rewrites identical rows and ReplacingMergeTree keeps one.
 * DateTime values are bound as epoch seconds (ClickHouse 18.16 lacks the functions the driver
 * uses for {@code setTimestamp}).
 */
public final class ClickHouseSinks {

    private static final String DRIVER = "com.clickhouse.jdbc.ClickHouseDriver";

    private ClickHouseSinks() {
    }

    public static JdbcSink<ResponseRow> responses(StreamingConfig config) {
        return sink(config, """
                INSERT INTO otklik.responses (response_id, survey_id, survey_version, audience, channel, mode,
                  region_code, office_code, touchpoint_id, employee_id, client_ts, received_ts, answer_count,
                  suppressed_presses, gender, age_band, category, ownership, org_size, traits, comment, ip_hash,
                  user_agent_hash, started_ts, fill_ms, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (JdbcStatementBuilder<ResponseRow>) (ps, r) -> {
                    int i = 1;
                    ps.setString(i++, r.responseId());
                    ps.setString(i++, r.surveyId());
                    ps.setInt(i++, r.surveyVersion());
                    ps.setString(i++, r.audience());
                    ps.setString(i++, r.channel());
                    ps.setString(i++, r.mode());
                    ps.setString(i++, r.regionCode());
                    ps.setString(i++, r.officeCode());
                    ps.setString(i++, r.touchpointId());
                    ps.setString(i++, r.employeeId());
                    ps.setLong(i++, r.clientTs());
                    ps.setLong(i++, r.receivedTs());
                    ps.setInt(i++, r.answerCount());
                    ps.setLong(i++, r.suppressedPresses());
                    ps.setString(i++, r.gender());
                    ps.setString(i++, r.ageBand());
                    ps.setString(i++, r.category());
                    ps.setString(i++, r.ownership());
                    ps.setString(i++, r.orgSize());
                    ps.setArray(i++, ps.getConnection().createArrayOf("String", r.traits().toArray()));
                    ps.setString(i++, r.comment());
                    ps.setString(i++, r.ipHash());
                    ps.setString(i++, r.userAgentHash());
                    setNullableLong(ps, i++, r.startedTs());
                    setNullableLong(ps, i++, r.fillMillis());
                    ps.setLong(i, r.version());
                });
    }

    public static JdbcSink<AnswerRow> answers(StreamingConfig config) {
        return sink(config, """
                INSERT INTO otklik.answers (response_id, survey_id, survey_version, question_id, audience, channel,
                  mode, region_code, office_code, touchpoint_id, employee_id, score, choice, client_ts, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (JdbcStatementBuilder<AnswerRow>) (ps, a) -> {
                    int i = 1;
                    ps.setString(i++, a.responseId());
                    ps.setString(i++, a.surveyId());
                    ps.setInt(i++, a.surveyVersion());
                    ps.setString(i++, a.questionId());
                    ps.setString(i++, a.audience());
                    ps.setString(i++, a.channel());
                    ps.setString(i++, a.mode());
                    ps.setString(i++, a.regionCode());
                    ps.setString(i++, a.officeCode());
                    ps.setString(i++, a.touchpointId());
                    ps.setString(i++, a.employeeId());
                    if (a.score() == null) {
                        ps.setNull(i++, Types.SMALLINT);
                    } else {
                        ps.setShort(i++, a.score().shortValue());
                    }
                    ps.setString(i++, a.choice());
                    ps.setLong(i++, a.clientTs());
                    ps.setLong(i, a.version());
                });
    }

    public static JdbcSink<AnswerMinuteRow> answerMinutes(StreamingConfig config) {
        return sink(config, """
                INSERT INTO otklik.answer_minute (region_code, office_code, survey_id, question_id, audience, channel,
                  bucket_start, answered, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (JdbcStatementBuilder<AnswerMinuteRow>) (ps, m) -> {
                    int i = 1;
                    ps.setString(i++, m.regionCode());
                    ps.setString(i++, m.officeCode());
                    ps.setString(i++, m.surveyId());
                    ps.setString(i++, m.questionId());
                    ps.setString(i++, m.audience());
                    ps.setString(i++, m.channel());
                    ps.setLong(i++, m.bucketStart());
                    ps.setLong(i++, m.answered());
                    for (long c : m.counts()) {
                        ps.setLong(i++, c);
                    }
                    ps.setLong(i, m.version());
                });
    }

    public static JdbcSink<ResponseMinuteRow> responseMinutes(StreamingConfig config) {
        return sink(config, """
                INSERT INTO otklik.response_minute (region_code, office_code, survey_id, audience, channel,
                  bucket_start, responses, suppressed_presses, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (JdbcStatementBuilder<ResponseMinuteRow>) (ps, m) -> {
                    int i = 1;
                    ps.setString(i++, m.regionCode());
                    ps.setString(i++, m.officeCode());
                    ps.setString(i++, m.surveyId());
                    ps.setString(i++, m.audience());
                    ps.setString(i++, m.channel());
                    ps.setLong(i++, m.bucketStart());
                    ps.setLong(i++, m.responses());
                    ps.setLong(i++, m.suppressedPresses());
                    ps.setLong(i, m.version());
                });
    }

    public static JdbcSink<LateEventRow> lateEvents(StreamingConfig config) {
        return sink(config, """
                INSERT INTO otklik.late_events (response_id, survey_id, region_code, office_code, channel, client_ts,
                  received_ts, watermark_ts, reason, payload, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (JdbcStatementBuilder<LateEventRow>) (ps, l) -> {
                    int i = 1;
                    ps.setString(i++, l.responseId());
                    ps.setString(i++, l.surveyId());
                    ps.setString(i++, l.regionCode());
                    ps.setString(i++, l.officeCode());
                    ps.setString(i++, l.channel());
                    ps.setLong(i++, l.clientTs());
                    ps.setLong(i++, l.receivedTs());
                    ps.setLong(i++, l.watermarkTs());
                    ps.setString(i++, l.reason());
                    ps.setString(i++, l.payload());
                    ps.setLong(i, l.version());
                });
    }

    public static JdbcSink<IndicatorWindowRow> indicatorWindows(StreamingConfig config) {
        return sink(config, """
                INSERT INTO otklik.indicator_window (scope_level, scope_code, audience, window, survey_id, question_id,
                  as_of, n, positive, share, low, high, sufficient, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (JdbcStatementBuilder<IndicatorWindowRow>) (ps, w) -> {
                    int i = 1;
                    ps.setString(i++, w.level());
                    ps.setString(i++, w.code());
                    ps.setString(i++, w.audience());
                    ps.setString(i++, w.window());
                    ps.setString(i++, w.surveyId());
                    ps.setString(i++, w.questionId());
                    ps.setLong(i++, w.asOf());
                    ps.setLong(i++, w.n());
                    ps.setLong(i++, w.positive());
                    ps.setDouble(i++, w.share());
                    ps.setDouble(i++, w.low());
                    ps.setDouble(i++, w.high());
                    ps.setInt(i++, w.sufficient() ? 1 : 0);
                    for (long c : w.counts()) {
                        ps.setLong(i++, c);
                    }
                    ps.setLong(i, w.version());
                });
    }

    public static JdbcSink<IndicatorHistoryRow> indicatorHistory(StreamingConfig config) {
        return sink(config, """
                INSERT INTO otklik.indicator_history (scope_level, scope_code, audience, granularity, bucket_start,
                  survey_id, question_id, n, positive, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (JdbcStatementBuilder<IndicatorHistoryRow>) (ps, h) -> {
                    int i = 1;
                    ps.setString(i++, h.level());
                    ps.setString(i++, h.code());
                    ps.setString(i++, h.audience());
                    ps.setString(i++, h.granularity());
                    ps.setLong(i++, h.bucketStart());
                    ps.setString(i++, h.surveyId());
                    ps.setString(i++, h.questionId());
                    ps.setLong(i++, h.n());
                    ps.setLong(i++, h.positive());
                    for (long c : h.counts()) {
                        ps.setLong(i++, c);
                    }
                    ps.setLong(i, h.version());
                });
    }

    /** Nullable(DateTime) as epoch seconds and Nullable(Int64) alike: NULL when absent, never 0. */
    private static void setNullableLong(java.sql.PreparedStatement ps, int index, Long value)
            throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static <T> JdbcSink<T> sink(StreamingConfig config, String sql, JdbcStatementBuilder<T> binder) {
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, binder)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(config.sinkBatchSize())
                        .withBatchIntervalMs(config.sinkBatchInterval().toMillis())
                        .withMaxRetries(5)
                        .build())
                .buildAtLeastOnce(new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(config.clickHouseJdbcUrl())
                        .withDriverName(DRIVER)
                        .build());
    }
}
