package ru.otklik.common.store;

import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;

/** A response too old to fold into the aggregates, kept in {@code otklik.late_events} with the reason. */
public record LateEventRow(String responseId, String surveyId, String regionCode, String officeCode, String channel,
                           long clientTs, long receivedTs, long watermarkTs, String reason, String payload,
                           long version) {

    public static LateEventRow of(SurveyResponse r, long watermarkMillis, String reason) {
        return new LateEventRow(r.responseId(), r.surveyId(), r.regionCode(), r.officeCode(), r.channel().code(),
                r.clientTs().getEpochSecond(), r.receivedTs().getEpochSecond(), Math.max(0, watermarkMillis / 1000),
                reason, EventJson.toJson(r), ResponseRow.versionOf(r));
    }
}
