package ru.otklik.streaming.source;

import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.store.StreamDeadLetterRow;

/**
 * The dead letters of one decoder: each record the job cannot use becomes a {@code stream_dead_letters} row (the
 * raw bytes cut to {@link StreamDeadLetterRow#MAX_RAW_BYTES}) and a log line — at most {@value #LOG_PER_MINUTE} a
 * minute, the rest counted and summed up once the minute has passed, so a flood of bad records cannot flood the log.
 * Every decoder of the job (responses, 360 records, checklists and methodology versions) uses one.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Log lines per minute before the rest are only counted. */
    static final int LOG_PER_MINUTE = 10;

    private final Clock clock;
    private long logMinute;
    private int loggedThisMinute;
    private long suppressedLogs;

    public DeadLetters(Clock clock) {
        this.clock = clock;
    }

    /** The row of a record the job cannot use, logged within the limit. */
    public StreamDeadLetterRow row(String topic, int partition, long offset, long kafkaTs, byte[] value, String reason,
                                   String detail) {
        byte[] raw = value == null ? new byte[0]
                : Arrays.copyOf(value, Math.min(value.length, StreamDeadLetterRow.MAX_RAW_BYTES));
        long now = clock.millis();
        log(topic, partition, offset, reason, detail, now);
        return new StreamDeadLetterRow(topic, partition, offset, Math.max(0, kafkaTs / 1000), now / 1000, reason,
                cut(detail, 1000), raw, value == null ? 0 : value.length, 1);
    }

    /** The first line of a parser's or a check's message: what a dead letter's detail says about an exception. */
    public static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(e.getClass().getSimpleName());
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

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
