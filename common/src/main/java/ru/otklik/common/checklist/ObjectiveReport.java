package ru.otklik.common.checklist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything submitted and reviewed for one office and one reporting period, as the dashboards publish it to
 * Kafka topic {@code checklists.reports} (keyed by office code) from the operational store on every change: a
 * submission, an expert's review, an audit finding. The whole state each time, so a consumer keeps the highest
 * {@code revision} per (office, period) and needs nothing else; an older revision is ignored (at least once).
 * Drafts are never in it; evidence (links, photos) and who filled in or reviewed stay in the operational store.
 *
 * @param period     the reporting period's code ({@link ReportingPeriod#code()}, e.g. {@code 2026-Q4})
 * @param revision   increases with every change of the office's period
 * @param audit      an audit finding of false data (all points of the period zero), or null
 * @param checklists the submitted checklists, at most one per indicator
 */
public record ObjectiveReport(String officeCode, String regionCode, String period, long revision, Instant changedAt,
                              Audit audit, List<ChecklistFacts> checklists) {

    public ObjectiveReport {
        checklists = checklists == null ? List.of() : List.copyOf(checklists);
    }

    /** The key a consumer keeps the newest revision under. */
    public String key() {
        return officeCode + "/" + period;
    }

    public java.util.Optional<ChecklistFacts> checklist(ChecklistIndicator indicator) {
        return checklists.stream().filter(c -> c.indicator().equals(indicator.code())).findFirst();
    }

    /** An audit's finding that the office submitted false data for the period: every point of it is zero. */
    public record Audit(Instant foundAt, String reason) {
    }

    /**
     * One submitted checklist; the fields of its {@link ChecklistForm} are set, the others null (lists empty).
     *
     * @param parameters {@link ChecklistForm#PARAMETERS}: every parameter of the catalogue, implemented or not
     */
    public record ChecklistFacts(String indicator, Instant submittedAt, List<ParameterFact> parameters,
                                 VacancyFact vacancies, ComfortFact comfort, List<HeldEvent> events) {
        public ChecklistFacts {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    /** A parameter marked implemented or not; only an implemented one is reviewed (and scores once accepted). */
    public record ParameterFact(String code, boolean implemented, Review review) {
    }

    /** Vacancies in the database at the end of this period and of the previous one. */
    public record VacancyFact(long current, long previous, Review review) {
    }

    /** The comfort level reached: 1 (highest), 2, 3, or 0 (none, needs no review). */
    public record ComfortFact(int level, Review review) {
        public ComfortFact {
            if (level < 0 || level > 3) {
                throw new IllegalArgumentException("comfort level must be 0-3, got " + level);
            }
        }
    }

    /**
     * An event held in the period. {@code type} is a listed type's code or {@link ChecklistCatalogue#OTHER_EVENT};
     * summary text stays in the operational store.
     */
    public record HeldEvent(String type, LocalDate date, String name, Review review) {
    }
}
