package ru.otklik.common.assessment;

import java.util.List;
import ru.otklik.common.survey.LocalizedText;

/** A group of competencies (e.g. "Работа с клиентом"). */
public record CompetencyGroup(String code, LocalizedText name, List<Competency> competencies) {

    public CompetencyGroup {
        CompetencyModel.checkCode("group", code);
        competencies = List.copyOf(competencies);
    }
}
