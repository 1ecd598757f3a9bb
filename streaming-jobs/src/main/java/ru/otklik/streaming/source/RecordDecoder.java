package ru.otklik.streaming.source;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.StreamDeadLetterRow;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.ResponseRecordCheck;
import ru.otklik.common.validation.Violation;

/**
 * Turns the bytes of one Kafka record into a response or a dead letter, and never throws: a record
 * that does not decode, or decodes but breaks what ingest promised ({@link ResponseRecordCheck}),
 * must not stop the job — restarting would read the same record again, for ever. Dead letters are
 * logged (topic, partition, offset, reason; at most a few lines a minute, counted always) and kept
 * in {@code stream_dead_letters}.
 */
public final class RecordDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);
    /** Log lines per minute before the rest are only counted. */
    private static final int LOG_PER_MINUTE = 10;

    private final ResponseRecordCheck check;
    private final Clock clock;
    private long logMinute;
    private int loggedThisMinute;
    private long suppressedLogs;

    public RecordDecoder(SurveyCatalog surveys, OfficeDirectory offices, Clock clock) {
        this.check = new ResponseRecordCheck(surveys, offices);
        this.clock = clock;
    }

    public SourceRecord decode(String topic, int partition, long offset, long kafkaTs, byte[] value) {
        if (value == null || value.length == 0) {
            return dead(topic, partition, offset, kafkaTs, value, "empty", "the record has no value");
        }
        SurveyResponse response;
        try {
            response = EventJson.mapper().readValue(value, SurveyResponse.class);
        } catch (Exception | StackOverflowError e) { // whatever the bytes do to the parser, the job goes on
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", firstLine(e));
        }
        if (response == null) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", "JSON null");
        }
        List<Violation> violations;
        try {
            violations = check.check(response);
        } catch (RuntimeException e) {
            return dead(topic, partition, offset, kafkaTs, value, "invalid", firstLine(e));
        }
        if (!violations.isEmpty()) {
            return dead(topic, partition, offset, kafkaTs, value, "invalid", ResponseRecordCheck.summary(violations));
        }
        return SourceRecord.valid(response);
    }

    private SourceRecord dead(String topic, int partition, long offset, long kafkaTs, byte[] value, String reason,
                              String detail) {
        byte[] raw = value == null ? new byte[0]
                : Arrays.copyOf(value, Math.min(value.length, StreamDeadLetterRow.MAX_RAW_BYTES));
        long now = clock.millis();
        log(topic, partition, offset, reason, detail, now);
        return SourceRecord.dead(new StreamDeadLetterRow(topic, partition, offset, Math.max(0, kafkaTs / 1000),
                now / 1000, reason, cut(detail, 1000), raw, value == null ? 0 : value.length, 1));
    }

    private void log(String topic, int partition, long offset, String reason, String detail, long now) {
        long minute = now / 60_000;
        if (minute != logMinute) {
            if (suppressedLogs > 0) {
                LOG.warn("event=dead_letters_not_logged count={} (see otklik.stream_dead_letters)", suppressedLogs);
            }
            logMinute = minute;
            loggedThisMinute = 0;
            suppressedLogs = 0;
        }
        if (loggedThisMinute++ < LOG_PER_MINUTE) {
            LOG.warn("event=dead_letter topic={} partition={} offset={} reason={} detail=\"{}\"", topic, partition,
                    offset, reason, cut(detail, 200).replace('"', '\''));
        } else {
            suppressedLogs++;
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
