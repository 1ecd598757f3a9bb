package ru.otklik.streaming.testing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.SurveyResponse;

/**
 * The figures computed straight from the generated input, independently of Flink and ClickHouse:
 * score counts per office and item, and distinct responses per office (first occurrence counts).
 */
public record ExpectedFigures(Map<String, ScoreCounts> scoresByOfficeItem, Map<String, Long> responsesByOffice,
                              long distinctResponses, long scoredAnswers) {

    public static ExpectedFigures of(List<SurveyResponse> delivered) {
        Map<String, ScoreCounts> scores = new TreeMap<>();
        Map<String, Long> responses = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        long answers = 0;
        for (SurveyResponse r : delivered) {
            if (!seen.add(r.responseId())) {
                continue;
            }
            responses.merge(r.officeCode(), 1L, Long::sum);
            for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
                if (a.getValue().isScore()) {
                    scores.merge(r.officeCode() + "/" + a.getKey(), ScoreCounts.ofScores(a.getValue().score()),
                            ScoreCounts::plus);
                    answers++;
                }
            }
        }
        return new ExpectedFigures(scores, responses, seen.size(), answers);
    }
}
