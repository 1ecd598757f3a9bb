package ru.otklik.common.checklist;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import ru.otklik.common.checklist.ObjectiveReport.ChecklistFacts;
import ru.otklik.common.checklist.ObjectiveReport.HeldEvent;
import ru.otklik.common.checklist.ObjectiveReport.ParameterFact;
import ru.otklik.common.checklist.ObjectiveScore.Status;

/**
 * The scoring rules of domain §6 as pure functions: the streaming job, the dashboards' pages and the tests call
 * these and nothing else. Only entries an expert accepted score; an audit finding zeroes the whole period.
 */
public final class ObjectiveScoring {

    private ObjectiveScoring() {
    }

    /**
     * Points of a parameters checklist: accepted implemented parameters × the indicator's points per parameter
     * (transport accessibility: 1 / the number of parameters in the list), never above the maximum.
     */
    public static double parameterPoints(ChecklistIndicator indicator, int acceptedParameters, int parameterCount) {
        if (acceptedParameters < 0 || acceptedParameters > parameterCount) {
            throw new IllegalArgumentException("accepted parameters must be 0.." + parameterCount);
        }
        double per = indicator.pointsPerParameter() > 0 ? indicator.pointsPerParameter() : 1.0 / parameterCount;
        return Math.min(indicator.maxPoints(), acceptedParameters * per);
    }

    /**
     * Vacancy base dynamics: (this period / previous period − 1) × K, clamped to [0, max]: growth scores, a decline
     * gives 0 (the product's choice; the source is silent). Needs a previous count above 0.
     */
    public static double vacancyPoints(long current, long previous, ObjectiveRules rules) {
        if (previous <= 0 || current < 0) {
            throw new IllegalArgumentException("vacancy dynamics needs a previous count above 0 and a current one of 0 or more");
        }
        double raw = ((double) current / previous - 1) * rules.vacancyCoefficient();
        return Math.max(0, Math.min(rules.vacancyMax(), raw));
    }

