package ru.otklik.ingest.questionnaire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * How a survey is split into the steps of the form. The job-centre questionnaires follow their
 * blocks (domain §3); a question the layout does not name (another survey, a new version) is put
 * into steps of {@value #GENERIC_STEP_SIZE}, so nothing is ever left off the page. The last step is
 * always "about you": profile, comment and the optional e-mail.
 */
record QuestionnaireSteps(List<Step> steps) {

    static final int GENERIC_STEP_SIZE = 4;
    private static final List<List<String>> JOB_CENTRE_BLOCKS = List.of(
            List.of("Q1", "Q2", "Q3"),
            List.of("Q4", "Q5", "Q6", "Q7"),
            List.of("Q8", "Q9", "Q10", "Q11"),
            List.of("Q12_gate", "Q12", "Q13_gate", "Q13"),
            List.of("Q14", "Q15a", "Q15b", "Q15c", "Q15d"));

    /** One page of the form; the first holds the mode question, the last the profile block. */
    record Step(int number, LocalizedText title, List<Question> questions, boolean first, boolean last) {
    }

    QuestionnaireSteps {
        steps = List.copyOf(steps);
    }

    static QuestionnaireSteps of(SurveyDefinition survey) {
        Map<String, Question> remaining = new LinkedHashMap<>(survey.questionsById());
        List<List<Question>> blocks = new ArrayList<>();
        List<LocalizedText> titles = new ArrayList<>();
        for (List<String> ids : JOB_CENTRE_BLOCKS) {
            List<Question> block = ids.stream().filter(remaining::containsKey).map(remaining::remove).toList();
            if (!block.isEmpty()) {
                blocks.add(block);
                titles.add(PageText.BLOCK_TITLES.getOrDefault(block.get(0).id(), PageText.QUESTIONS));
            }
        }
        List<Question> rest = new ArrayList<>(remaining.values());
        for (int from = 0; from < rest.size(); from += GENERIC_STEP_SIZE) {
            blocks.add(rest.subList(from, Math.min(rest.size(), from + GENERIC_STEP_SIZE)));
            titles.add(PageText.QUESTIONS);
        }
        blocks.add(List.of());
        titles.add(PageText.ABOUT_YOU);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            steps.add(new Step(i + 1, titles.get(i), List.copyOf(blocks.get(i)), i == 0, i == blocks.size() - 1));
        }
        return new QuestionnaireSteps(steps);
    }

    int count() {
        return steps.size();
    }
}
