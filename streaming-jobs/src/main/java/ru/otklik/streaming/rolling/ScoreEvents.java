package ru.otklik.streaming.rolling;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;

/** Fans a response out into its scored answers, once per scope of {@code use}, typed by the survey definition. */
public final class ScoreEvents extends RichFlatMapFunction<SurveyResponse, ScoreEvent> {

    private final IndicatorScope.Use use;
    private transient SurveyCatalog surveys;

    public ScoreEvents(IndicatorScope.Use use) {
        this.use = use;
    }

    @Override
    public void open(OpenContext openContext) {
        surveys = SurveyCatalog.builtIn();
    }

    @Override
    public void flatMap(SurveyResponse response, Collector<ScoreEvent> out) {
        ScoreEvent.of(response, surveys, use).forEach(out::collect);
    }
}
