package ru.otklik.common.survey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned questionnaire. A response records the survey id and version it answered, so a
 * revised questionnaire never reinterprets old answers.
 */
public record SurveyDefinition(String id, int version, LocalizedText title, List<String> audiences,
                               List<Question> questions, Map<String, List<String>> profile,
                               Set<String> multiChoiceProfileFields) {

    public SurveyDefinition {
        audiences = List.copyOf(audiences);
        questions = List.copyOf(questions);
        profile = profile == null ? Map.of() : Map.copyOf(profile);
        multiChoiceProfileFields = multiChoiceProfileFields == null ? Set.of() : Set.copyOf(multiChoiceProfileFields);
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public Map<String, Question> questionsById() {
        Map<String, Question> byId = new LinkedHashMap<>();
        questions.forEach(q -> byId.put(q.id(), q));
        return byId;
    }

    public String key() {
        return id + "@" + version;
    }
}
