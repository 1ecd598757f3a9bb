package ru.otklik.common.assessment;

import java.util.List;
import ru.otklik.common.survey.LocalizedText;

/** A competency of a group, scored through its behaviour indicators. */
public record Competency(String code, LocalizedText name, List<Indicator> indicators) {

    public Competency {
        CompetencyModel.checkCode("competency", code);
        indicators = List.copyOf(indicators);
        if (indicators.isEmpty()) {
            throw new IllegalArgumentException("competency " + code + " has no indicators");
        }
    }
}
