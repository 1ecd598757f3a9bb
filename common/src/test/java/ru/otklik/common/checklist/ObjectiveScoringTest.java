package ru.otklik.common.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.checklist.ObjectiveReport.ChecklistFacts;
import ru.otklik.common.checklist.ObjectiveReport.ComfortFact;
import ru.otklik.common.checklist.ObjectiveReport.HeldEvent;
import ru.otklik.common.checklist.ObjectiveReport.ParameterFact;
import ru.otklik.common.checklist.ObjectiveReport.VacancyFact;
import ru.otklik.common.checklist.ObjectiveScore.Status;

/** Every scoring rule of domain §6, with its edges; the expected points are written out from the table. */
class ObjectiveScoringTest {

    private static final double EPS = 1e-9;
    private static final ChecklistCatalogue CATALOGUE = ChecklistCatalogue.standard();
    private static final ObjectiveRules RULES = ObjectiveRules.DEFAULT;
    private static final String PERIOD = "2026-Q4";

    // ---- parameters checklists -------------------------------------------------------------------------------

    @Test
    void noParametersImplementedScoresZeroButIsScored() {
        ObjectiveScore s = score(ChecklistIndicator.MANAGEMENT_OPENNESS, parameters(ChecklistIndicator.MANAGEMENT_OPENNESS, 0, 0, 0));
        assertEquals(Status.SCORED, s.status());
        assertEquals(0.0, s.points(), EPS);
        assertEquals(1.0, s.maxPoints(), EPS);
    }

    @Test
    void allParametersAcceptedScoreTheMaximumOfEachChecklist() {
        Map<ChecklistIndicator, Double> max = Map.of(ChecklistIndicator.MANAGEMENT_OPENNESS, 1.0, // 5 x 0.2
                ChecklistIndicator.INFO_OFFICE, 0.5, ChecklistIndicator.INFO_WEBSITE, 0.5, // 5 x 0.1
                ChecklistIndicator.INFO_SOCIAL, 0.5, ChecklistIndicator.INFO_CONTACT_CENTRE, 0.5,
                ChecklistIndicator.MULTICHANNEL, 1.0, // 10 x 0.1
                ChecklistIndicator.FAST_RESPONSE, 1.0, // yes = 1
                ChecklistIndicator.PRE_BOOKING, 1.0, // 4 x 0.25
                ChecklistIndicator.TRANSPORT_ACCESS, 1.0, // 2 x 1/2
                ChecklistIndicator.STAFF_APPEARANCE, 1.0); // 5 x 0.2
        max.forEach((indicator, points) -> {
            int n = CATALOGUE.parameters(indicator).size();
            ObjectiveScore s = score(indicator, parameters(indicator, n, 0, 0));
            assertEquals(points, s.points(), EPS, indicator.code());
            assertEquals(Status.SCORED, s.status(), indicator.code());
            assertEquals(n, s.accepted(), indicator.code());
        });
        assertEquals(5, CATALOGUE.parameters(ChecklistIndicator.MANAGEMENT_OPENNESS).size());
        assertEquals(10, CATALOGUE.parameters(ChecklistIndicator.MULTICHANNEL).size());
        assertEquals(4, CATALOGUE.parameters(ChecklistIndicator.PRE_BOOKING).size());
    }

    @Test
    void onlyAcceptedParametersScore() {
        // openness: 3 accepted, 1 rejected, 1 not implemented -> 3 x 0.2
        ObjectiveScore s = score(ChecklistIndicator.MANAGEMENT_OPENNESS,
                parameters(ChecklistIndicator.MANAGEMENT_OPENNESS, 3, 1, 0));
        assertEquals(0.6, s.points(), EPS);
        assertEquals(Status.SCORED, s.status());
        // multichannel: 7 of 10 accepted -> 0.7; pre-booking 3 of 4 -> 0.75; staff appearance 2 of 5 -> 0.4
        assertEquals(0.7, score(ChecklistIndicator.MULTICHANNEL, parameters(ChecklistIndicator.MULTICHANNEL, 7, 2, 0)).points(), EPS);
        assertEquals(0.75, score(ChecklistIndicator.PRE_BOOKING, parameters(ChecklistIndicator.PRE_BOOKING, 3, 0, 0)).points(), EPS);
        assertEquals(0.4, score(ChecklistIndicator.STAFF_APPEARANCE, parameters(ChecklistIndicator.STAFF_APPEARANCE, 2, 3, 0)).points(), EPS);
    }

