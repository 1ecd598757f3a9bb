package ru.otklik.common.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.SurveyResponse;

/** One row of {@code otklik.answers}: one answered item of one response ({@code score} null for choices). */
public record AnswerRow(String responseId, String surveyId, int surveyVersion, String questionId, String audience,
                        String channel, String mode, String regionCode, String officeCode, String touchpointId,
                        String employeeId, Integer score, String choice, long clientTs, long version) {

    public static List<AnswerRow> of(SurveyResponse r) {
        long version = ResponseRow.versionOf(r);
        List<AnswerRow> rows = new ArrayList<>(r.answers().size());
        for (Map.Entry<String, Answer> e : r.answers().entrySet()) {
            rows.add(new AnswerRow(r.responseId(), r.surveyId(), r.surveyVersion(), e.getKey(), r.audience().code(),
                    r.channel().code(), r.mode().code(), r.regionCode(), r.officeCode(),
                    ResponseRow.text(r.touchpointId()), ResponseRow.text(r.employeeId()), e.getValue().score(),
                    ResponseRow.text(e.getValue().choice()), r.clientTs().getEpochSecond(), version));
        }
        return rows;
    }
}
