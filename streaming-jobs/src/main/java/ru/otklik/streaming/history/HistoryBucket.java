package ru.otklik.streaming.history;

import ru.otklik.common.indicator.HistoryGranularity;
import ru.otklik.common.survey.QuestionType;

/**
 * A history bucket of one item in keyed state, as one string {@code granularity|bucketStart|survey|question|type}.
 * Codes never contain '|' (ingest validates them).
 */
record HistoryBucket(HistoryGranularity granularity, long bucketStart, String surveyId, String questionId,
                     QuestionType type) {

    long endSeconds() {
        return bucketStart + granularity.seconds();
    }

    String encode() {
        return granularity.code() + "|" + bucketStart + "|" + surveyId + "|" + questionId + "|" + type.name();
    }

    static HistoryBucket decode(String key) {
        String[] f = key.split("\\|", -1);
        return new HistoryBucket(HistoryGranularity.fromCode(f[0]), Long.parseLong(f[1]), f[2], f[3],
                QuestionType.valueOf(f[4]));
    }
}
