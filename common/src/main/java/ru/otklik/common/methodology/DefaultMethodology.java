package ru.otklik.common.methodology;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ObjectiveRules;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.survey.LocalizedText;

/**
 * Version 1, what the product ships and publishes when no version exists yet: the five groups of domain §3 with
 * equal weights, every 1–10 item of the questionnaires (Q4 and Q14 have no positive-share rule and are reported as
 * distributions only) and every checklist of §6 in the group its subject belongs to, quarterly, minimum sample 30,
 * K = 2 and vacancy max 2. The sources publish no difference between the centralised and decentralised variants,
 * so version 1's two variants are equal; a methodologist's later version can tell them apart.
 */
public final class DefaultMethodology {

    public static final String FRIENDLINESS = "friendliness";
    public static final String USEFULNESS = "usefulness";
    public static final String EFFORT = "effort";
    public static final String PERSONALISATION = "personalisation";
    public static final String COMFORT = "comfort";

    private DefaultMethodology() {
    }

    public static Methodology version1(LocalDate validFrom) {
        MethodologyVariant variant = variant();
        return new Methodology(1, new LocalizedText("Индекс клиентоцентричности ЦЗН, версия 1",
                "Job-centre client-centricity index, version 1"), validFrom, null, ReportingPeriod.Kind.QUARTER,
                ru.otklik.common.indicator.Indicators.DEFAULT_MINIMUM_SAMPLE, ObjectiveRules.DEFAULT,
                Map.of(RegionNetwork.CENTRALISED, variant, RegionNetwork.DECENTRALISED, variant), null,
                "Первая версия / first version");
    }

    public static List<IndexGroup> groups() {
        return List.of(
                new IndexGroup(FRIENDLINESS, 1, new LocalizedText("Дружелюбность и партнёрство", "Friendliness and partnership")),
                new IndexGroup(USEFULNESS, 1, new LocalizedText("Полезность", "Usefulness")),
                new IndexGroup(EFFORT, 1, new LocalizedText("Минимальные усилия клиента", "Minimal client effort")),
                new IndexGroup(PERSONALISATION, 1, new LocalizedText("Персонализация", "Personalisation")),
                new IndexGroup(COMFORT, 1, new LocalizedText("Внешний комфорт", "External comfort")));
    }

    public static MethodologyVariant variant() {
        List<IndexIndicator> list = new ArrayList<>();
        s(list, "Q10", FRIENDLINESS, "Профессиональная компетентность", "Professional competence");
        s(list, "Q11", FRIENDLINESS, "Коммуникативная компетентность", "Communication competence");
        s(list, "Q12", FRIENDLINESS, "Открытость руководства", "Openness of management");
        o(list, ChecklistIndicator.MANAGEMENT_OPENNESS, FRIENDLINESS);
        o(list, ChecklistIndicator.JOB_SEEKER_EVENTS, FRIENDLINESS);
        s(list, "Q1", USEFULNESS, "Полезность визита", "Usefulness of the visit");
        o(list, ChecklistIndicator.VACANCY_DYNAMICS, USEFULNESS);
        s(list, "Q15a", EFFORT, "Информация в центре занятости", "Information in the office");
        s(list, "Q15b", EFFORT, "Информация на сайте", "Information on the website");
        s(list, "Q15c", EFFORT, "Информация в социальных сетях", "Information in social networks");
        s(list, "Q15d", EFFORT, "Информация через контакт-центр", "Information via the contact centre");
        o(list, ChecklistIndicator.INFO_OFFICE, EFFORT);
        o(list, ChecklistIndicator.INFO_WEBSITE, EFFORT);
        o(list, ChecklistIndicator.INFO_SOCIAL, EFFORT);
        o(list, ChecklistIndicator.INFO_CONTACT_CENTRE, EFFORT);
        o(list, ChecklistIndicator.MULTICHANNEL, EFFORT);
        s(list, "Q9", EFFORT, "Оперативность реагирования", "Fast response");
        o(list, ChecklistIndicator.FAST_RESPONSE, EFFORT);
        s(list, "Q8", EFFORT, "Простота процедур", "Simplicity of procedures");
        s(list, "Q13", EFFORT, "Предварительная запись", "Pre-booking");
        o(list, ChecklistIndicator.PRE_BOOKING, EFFORT);
        s(list, "Q5", PERSONALISATION, "Учёт личных обстоятельств", "Personal circumstances");
        s(list, "Q7", COMFORT, "Внешний вид сотрудников", "Staff appearance");
        o(list, ChecklistIndicator.STAFF_APPEARANCE, COMFORT);
        s(list, "Q6", COMFORT, "Согласованность действий", "Coordination");
        s(list, "Q3", COMFORT, "Транспортная доступность", "Transport accessibility");
        o(list, ChecklistIndicator.TRANSPORT_ACCESS, COMFORT);
        s(list, "Q2", COMFORT, "Комфортность условий", "Comfort of conditions");
        o(list, ChecklistIndicator.COMFORT, COMFORT);
        return new MethodologyVariant(groups(), list);
    }

    private static void s(List<IndexIndicator> list, String question, String group, String ru, String en) {
        list.add(IndexIndicator.subjective(question, group, false, new LocalizedText(ru, en)));
    }

    private static void o(List<IndexIndicator> list, ChecklistIndicator checklist, String group) {
        list.add(IndexIndicator.objective(checklist.code(), group, false, checklist.title()));
    }
}
