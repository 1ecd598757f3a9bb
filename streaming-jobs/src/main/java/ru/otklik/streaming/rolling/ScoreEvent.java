package ru.otklik.streaming.rolling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

/** One scored answer on its way to one scope's rolling windows. */
public record ScoreEvent(String scopeKey, String surveyId, String questionId, QuestionType type, long epochSeconds,
                         int score) {

    /** Every scored answer of a response, once for each scope it counts in the rolling windows. */
    public static List<ScoreEvent> of(SurveyResponse r, SurveyCatalog surveys) {
        return of(r, surveys, IndicatorScope.Use.ROLLING_WINDOWS);
    }

    /** Every scored answer of a response, once for each scope it counts in for {@code use}. */
    public static List<ScoreEvent> of(SurveyResponse r, SurveyCatalog surveys, IndicatorScope.Use use) {
        List<ScoreEvent> events = new ArrayList<>();
        SurveyDefinition survey = surveys.find(r.surveyId(), r.surveyVersion()).orElse(null);
        if (survey == null) {
            return events; // ingest validated it against this catalogue: only a newer survey can miss
        }
        long ts = r.clientTs().getEpochSecond();
        for (String scope : IndicatorScope.keysOf(r, use)) {
            for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
                if (a.getValue().isScore()) {
                    QuestionType type = survey.question(a.getKey()).map(Question::type).orElse(QuestionType.SCALE_1_10);
                    events.add(new ScoreEvent(scope, r.surveyId(), a.getKey(), type, ts, a.getValue().score()));
                }
            }
        }
        return events;
    }
}
