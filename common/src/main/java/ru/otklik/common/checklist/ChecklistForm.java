package ru.otklik.common.checklist;

/** How a checklist is filled in. */
public enum ChecklistForm {
    /** Each parameter of {@link ChecklistCatalogue} marked implemented or not, with evidence. */
    PARAMETERS,
    /** Vacancies in the database this period and the previous one. */
    VACANCIES,
    /** Events held in the period: date, name, summary, and one of the listed types (or another, approved). */
    EVENTS,
    /** The comfort level reached: 1 (highest), 2, 3 or none. */
    COMFORT_LEVEL
}
