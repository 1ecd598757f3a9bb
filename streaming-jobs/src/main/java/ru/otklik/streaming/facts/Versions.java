package ru.otklik.streaming.facts;

import ru.otklik.common.response.SurveyResponse;

/** Row versions for ReplacingMergeTree, derived from the event alone so a replay writes the same rows. */
final class Versions {

    private Versions() {
    }

    /** The moment ingest accepted the response: a later resend of the same id wins. */
    static long of(SurveyResponse r) {
        return r.receivedTs().toEpochMilli();
    }
}