    @Test
    void aPendingEntryKeepsTheChecklistAwaitingReviewWithTheAcceptedPointsSoFar() {
        ObjectiveScore s = score(ChecklistIndicator.INFO_OFFICE, parameters(ChecklistIndicator.INFO_OFFICE, 2, 0, 1));
        assertEquals(Status.AWAITING_REVIEW, s.status());
        assertEquals(0.2, s.points(), EPS);
        assertEquals(1, s.pending());
    }

    @Test
    void transportPointsFollowTheLengthOfTheConfigurableList() {
        assertEquals(0.5, ObjectiveScoring.parameterPoints(ChecklistIndicator.TRANSPORT_ACCESS, 1, 2), EPS);
        // the list extended to 3 parameters: 1/3 each
        assertEquals(2.0 / 3, ObjectiveScoring.parameterPoints(ChecklistIndicator.TRANSPORT_ACCESS, 2, 3), EPS);
        assertEquals(1.0, ObjectiveScoring.parameterPoints(ChecklistIndicator.TRANSPORT_ACCESS, 3, 3), EPS);
    }

    @Test
    void aParameterOutsideTheCatalogueScoresNothing() {
        List<ParameterFact> facts = new ArrayList<>(parameters(ChecklistIndicator.FAST_RESPONSE, 0, 0, 0).parameters());
        facts.add(new ParameterFact("made_up", true, Review.ACCEPTED));
        ObjectiveScore s = score(ChecklistIndicator.FAST_RESPONSE, new ChecklistFacts("fast_response", null, facts, null, null, null));
        assertEquals(0.0, s.points(), EPS);
    }

    // ---- comfort levels -----------------------------------------------------------------------------------------

    @Test
    void comfortLevelsScoreTwoOneAndAHalfThreeQuartersAndNone() {
        assertEquals(2.0, comfort(1, Review.ACCEPTED).points(), EPS);
        assertEquals(1.5, comfort(2, Review.ACCEPTED).points(), EPS);
        assertEquals(0.75, comfort(3, Review.ACCEPTED).points(), EPS);
        ObjectiveScore none = comfort(0, Review.PENDING); // "none" claims nothing: nothing to review, scored 0
        assertEquals(0.0, none.points(), EPS);
        assertEquals(Status.SCORED, none.status());
        assertEquals(0.0, comfort(1, Review.REJECTED).points(), EPS);
        assertEquals(Status.AWAITING_REVIEW, comfort(2, Review.PENDING).status());
        assertThrows(IllegalArgumentException.class, () -> new ComfortFact(4, Review.ACCEPTED));
    }

    // ---- vacancy dynamics --------------------------------------------------------------------------------------

    @Test
    void vacancyGrowthTimesTheCoefficientClampedToTheMaximum() {
        // 120 / 100 - 1 = 0.2; x 2 = 0.4
        assertEquals(0.4, vacancies(120, 100, Review.ACCEPTED).points(), EPS);
        // 250 / 100 - 1 = 1.5; x 2 = 3 -> clamped to 2
        assertEquals(2.0, vacancies(250, 100, Review.ACCEPTED).points(), EPS);
        // with max 1 (the other figure of the sources) the same growth clamps to 1
        assertEquals(1.0, ObjectiveScoring.vacancyPoints(250, 100, new ObjectiveRules(2, 1)), EPS);
        assertEquals(2.0, new ObjectiveRules(2, 2).maxPoints(ChecklistIndicator.VACANCY_DYNAMICS), EPS);
        assertEquals(1.0, new ObjectiveRules(2, 1).maxPoints(ChecklistIndicator.VACANCY_DYNAMICS), EPS);
    }

