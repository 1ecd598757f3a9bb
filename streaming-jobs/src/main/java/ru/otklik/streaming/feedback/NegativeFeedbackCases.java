package ru.otklik.streaming.feedback;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import ru.otklik.common.feedback.LowScoreRule;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.streaming.aggregate.ResponseChange;

/**
 * The cases among the office stage's counted responses: each response with a comment and a low score
 * ({@link LowScoreRule}) becomes one {@link NegativeFeedback}. Only the first counting of a response
 * ({@link ResponseChange.Kind#ADD ADD}, once per response id: the office stage drops a resend) opens a
 * case; a retraction or readmission under a fraud flag changes the clean figures, not what the
 * respondent wrote, so it neither opens a second case nor withdraws one. A survey the catalog does not
 * know has no scales to judge and opens none (the decoder lets no such response through anyway).
 */
public final class NegativeFeedbackCases extends RichFlatMapFunction<ResponseChange, NegativeFeedback> {

    /** The rule's one setting: the rule itself is no {@link java.io.Serializable}, this function is. */
    private final int agreementLow;
    private transient LowScoreRule rule;
    private transient SurveyCatalog surveys;
    private transient Map<String, Optional<SurveyDefinition>> definitions;
    private transient Counter opened;

    public NegativeFeedbackCases(LowScoreRule rule) {
        this.agreementLow = rule.agreementLow();
    }

    @Override
    public void open(OpenContext context) {
        rule = new LowScoreRule(agreementLow);
        surveys = SurveyCatalog.builtIn();
        definitions = new HashMap<>();
        opened = getRuntimeContext().getMetricGroup().counter("negativeFeedbackCases");
    }

    @Override
    public void flatMap(ResponseChange change, Collector<NegativeFeedback> out) {
        if (change.kind() != ResponseChange.Kind.ADD) {
            return;
        }
        SurveyResponse r = change.response();
        definitions.computeIfAbsent(r.surveyId() + "@" + r.surveyVersion(), k -> surveys.find(r.surveyId(), r.surveyVersion()))
                .flatMap(survey -> rule.feedback(r, survey))
                .ifPresent(f -> {
                    opened.inc();
                    out.collect(f);
                });
    }
}
