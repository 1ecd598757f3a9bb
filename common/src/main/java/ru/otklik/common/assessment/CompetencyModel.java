package ru.otklik.common.assessment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a 360 session asks: competency groups → competencies → behaviour indicators, the answer scale, and
 * extra questions. Stored as JSON ({@code EventJson}) in the operational store; a session names the model
 * version it was launched with, and every submission names it too, so answers to another questionnaire are
 * never mixed in (domain §5: changing the questionnaire of a running session discards its answers).
 * Codes are unique across the whole model.
 */
public record CompetencyModel(String name, List<CompetencyGroup> groups, AnswerScale scale,
                              List<ExtraQuestion> extraQuestions) {

    public CompetencyModel {
        groups = List.copyOf(groups);
        extraQuestions = extraQuestions == null ? List.of() : List.copyOf(extraQuestions);
        Set<String> codes = new HashSet<>();
        for (CompetencyGroup g : groups) {
            unique(codes, g.code());
            for (Competency c : g.competencies()) {
                unique(codes, c.code());
                for (Indicator i : c.indicators()) {
                    unique(codes, i.code());
                }
            }
        }
        extraQuestions.forEach(q -> unique(codes, q.code()));
        if (groups.stream().allMatch(g -> g.competencies().isEmpty())) {
            throw new IllegalArgumentException("a model needs at least one competency");
        }
    }

    /** The competency an indicator belongs to. */
    public Optional<Competency> competencyOf(String indicatorCode) {
        return competencies().stream()
                .filter(c -> c.indicators().stream().anyMatch(i -> i.code().equals(indicatorCode)))
                .findFirst();
    }

    public List<Competency> competencies() {
        return groups.stream().flatMap(g -> g.competencies().stream()).toList();
    }

    public Map<String, Indicator> indicatorsByCode() {
        Map<String, Indicator> all = new HashMap<>();
        competencies().forEach(c -> c.indicators().forEach(i -> all.put(i.code(), i)));
        return all;
    }

    static void checkCode(String what, String code) {
        if (code == null || !code.matches("[A-Za-z0-9_.-]{1,60}")) {
            throw new IllegalArgumentException(what + " code must be 1-60 of [A-Za-z0-9_.-], got " + code);
        }
    }

    private static void unique(Set<String> codes, String code) {
        if (!codes.add(code)) {
            throw new IllegalArgumentException("code " + code + " is used twice in the model");
        }
    }
}
