package ru.otklik.common.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;

class SurveyCatalogTest {

    private final SurveyCatalog catalog = SurveyCatalog.builtIn();

    @Test
    void seekerFormHasTheMethodologyItems() {
        SurveyDefinition seeker = catalog.find("jc-seeker", 1).orElseThrow();
        List<String> ids = seeker.questions().stream().map(Question::id).toList();
        assertEquals(List.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11", "Q12_gate", "Q12",
                "Q13_gate", "Q13", "Q14", "Q15a", "Q15b", "Q15c", "Q15d"), ids);
        Set<String> inPerson = seeker.questions().stream().filter(Question::inPersonOnly).map(Question::id)
                .collect(Collectors.toSet());
        assertEquals(Set.of("Q2", "Q3", "Q7"), inPerson);
        assertEquals("Q12_gate", seeker.question("Q12").orElseThrow().showIf().question());
        assertTrue(seeker.questions().stream().allMatch(q -> q.text().ru() != null && q.text().en() != null));
    }

    @Test
    void everyKioskReasonReadsInBothLanguages() {
        Question reason = catalog.find("kiosk-quick", 1).orElseThrow().question("K2").orElseThrow();
        assertTrue(reason.allowedChoices().size() >= 5 && reason.allowedChoices().size() <= 7, "domain §2: 5-7 reasons");
        for (String code : reason.allowedChoices()) {
            LocalizedText label = reason.optionLabel(code).orElseThrow(() -> new AssertionError(code + " has no label"));
            assertTrue(!label.ru().isBlank() && !label.en().isBlank() && !label.ru().equals(code), code);
        }
        assertEquals("Waiting time", reason.optionLabel("waiting_time").orElseThrow().en());
    }

    @Test
    void indicatorGroupsFollowTheMethodology() {
        SurveyDefinition seeker = catalog.find("jc-seeker", 1).orElseThrow();
        Set<String> friendliness = seeker.questions().stream().filter(q -> "friendliness".equals(q.group()))
                .map(Question::id).collect(Collectors.toSet());
        assertEquals(Set.of("Q10", "Q11", "Q12"), friendliness);
        Set<String> comfort = seeker.questions().stream().filter(q -> "comfort".equals(q.group()))
                .map(Question::id).collect(Collectors.toSet());
        assertEquals(Set.of("Q2", "Q3", "Q6", "Q7"), comfort);
    }

    @Test
    void allBuiltInSurveysLoad() {
        assertEquals(4, catalog.all().size());
        assertTrue(catalog.find("jc-seeker", 2).isEmpty());
    }

    @Test
    void pilotDirectoryHasThirteenRegionsAndTwentySixOffices() {
        OfficeDirectory offices = OfficeDirectory.pilot();
        assertEquals(26, offices.offices().size());
        assertEquals(13, offices.regions().size());
        assertEquals("BRY", offices.office("BRY-02").orElseThrow().regionCode());
        assertEquals(3, offices.officesOf("PRI").size());
    }
}
