package ru.otklik.streaming.source;

import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.StreamDeadLetterRow;

/**
 * What one Kafka record of {@code responses} turned into: a response that passed the job's second
 * check, or the dead letter saying why it cannot be counted. Exactly one of the two is set.
 */
public record SourceRecord(SurveyResponse response, StreamDeadLetterRow deadLetter) {

    public static SourceRecord valid(SurveyResponse response) {
        return new SourceRecord(response, null);
    }

    public static SourceRecord dead(StreamDeadLetterRow deadLetter) {
        return new SourceRecord(null, deadLetter);
    }

    public boolean isValid() {
        return response != null;
    }
}
