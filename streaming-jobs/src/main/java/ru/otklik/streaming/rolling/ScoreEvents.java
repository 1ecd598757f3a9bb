package ru.otklik.streaming.rolling;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;

/** Fans a response out into its scored answers, once per scope, typed by the survey definition. */
public final class ScoreEvents extends RichFlatMapFunction<SurveyResponse, ScoreEvent> {

    private transient SurveyCatalog surveys;

    @Override
    public void open(OpenContext openContext) {
        surveys = SurveyCatalog.builtIn();
    }

    @Override
    public void flatMap(SurveyResponse response, Collector<ScoreEvent> out) {
        ScoreEvent.of(response, surveys).forEach(out::collect);
    }
}
