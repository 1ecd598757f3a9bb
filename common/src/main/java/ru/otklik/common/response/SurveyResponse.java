package ru.otklik.common.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One completed form or kiosk tap, as it travels through Kafka topic {@code responses}.
 *
 * <p>{@code responseId} is chosen by the client once per form (or per tap), so a resend is
 * recognisable and counted once. {@code receivedTs} is set by ingest, never by the client.
 * A missing key in {@code answers} means "not answered", never zero.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyResponse(
        String responseId,
        String surveyId,
        int surveyVersion,
        Audience audience,
        Channel channel,
        Mode mode,
        String regionCode,
        String officeCode,
        String touchpointId,
        String employeeId,
        Instant clientTs,
        Instant receivedTs,
        Map<String, Answer> answers,
        Profile profile,
        String comment,
        // only kiosk taps carry it: left out of the JSON when 0, so a form round-trips through the validator
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int suppressedPresses,
        // when the respondent opened the form (client clock, optional): fill duration = clientTs - startedTs
        Instant startedTs,
        // set by ingest, like receivedTs; a client that sends it is refused
        RequestMeta meta) {

    public SurveyResponse {
        answers = answers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(answers));
        mode = mode == null ? Mode.IN_PERSON : mode;
    }

    /** A response without form-open time or request metadata (kiosk taps, generated test data). */
    public SurveyResponse(String responseId, String surveyId, int surveyVersion, Audience audience, Channel channel,
                          Mode mode, String regionCode, String officeCode, String touchpointId, String employeeId,
                          Instant clientTs, Instant receivedTs, Map<String, Answer> answers, Profile profile,
                          String comment, int suppressedPresses) {
        this(responseId, surveyId, surveyVersion, audience, channel, mode, regionCode, officeCode, touchpointId,
                employeeId, clientTs, receivedTs, answers, profile, comment, suppressedPresses, null, null);
    }

    public SurveyResponse withReceivedTs(Instant ts) {
        return new SurveyResponse(responseId, surveyId, surveyVersion, audience, channel, mode, regionCode,
                officeCode, touchpointId, employeeId, clientTs, ts, answers, profile, comment, suppressedPresses,
                startedTs, meta);
    }

    /** Ingest's view of the request; the fill duration is derived from the client's own two timestamps. */
    public SurveyResponse withMeta(String ipHash, String userAgentHash) {
        return withMeta(ipHash, userAgentHash, null);
    }

    /** The same, recording the door of ingest the response came through ({@code null}: unknown). */
    public SurveyResponse withMeta(String ipHash, String userAgentHash, Entry entry) {
        return withMeta(ipHash, userAgentHash, entry, null);
    }

    /** The same, with whether the sender was in the office's own network ({@code null}: no range configured). */
    public SurveyResponse withMeta(String ipHash, String userAgentHash, Entry entry, Boolean officeNetwork) {
        Long fill = startedTs == null || clientTs == null ? null : clientTs.toEpochMilli() - startedTs.toEpochMilli();
        return new SurveyResponse(responseId, surveyId, surveyVersion, audience, channel, mode, regionCode,
                officeCode, touchpointId, employeeId, clientTs, receivedTs, answers, profile, comment,
                suppressedPresses, startedTs, new RequestMeta(ipHash, userAgentHash, fill,
                        entry == null ? null : entry.code(), officeNetwork));
    }
}
