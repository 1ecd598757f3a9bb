package ru.otklik.ingest.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

class QuestionnaireStepsTest {

    private static final SurveyCatalog SURVEYS = SurveyCatalog.builtIn();

    private static List<List<String>> ids(QuestionnaireSteps steps) {
        return steps.steps().stream().map(s -> s.questions().stream().map(Question::id).toList()).toList();
    }

    @Test
    void jobCentreFormsFollowTheirBlocks() {
        for (String survey : List.of("jc-seeker", "jc-employer")) {
            QuestionnaireSteps steps = QuestionnaireSteps.of(SURVEYS.find(survey, 1).orElseThrow());
            assertEquals(List.of(List.of("Q1", "Q2", "Q3"), List.of("Q4", "Q5", "Q6", "Q7"),
                    List.of("Q8", "Q9", "Q10", "Q11"), List.of("Q12_gate", "Q12", "Q13_gate", "Q13"),
                    List.of("Q14", "Q15a", "Q15b", "Q15c", "Q15d"), List.of()), ids(steps), survey);
            assertTrue(steps.steps().get(0).first());
            assertTrue(steps.steps().get(5).last());
        }
    }

    @Test
    void anyOtherSurveyShowsEveryQuestion() {
        SurveyDefinition pulse = SURVEYS.find("pulse", 1).orElseThrow();
        QuestionnaireSteps steps = QuestionnaireSteps.of(pulse);
        assertEquals(List.of(List.of("NPS", "CES", "CSAT"), List.of()), ids(steps));
    }

    @Test
    void thePageHasTenTapTargetsPerScaleAndEscapesEverything() {
        SurveyDefinition seeker = SURVEYS.find("jc-seeker", 1).orElseThrow();
        String html = QuestionnairePage.form(new QuestionnairePage.Form(seeker, "ЦЗН <Брянск>", "Брянская область",
                "tok.en", "id-123456789", "ru", new FormSubmission(Map.of("comment", List.of("</textarea><script>"))),
                Set.of("Q1"), PageText.ERRORS));
        int q1Buttons = html.split("name=\"Q1\" ", -1).length - 1;
        assertEquals(10, q1Buttons);
        assertTrue(html.contains("ЦЗН &lt;Брянск&gt;"));
        assertTrue(html.contains("&lt;/textarea&gt;&lt;script&gt;"));
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("1 — очень слабо") && html.contains("10 — великолепно"));
        assertTrue(html.contains("aria-label=\"8 — отлично\""));
        assertTrue(html.contains("class=\"q has-error\" id=\"q-Q1\""));
        assertFalse(html.contains("name=\"officeCode\""), "the office is never a field");
        String english = QuestionnairePage.form(new QuestionnairePage.Form(seeker, "Office", null, "t.k", "id-123456789",
                "en", new FormSubmission(Map.of()), Set.of(), null));
        assertTrue(english.contains("10 — outstanding") && english.contains(">Next<"));
    }
}