    @Test
    void aVacancyDeclineIsClampedToZero() {
        ObjectiveScore s = vacancies(80, 100, Review.ACCEPTED); // (0.8 - 1) x 2 = -0.4 -> 0
        assertEquals(0.0, s.points(), EPS);
        assertEquals(Status.SCORED, s.status());
        assertEquals(0.0, vacancies(100, 100, Review.ACCEPTED).points(), EPS);
    }

    @Test
    void vacanciesWithoutAPreviousCountCannotBeScored() {
        ObjectiveScore s = vacancies(50, 0, Review.ACCEPTED);
        assertEquals(Status.NO_BASELINE, s.status());
        assertEquals(0.0, s.points(), EPS);
        assertThrows(IllegalArgumentException.class, () -> ObjectiveScoring.vacancyPoints(10, 0, RULES));
    }

    @Test
    void rejectedVacanciesScoreNothing() {
        assertEquals(0.0, vacancies(200, 100, Review.REJECTED).points(), EPS);
    }

    // ---- events ---------------------------------------------------------------------------------------------------

    @Test
    void repeatedEventsOfOneTypeCountOnce() {
        List<HeldEvent> events = List.of(
                event("job_fair", "Ярмарка 1", Review.ACCEPTED), event("job_fair", "Ярмарка 2", Review.ACCEPTED),
                event("job_fair", "Ярмарка 3", Review.ACCEPTED), event("career_day", "День карьеры", Review.ACCEPTED));
        assertEquals(0.2, events(events).points(), EPS); // two distinct types
    }

    @Test
    void otherEventsScoreOncePerDistinctAcceptedName() {
        List<HeldEvent> events = List.of(
                event("other", "Квест по профессиям", Review.ACCEPTED),
                event("other", "  квест   по профессиям ", Review.ACCEPTED), // the same event again
                event("other", "Хакатон", Review.REJECTED), // not approved by the federal centre
                event("other", "Форум молодёжи", Review.ACCEPTED),
                event("job_club", "Клуб", Review.ACCEPTED));
        assertEquals(0.3, events(events).points(), EPS);
    }

    @Test
    void eventsOutsideThePeriodOrRejectedOrOfAnUnknownTypeDoNotCount() {
        List<HeldEvent> events = List.of(
                new HeldEvent("job_fair", LocalDate.of(2026, 9, 30), "Сентябрь", Review.ACCEPTED), // Q3
                event("open_doors", "Отклонено", Review.REJECTED),
                event("circus", "Неизвестный тип", Review.ACCEPTED),
                event("job_club", "Засчитано", Review.ACCEPTED));
        assertEquals(0.1, events(events).points(), EPS);
    }

    @Test
    void eventsAreCappedAtTwo() {
        List<HeldEvent> events = new ArrayList<>();
        CATALOGUE.eventTypes().forEach(t -> events.add(event(t.code(), t.code(), Review.ACCEPTED)));
        for (int i = 0; i < 15; i++) {
            events.add(event("other", "Событие " + i, Review.ACCEPTED));
        }
        assertEquals(2.0, events(events).points(), EPS); // 9 + 15 distinct = 2.4 -> 2
        assertEquals(9, CATALOGUE.eventTypes().size());
    }

    @Test
    void noEventsScoreZero() {
        assertEquals(0.0, events(List.of()).points(), EPS);
    }

    // ---- not submitted, audit, managing office, region mean --------------------------------------------------

    @Test
    void nothingSubmittedIsNotReported() {
        ObjectiveScore s = ObjectiveScoring.score(ChecklistIndicator.MULTICHANNEL, null, CATALOGUE, RULES);
        assertEquals(Status.NOT_SUBMITTED, s.status());
        assertEquals(false, s.status().reported());
        ObjectiveReport empty = report("BRY-01", null);
        assertEquals(Status.NOT_SUBMITTED, ObjectiveScoring.score(ChecklistIndicator.COMFORT, empty, CATALOGUE, RULES).status());
    }

