package ru.otklik.common.store;

import java.util.List;
import ru.otklik.common.response.Profile;
import ru.otklik.common.response.SurveyResponse;

/**
 * One row of {@code otklik.responses}; times in epoch seconds, absent texts as "". The request
 * metadata (hashed address and user agent, form-open time, fill duration, the ingest door) is
 * "" / null when ingest did not have it: kiosk taps have no fill time, older rows no entry, offices without
 * configured address ranges no office-network outcome.
 */
public record ResponseRow(String responseId, String surveyId, int surveyVersion, String audience, String channel,
                          String mode, String regionCode, String officeCode, String touchpointId, String employeeId,
                          long clientTs, long receivedTs, int answerCount, int suppressedPresses, String gender,
                          String ageBand, String category, String ownership, String orgSize, List<String> traits,
                          String comment, String ipHash, String userAgentHash, Long startedTs, Long fillMillis,
                          String entry, Boolean officeNetwork, long version) {

    public static ResponseRow of(SurveyResponse r) {
        Profile p = r.profile() == null ? new Profile(null, null, null, null, null, null) : r.profile();
        return new ResponseRow(r.responseId(), r.surveyId(), r.surveyVersion(), r.audience().code(),
                r.channel().code(), r.mode().code(), r.regionCode(), r.officeCode(), text(r.touchpointId()),
                text(r.employeeId()), r.clientTs().getEpochSecond(), r.receivedTs().getEpochSecond(),
                r.answers().size(), r.suppressedPresses(), text(p.gender()), text(p.ageBand()), text(p.category()),
                text(p.ownership()), text(p.orgSize()), p.traits() == null ? List.of() : p.traits(),
                text(r.comment()), r.meta() == null ? "" : text(r.meta().ipHash()),
                r.meta() == null ? "" : text(r.meta().userAgentHash()),
                r.startedTs() == null ? null : r.startedTs().getEpochSecond(),
                r.meta() == null ? null : r.meta().fillMillis(),
                r.meta() == null ? "" : text(r.meta().entry()), r.meta() == null ? null : r.meta().officeNetwork(),
                versionOf(r));
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    /** The moment ingest accepted the response: a later resend of the same id wins; a replay writes the same. */
    static long versionOf(SurveyResponse r) {
        return r.receivedTs().toEpochMilli();
    }
}
