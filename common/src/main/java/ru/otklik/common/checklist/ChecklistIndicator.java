package ru.otklik.common.checklist;

import ru.otklik.common.survey.LocalizedText;

/**
 * The objective indicators of domain §6, each filled in by office staff as one checklist and scored by
 * {@link ObjectiveScoring}. The codes are the wire and storage codes (Kafka {@code checklists.reports}, the
 * operational store, ClickHouse {@code composite_index.component}); the parameters of each checklist are in
 * {@link ChecklistCatalogue}.
 */
public enum ChecklistIndicator {
    MANAGEMENT_OPENNESS("management_openness", ChecklistForm.PARAMETERS, 1.0, 0.2, false,
            new LocalizedText("Открытость руководства", "Openness of management")),
    VACANCY_DYNAMICS("vacancy_dynamics", ChecklistForm.VACANCIES, 2.0, 0, false,
            new LocalizedText("Динамика базы вакансий", "Vacancy base dynamics")),
    JOB_SEEKER_EVENTS("job_seeker_events", ChecklistForm.EVENTS, 2.0, 0.1, false,
            new LocalizedText("Мероприятия для привлечения соискателей", "Events attracting job seekers")),
    INFO_OFFICE("info_office", ChecklistForm.PARAMETERS, 0.5, 0.1, false,
            new LocalizedText("Доступность информации: в центре занятости", "Information accessibility: in the office")),
    INFO_WEBSITE("info_website", ChecklistForm.PARAMETERS, 0.5, 0.1, true,
            new LocalizedText("Доступность информации: сайт", "Information accessibility: website")),
    INFO_SOCIAL("info_social", ChecklistForm.PARAMETERS, 0.5, 0.1, true,
            new LocalizedText("Доступность информации: социальные сети", "Information accessibility: social networks")),
    INFO_CONTACT_CENTRE("info_contact_centre", ChecklistForm.PARAMETERS, 0.5, 0.1, false,
            new LocalizedText("Доступность информации: контакт-центр", "Information accessibility: contact centre")),
    MULTICHANNEL("multichannel", ChecklistForm.PARAMETERS, 1.0, 0.1, true,
            new LocalizedText("Многоканальность", "Multichannel")),
    FAST_RESPONSE("fast_response", ChecklistForm.PARAMETERS, 1.0, 1.0, false,
            new LocalizedText("Оперативность реагирования", "Fast response")),
    PRE_BOOKING("pre_booking", ChecklistForm.PARAMETERS, 1.0, 0.25, false,
            new LocalizedText("Предварительная запись", "Pre-booking")),
    COMFORT("comfort", ChecklistForm.COMFORT_LEVEL, 2.0, 0, false,
            new LocalizedText("Комфортность условий", "Comfort of conditions")),
    /** Points per parameter = 1 / number of parameters (the list is configurable): {@code pointsPerParameter} 0. */
    TRANSPORT_ACCESS("transport_access", ChecklistForm.PARAMETERS, 1.0, 0, false,
            new LocalizedText("Транспортная доступность", "Transport accessibility")),
    STAFF_APPEARANCE("staff_appearance", ChecklistForm.PARAMETERS, 1.0, 0.2, false,
            new LocalizedText("Внешний вид сотрудников", "Staff appearance"));

    private final String code;
    private final ChecklistForm form;
    private final double maxPoints;
    private final double pointsPerParameter;
    private final boolean managingOfficeOwned;
    private final LocalizedText title;

    ChecklistIndicator(String code, ChecklistForm form, double maxPoints, double pointsPerParameter,
                       boolean managingOfficeOwned, LocalizedText title) {
        this.code = code;
        this.form = form;
        this.maxPoints = maxPoints;
        this.pointsPerParameter = pointsPerParameter;
        this.managingOfficeOwned = managingOfficeOwned;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public ChecklistForm form() {
        return form;
    }

    /**
     * The most points the indicator gives. Vacancy dynamics' maximum is a methodology setting (sources say 1 or
     * 2); this is its default, {@link ObjectiveRules#vacancyMax()} decides.
     */
    public double maxPoints() {
        return maxPoints;
    }

    /** Points per implemented and accepted parameter; 0 where another rule applies (see the constants). */
    public double pointsPerParameter() {
        return pointsPerParameter;
    }

    /**
     * Website, social-network and multichannel indicators belong to the managing office where the region has one
     * (domain §6): only it fills them in, and its score stands for every office it manages.
     */
    public boolean managingOfficeOwned() {
        return managingOfficeOwned;
    }

    public LocalizedText title() {
        return title;
    }

    public static ChecklistIndicator fromCode(String code) {
        for (ChecklistIndicator i : values()) {
            if (i.code.equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown checklist indicator " + code);
    }

    public static boolean isCode(String code) {
        for (ChecklistIndicator i : values()) {
            if (i.code.equals(code)) {
                return true;
            }
        }
        return false;
    }
}
