package ru.otklik.common.assessment;

import java.util.Set;
import ru.otklik.common.survey.LocalizedText;

/**
 * A behaviour indicator: what raters score (never the competency itself).
 *
 * @param roles the rater roles that are asked it; empty means every role
 */
public record Indicator(String code, LocalizedText text, Set<String> roles) {

    public Indicator {
        CompetencyModel.checkCode("indicator", code);
        if (text == null || text.ru() == null || text.ru().isBlank()) {
            throw new IllegalArgumentException("indicator " + code + " needs a Russian text");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean askedOf(String roleCode) {
        return roles.isEmpty() || roles.contains(roleCode);
    }
}
