package ru.otklik.dashboards.figures;

import java.util.List;
import java.util.Map;
import ru.otklik.common.response.Audience;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * The items the dashboards read, taken from the survey catalog (never hard-coded twice): the 1–10
 * agreement items of the job-centre questionnaires, the kiosk smiley and the pulse items.
 */
public final class SurveyItems {

    public static final String SEEKER_SURVEY = "jc-seeker";
    public static final String EMPLOYER_SURVEY = "jc-employer";
    public static final String KIOSK_SURVEY = "kiosk-quick";
    public static final String PULSE_SURVEY = "pulse";
    public static final List<String> QUESTIONNAIRES = List.of(SEEKER_SURVEY, EMPLOYER_SURVEY);
    public static final List<String> ALL_SURVEYS = List.of(SEEKER_SURVEY, EMPLOYER_SURVEY, KIOSK_SURVEY, PULSE_SURVEY);

    private final SurveyDefinition seeker;
    private final SurveyDefinition employer;
    private final List<Question> agreementItems;
    private final String kioskQuestion;
    private final String npsQuestion;
    private final String cesQuestion;
    private final String csatQuestion;

    public SurveyItems(SurveyCatalog catalog) {
        this.seeker = require(catalog, SEEKER_SURVEY);
        this.employer = require(catalog, EMPLOYER_SURVEY);
        this.agreementItems = seeker.questions().stream().filter(q -> q.type() == QuestionType.SCALE_1_10).toList();
        SurveyDefinition kiosk = require(catalog, KIOSK_SURVEY);
        this.kioskQuestion = questionOfType(kiosk, QuestionType.SMILEY_4);
        SurveyDefinition pulse = require(catalog, PULSE_SURVEY);
        this.npsQuestion = questionOfType(pulse, QuestionType.SCALE_0_10);
        this.cesQuestion = questionOfType(pulse, QuestionType.EFFORT_5);
        this.csatQuestion = questionOfType(pulse, QuestionType.EXPECTATION_5);
    }

    private static SurveyDefinition require(SurveyCatalog catalog, String id) {
        return catalog.find(id, 1).orElseThrow(() -> new IllegalStateException("survey " + id + " v1 missing"));
    }

    private static String questionOfType(SurveyDefinition survey, QuestionType type) {
        return survey.questions().stream().filter(q -> q.type() == type).findFirst().map(Question::id)
                .orElseThrow(() -> new IllegalStateException(survey.id() + " has no " + type + " item"));
    }

    /** The 1–10 items in questionnaire order (the seeker form; the employer form has the same ids). */
    public List<Question> agreementItems() {
        return agreementItems;
    }

    /** The item's wording in the audience's form; "all" and seekers use the seeker form. */
    public String label(String questionId, String audience, String language) {
        SurveyDefinition form = Audience.EMPLOYER.code().equals(audience) ? employer : seeker;
        Map<String, Question> byId = form.questionsById();
        Question q = byId.getOrDefault(questionId, seeker.questionsById().get(questionId));
        return q == null ? questionId : q.text().in(language);
    }

    public String kioskQuestion() {
        return kioskQuestion;
    }

    public String npsQuestion() {
        return npsQuestion;
    }

    public String cesQuestion() {
        return cesQuestion;
    }

    public String csatQuestion() {
        return csatQuestion;
    }
}