    @Test
    void anAuditFindingZeroesEveryPointOfThePeriodAndKeepsTheCounts() {
        ObjectiveReport.Audit audit = new ObjectiveReport.Audit(Instant.parse("2026-11-20T09:00:00Z"), "фото чужого офиса");
        ObjectiveReport report = new ObjectiveReport("BRY-01", "BRY", PERIOD, 5, Instant.parse("2026-11-20T09:00:00Z"), audit,
                List.of(parameters(ChecklistIndicator.MANAGEMENT_OPENNESS, 5, 0, 0),
                        new ChecklistFacts("comfort", null, null, null, new ComfortFact(1, Review.ACCEPTED), null),
                        new ChecklistFacts("vacancy_dynamics", null, null, new VacancyFact(150, 100, Review.ACCEPTED), null, null)));
        Map<ChecklistIndicator, ObjectiveScore> scores = ObjectiveScoring.score(report, CATALOGUE, RULES);
        for (ChecklistIndicator i : List.of(ChecklistIndicator.MANAGEMENT_OPENNESS, ChecklistIndicator.COMFORT,
                ChecklistIndicator.VACANCY_DYNAMICS)) {
            assertEquals(Status.ZEROED_BY_AUDIT, scores.get(i).status(), i.code());
            assertEquals(0.0, scores.get(i).points(), EPS, i.code());
            assertEquals(true, scores.get(i).status().reported(), i.code()); // counts as a reported 0
        }
        assertEquals(5, scores.get(ChecklistIndicator.MANAGEMENT_OPENNESS).accepted()); // the values stay for the record
        assertEquals(Status.NOT_SUBMITTED, scores.get(ChecklistIndicator.MULTICHANNEL).status());
    }

    @Test
    void aManagingOfficeScoresTheWebsiteSocialAndMultichannelForTheOfficesItManages() {
        ObjectiveReport managing = report("LIP-01", List.of(parameters(ChecklistIndicator.INFO_WEBSITE, 4, 0, 0),
                parameters(ChecklistIndicator.MULTICHANNEL, 6, 0, 0), parameters(ChecklistIndicator.INFO_OFFICE, 1, 0, 0)));
        ObjectiveReport branch = report("LIP-02", List.of(parameters(ChecklistIndicator.INFO_WEBSITE, 1, 0, 0),
                parameters(ChecklistIndicator.INFO_OFFICE, 5, 0, 0)));
        // website and multichannel: the managing office's 0.4 and 0.6, whatever the branch entered
        assertEquals(0.4, ObjectiveScoring.credited(ChecklistIndicator.INFO_WEBSITE, branch, true, managing, CATALOGUE, RULES).points(), EPS);
        assertEquals(0.6, ObjectiveScoring.credited(ChecklistIndicator.MULTICHANNEL, branch, true, managing, CATALOGUE, RULES).points(), EPS);
        assertEquals(Status.NOT_SUBMITTED, ObjectiveScoring.credited(ChecklistIndicator.INFO_SOCIAL, branch, true, managing,
                CATALOGUE, RULES).status());
        // the office's own checklist stays its own
        assertEquals(0.5, ObjectiveScoring.credited(ChecklistIndicator.INFO_OFFICE, branch, true, managing, CATALOGUE, RULES).points(), EPS);
        // without a managing office every office scores its own website
        assertEquals(0.1, ObjectiveScoring.credited(ChecklistIndicator.INFO_WEBSITE, branch, false, null, CATALOGUE, RULES).points(), EPS);
        // the managing office not having submitted yet: the branch has nothing for its website either
        assertEquals(Status.NOT_SUBMITTED, ObjectiveScoring.credited(ChecklistIndicator.INFO_WEBSITE, branch, true, null,
                CATALOGUE, RULES).status());
    }