    /**
     * Events attracting job seekers: 0.1 per distinct listed type held (variety, not quantity: a second job fair
     * adds nothing), and 0.1 per distinct other event (by name) the federal centre accepted; at most 2. Only accepted
     * events dated inside the period count.
     */
    public static double eventPoints(List<HeldEvent> events, ReportingPeriod period, ChecklistCatalogue catalogue) {
        Set<String> listedTypes = new HashSet<>();
        Set<String> otherNames = new HashSet<>();
        for (HeldEvent e : events) {
            if (e.review() != Review.ACCEPTED || e.date() == null || !period.contains(e.date())) {
                continue;
            }
            if (catalogue.isListedEventType(e.type())) {
                listedTypes.add(e.type());
            } else if (ChecklistCatalogue.OTHER_EVENT.equals(e.type()) && e.name() != null && !e.name().isBlank()) {
                otherNames.add(e.name().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
            }
        }
        return Math.min(ChecklistIndicator.JOB_SEEKER_EVENTS.maxPoints(), 0.1 * (listedTypes.size() + otherNames.size()));
    }

    /** Comfort of conditions: level 1 (highest) = 2, level 2 = 1.5, level 3 = 0.75, none (0) = 0. */
    public static double comfortPoints(int level) {
        return switch (level) {
            case 1 -> 2.0;
            case 2 -> 1.5;
            case 3 -> 0.75;
            case 0 -> 0.0;
            default -> throw new IllegalArgumentException("comfort level must be 0-3, got " + level);
        };
    }

    /** Every indicator's score for one office's own report (null: nothing submitted for the period). */
    public static Map<ChecklistIndicator, ObjectiveScore> score(ObjectiveReport report, ChecklistCatalogue catalogue,
                                                                ObjectiveRules rules) {
        Map<ChecklistIndicator, ObjectiveScore> scores = new EnumMap<>(ChecklistIndicator.class);
        for (ChecklistIndicator i : ChecklistIndicator.values()) {
            scores.put(i, score(i, report, catalogue, rules));
        }
        return scores;
    }

    /** One indicator's score for one office's own report (null: nothing submitted for the period). */
    public static ObjectiveScore score(ChecklistIndicator indicator, ObjectiveReport report, ChecklistCatalogue catalogue,
                                       ObjectiveRules rules) {
        double max = rules.maxPoints(indicator);
        ChecklistFacts facts = report == null ? null : report.checklist(indicator).orElse(null);
        if (facts == null) {
            return new ObjectiveScore(indicator.code(), Status.NOT_SUBMITTED, 0, max, 0, 0);
        }
        int accepted = 0;
        int pending = 0;
        double points;
        boolean noBaseline = false;
        switch (indicator.form()) {
            case PARAMETERS -> {
                for (ParameterFact p : facts.parameters()) {
                    if (p.implemented() && catalogue.hasParameter(indicator, p.code())) {
                        accepted += p.review() == Review.ACCEPTED ? 1 : 0;
                        pending += p.review() == Review.PENDING ? 1 : 0;
                    }
                }
                points = parameterPoints(indicator, accepted, catalogue.parameters(indicator).size());
            }
            case VACANCIES -> {
                var v = facts.vacancies();
                if (v == null || v.previous() <= 0) {
                    noBaseline = true;
                    points = 0;
                } else {
                    accepted = v.review() == Review.ACCEPTED ? 1 : 0;
                    pending = v.review() == Review.PENDING ? 1 : 0;
                    points = accepted == 1 ? vacancyPoints(v.current(), v.previous(), rules) : 0;
                }
            }
            case EVENTS -> {
                for (HeldEvent e : facts.events()) {
                    accepted += e.review() == Review.ACCEPTED ? 1 : 0;
                    pending += e.review() == Review.PENDING ? 1 : 0;
                }
                points = eventPoints(facts.events(), ReportingPeriod.parse(report.period()), catalogue);
            }
            case COMFORT_LEVEL -> {
                var c = facts.comfort();
                int level = c == null ? 0 : c.level();
                if (level > 0) { // "none" claims nothing: no evidence to review
                    accepted = c.review() == Review.ACCEPTED ? 1 : 0;
                    pending = c.review() == Review.PENDING ? 1 : 0;
                }
                points = level > 0 && accepted == 1 ? comfortPoints(level) : 0;
            }
            default -> throw new IllegalStateException(indicator.form().name());
        }
        if (report.audit() != null) {
            return new ObjectiveScore(indicator.code(), Status.ZEROED_BY_AUDIT, 0, max, accepted, pending);
        }
        if (noBaseline) {
            return new ObjectiveScore(indicator.code(), Status.NO_BASELINE, 0, max, 0, 0);
        }
        return new ObjectiveScore(indicator.code(), pending > 0 ? Status.AWAITING_REVIEW : Status.SCORED, points, max,
                accepted, pending);
    }

    /**
     * The score an office is credited with: its own, except for the indicators a managing office owns
     * ({@link ChecklistIndicator#managingOfficeOwned()}) in a region that has one, where the managing office's score
     * stands for each office it manages (the managing office's report may be null: nothing submitted yet).
     *
     * @param hasManagingOffice whether the office's region has a managing office
     */
    public static ObjectiveScore credited(ChecklistIndicator indicator, ObjectiveReport own, boolean hasManagingOffice,
                                          ObjectiveReport managingOffice, ChecklistCatalogue catalogue,
                                          ObjectiveRules rules) {
        ObjectiveReport source = indicator.managingOfficeOwned() && hasManagingOffice ? managingOffice : own;
        return score(indicator, source, catalogue, rules);
    }

    /**
     * A region's (or a managing office's) figure of one indicator: the mean points over the offices that reported
     * it ({@link Status#reported()}); empty when none did.
     */
    public static OptionalDouble meanPoints(Collection<ObjectiveScore> officeScores) {
        return officeScores.stream().filter(s -> s.status().reported()).mapToDouble(ObjectiveScore::points).average();
    }
}
