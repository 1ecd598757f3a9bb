package ru.otklik.dashboards.assessment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.otklik.common.assessment.AnswerScale;
import ru.otklik.common.assessment.Competency;
import ru.otklik.common.assessment.CompetencyGroup;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.ExtraQuestion;
import ru.otklik.common.assessment.Indicator;
import ru.otklik.common.survey.LocalizedText;

/**
 * A competency model from a template file (CSV or XLSX), one row per behaviour indicator:
 * {@code group_code, group_name, competency_code, competency_name, indicator_code, indicator_text} required;
 * {@code group_name_en, competency_name_en, indicator_text_en}, {@code roles} (space-separated role codes that
 * are asked it; empty = every role) and {@code kind} ({@code indicator}, the default, or {@code extra} for a
 * question that never counts toward an average: then only {@code indicator_code} and the texts are read).
 * The answer scale is the default 0..5 with "cannot judge". Problems are reported by row and column.
 */
public final class CompetencyTemplate {

    public static final List<String> REQUIRED = List.of("group_code", "group_name", "competency_code",
            "competency_name", "indicator_code", "indicator_text");

    private CompetencyTemplate() {
    }

    public static CompetencyModel parse(String name, TabularFile file, Set<String> knownRoles) {
        file.require(REQUIRED);
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, LocalizedText> groups = new LinkedHashMap<>();
        Map<String, Map<String, LocalizedText>> competenciesOfGroup = new LinkedHashMap<>();
        Map<String, List<Indicator>> indicators = new LinkedHashMap<>();
        Map<String, String> groupOfCompetency = new LinkedHashMap<>();
        List<ExtraQuestion> extras = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (TabularFile.Line line : file.lines()) {
            int row = line.row();
            String kind = line.get("kind").isEmpty() ? "indicator" : line.get("kind");
            String code = line.get("indicator_code");
            LocalizedText text = text(line, "indicator_text");
            if (!code.matches("[A-Za-z0-9_.-]{1,60}")) {
                problems.add(new ImportProblem(row, "indicator_code", "1-60 of A-Z a-z 0-9 _ . -"));
                continue;
            }
            if (!codes.add(code)) {
                problems.add(new ImportProblem(row, "indicator_code", "used twice"));
                continue;
            }
            if (text == null) {
                problems.add(new ImportProblem(row, "indicator_text", "required"));
                continue;
            }
            if ("extra".equals(kind)) {
                extras.add(new ExtraQuestion(code, text, false));
                continue;
            }
            if (!"indicator".equals(kind)) {
                problems.add(new ImportProblem(row, "kind", "indicator or extra"));
                continue;
            }
            String group = line.get("group_code");
            String competency = line.get("competency_code");
            LocalizedText groupName = text(line, "group_name");
            LocalizedText competencyName = text(line, "competency_name");
            int before = problems.size();
            if (!group.matches("[A-Za-z0-9_.-]{1,60}")) {
                problems.add(new ImportProblem(row, "group_code", "1-60 of A-Z a-z 0-9 _ . -"));
            }
            if (!competency.matches("[A-Za-z0-9_.-]{1,60}")) {
                problems.add(new ImportProblem(row, "competency_code", "1-60 of A-Z a-z 0-9 _ . -"));
            }
            if (groupName == null) {
                problems.add(new ImportProblem(row, "group_name", "required"));
            }
            if (competencyName == null) {
                problems.add(new ImportProblem(row, "competency_name", "required"));
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String r : line.get("roles").split("[\\s,;]+")) {
                if (r.isEmpty()) {
                    continue;
                }
                if (!knownRoles.contains(r)) {
                    problems.add(new ImportProblem(row, "roles", "unknown role " + r + " (known: " + knownRoles + ")"));
                }
                roles.add(r);
            }
            if (problems.size() > before) {
                continue;
            }
            String earlierGroup = groupOfCompetency.putIfAbsent(competency, group);
            if (earlierGroup != null && !earlierGroup.equals(group)) {
                problems.add(new ImportProblem(row, "group_code", "competency " + competency + " is in group "
                        + earlierGroup + " on an earlier row"));
                continue;
            }
            groups.putIfAbsent(group, groupName);
            competenciesOfGroup.computeIfAbsent(group, g -> new LinkedHashMap<>()).putIfAbsent(competency, competencyName);
            indicators.computeIfAbsent(competency, c -> new ArrayList<>()).add(new Indicator(code, text, roles));
        }
        if (indicators.isEmpty() && problems.isEmpty()) {
            problems.add(new ImportProblem(0, "", "the template has no indicators"));
        }
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        List<CompetencyGroup> built = new ArrayList<>();
        groups.forEach((g, gName) -> built.add(new CompetencyGroup(g, gName, competenciesOfGroup.get(g).entrySet().stream()
                .map(c -> new Competency(c.getKey(), c.getValue(), indicators.get(c.getKey()))).toList())));
        try {
            return new CompetencyModel(name, built, AnswerScale.zeroToFive(), extras);
        } catch (IllegalArgumentException e) { // a code shared by a group, a competency and an indicator
            throw ImportRefused.of(e.getMessage());
        }
    }

    private static LocalizedText text(TabularFile.Line line, String column) {
        String ru = line.get(column);
        if (ru.isEmpty()) {
            return null;
        }
        String en = line.get(column + "_en");
        return new LocalizedText(ru, en.isEmpty() ? null : en);
    }

}