    @Test
    void theRegionFigureIsTheMeanOverTheOfficesThatReported() {
        List<ObjectiveScore> offices = List.of(
                new ObjectiveScore("comfort", Status.SCORED, 2.0, 2, 1, 0),
                new ObjectiveScore("comfort", Status.SCORED, 0.75, 2, 1, 0),
                new ObjectiveScore("comfort", Status.ZEROED_BY_AUDIT, 0, 2, 1, 0),
                new ObjectiveScore("comfort", Status.NOT_SUBMITTED, 0, 2, 0, 0),
                new ObjectiveScore("comfort", Status.AWAITING_REVIEW, 1.5, 2, 0, 1));
        assertEquals((2.0 + 0.75 + 0) / 3, ObjectiveScoring.meanPoints(offices).orElseThrow(), EPS);
        assertEquals(true, ObjectiveScoring.meanPoints(List.of(offices.get(3))).isEmpty());
    }

    @Test
    void periodsParseAndContainTheirDays() {
        ReportingPeriod q4 = ReportingPeriod.parse("2026-Q4");
        assertEquals(LocalDate.of(2026, 10, 1), q4.start());
        assertEquals(LocalDate.of(2027, 1, 1), q4.end());
        assertEquals("2026-Q3", q4.previous().code());
        assertEquals("2026-Q1", ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, LocalDate.of(2026, 3, 31)).code());
        assertEquals("2026-11", ReportingPeriod.of(ReportingPeriod.Kind.MONTH, LocalDate.of(2026, 11, 30)).code());
        assertEquals("2025", ReportingPeriod.of(ReportingPeriod.Kind.YEAR, LocalDate.of(2025, 6, 1)).code());
        assertEquals(true, q4.contains(LocalDate.of(2026, 12, 31)));
        assertEquals(false, q4.contains(LocalDate.of(2027, 1, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportingPeriod.parse("2026-Q5"));
        assertEquals(true, e.getMessage().contains("2026-Q4"), e.getMessage());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** The catalogue's parameters in order: the first {@code accepted} implemented and accepted, then rejected, then pending, the rest not implemented. */
    private static ChecklistFacts parameters(ChecklistIndicator indicator, int accepted, int rejected, int pending) {
        List<ParameterFact> facts = new ArrayList<>();
        int i = 0;
        for (ChecklistCatalogue.Item p : CATALOGUE.parameters(indicator)) {
            Review review = i < accepted ? Review.ACCEPTED : i < accepted + rejected ? Review.REJECTED
                    : i < accepted + rejected + pending ? Review.PENDING : null;
            facts.add(new ParameterFact(p.code(), review != null, review == null ? Review.PENDING : review));
            i++;
        }
        return new ChecklistFacts(indicator.code(), Instant.parse("2026-11-01T10:00:00Z"), facts, null, null, null);
    }

    private static ObjectiveReport report(String office, List<ChecklistFacts> checklists) {
        return new ObjectiveReport(office, office.substring(0, 3), PERIOD, 1, Instant.parse("2026-11-01T10:00:00Z"), null,
                checklists);
    }

    private static ObjectiveScore score(ChecklistIndicator indicator, ChecklistFacts facts) {
        return ObjectiveScoring.score(indicator, report("BRY-01", List.of(facts)), CATALOGUE, RULES);
    }

    private static ObjectiveScore comfort(int level, Review review) {
        return score(ChecklistIndicator.COMFORT, new ChecklistFacts("comfort", null, null, null, new ComfortFact(level, review), null));
    }

    private static ObjectiveScore vacancies(long current, long previous, Review review) {
        return score(ChecklistIndicator.VACANCY_DYNAMICS, new ChecklistFacts("vacancy_dynamics", null, null,
                new VacancyFact(current, previous, review), null, null));
    }

    private static HeldEvent event(String type, String name, Review review) {
        return new HeldEvent(type, LocalDate.of(2026, 11, 10), name, review);
    }

    private static ObjectiveScore events(List<HeldEvent> events) {
        return score(ChecklistIndicator.JOB_SEEKER_EVENTS, new ChecklistFacts("job_seeker_events", null, null, null, null, events));
    }
}
