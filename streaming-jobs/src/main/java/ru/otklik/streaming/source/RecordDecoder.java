package ru.otklik.streaming.source;

import java.time.Clock;
import java.util.List;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
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


    private final ResponseRecordCheck check;
    private final DeadLetters deadLetters;

    public RecordDecoder(SurveyCatalog surveys, OfficeDirectory offices, Clock clock) {
        this.check = new ResponseRecordCheck(surveys, offices);
        this.deadLetters = new DeadLetters(clock);
    }

    public SourceRecord decode(String topic, int partition, long offset, long kafkaTs, byte[] value) {
        if (value == null || value.length == 0) {
            return dead(topic, partition, offset, kafkaTs, value, "empty", "the record has no value");
        }
        SurveyResponse response;
        try {
            response = EventJson.mapper().readValue(value, SurveyResponse.class);
        } catch (Exception | StackOverflowError e) { // whatever the bytes do to the parser, the job goes on
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", DeadLetters.firstLine(e));
        }
        if (response == null) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", "JSON null");
        }
        List<Violation> violations;
        try {
            violations = check.check(response);
        } catch (RuntimeException e) {
            return dead(topic, partition, offset, kafkaTs, value, "invalid", DeadLetters.firstLine(e));
        }
        if (!violations.isEmpty()) {
            return dead(topic, partition, offset, kafkaTs, value, "invalid", ResponseRecordCheck.summary(violations));
        }
        return SourceRecord.valid(response);
    }

    private SourceRecord dead(String topic, int partition, long offset, long kafkaTs, byte[] value, String reason,
                              String detail) {
        return SourceRecord.dead(deadLetters.row(topic, partition, offset, kafkaTs, value, reason, detail));
    }
}
