package ru.otklik.common.checklist;

/**
 * The methodology's settings of the objective scoring (domain §6), part of every methodology version.
 *
 * @param vacancyCoefficient K in (vacancies this period / previous period − 1) × K; the pilot's "raising"
 *                           coefficient is 2
 * @param vacancyMax         the clamp's top (sources give 1 and 2; default 2); a decline clamps to 0
 */
public record ObjectiveRules(double vacancyCoefficient, double vacancyMax) {

    public static final ObjectiveRules DEFAULT = new ObjectiveRules(2.0, 2.0);

    public ObjectiveRules {
        if (!(vacancyCoefficient > 0) || !(vacancyMax > 0)) {
            throw new IllegalArgumentException("vacancyCoefficient and vacancyMax must be positive");
        }
    }

    public double maxPoints(ChecklistIndicator indicator) {
        return indicator == ChecklistIndicator.VACANCY_DYNAMICS ? vacancyMax : indicator.maxPoints();
    }
}
