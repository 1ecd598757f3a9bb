package ru.otklik.ingest.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.ingest.link.SurveyLink;

class FormSubmissionTest {

    private static final Instant NOW = Instant.parse("2025-03-03T10:15:30Z");
    private static final SurveyCatalog SURVEYS = SurveyCatalog.builtIn();
    private static final OfficeDirectory OFFICES = OfficeDirectory.pilot();
    private static final ResponseValidator VALIDATOR = new ResponseValidator(SURVEYS, OFFICES,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private static final SurveyDefinition SEEKER = SURVEYS.find("jc-seeker", 1).orElseThrow();
    private static final SurveyDefinition EMPLOYER = SURVEYS.find("jc-employer", 1).orElseThrow();
    private static final SurveyDefinition PULSE = SURVEYS.find("pulse", 1).orElseThrow();

    private static SurveyLink link(String surveyId) {
        var office = OFFICES.office("BRY-02").orElseThrow();
        return new SurveyLink(SurveyLink.newLinkId(), office.regionCode(), office.code(), "window-3", null, surveyId, 1,
                false, NOW.plusSeconds(3600));
    }

    private static FormSubmission form(String... pairs) {
        Map<String, List<String>> fields = new HashMap<>();
        fields.put("responseId", List.of("3f0d2c1e-1111-4222-8333-944455556666"));
        for (int i = 0; i < pairs.length; i += 2) {
            fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return new FormSubmission(fields);
    }

    private static SurveyResponse valid(FormSubmission form, SurveyDefinition survey) {
        Validated<SurveyResponse> result = VALIDATOR.validate(form.toResponse(link(survey.id()), survey, NOW));
        assertTrue(result.isValid(), () -> result.violations().toString());
        return result.value();
    }

    @Test
    void theHiddenStartTimeBecomesStartedTsWhenPlausibleAndIsDroppedOtherwise() {
        SurveyResponse shown = valid(form("Q1", "7", "startedTs", NOW.minusSeconds(125).toString()), SEEKER);
        assertEquals(NOW.minusSeconds(125), shown.startedTs());
        assertEquals(125_000L, shown.withMeta("ip", "ua").meta().fillMillis());
        for (String broken : new String[]{"yesterday", NOW.plusSeconds(5).toString(),
                NOW.minus(java.time.Duration.ofDays(2)).toString()}) {
            SurveyResponse r = valid(form("Q1", "7", "startedTs", broken), SEEKER);
            assertNull(r.startedTs(), broken + " costs the respondent nothing and is not sent");
        }
        assertEquals(NOW.toString(), FormSubmission.startedAt(NOW).value("startedTs"));
    }

    @Test
    void emptyAnswersAreLeftOutNotZero() {
        SurveyResponse r = valid(form("Q1", "7", "Q2", "", "Q3", "  ", "Q4", "yes", "comment", "  "), SEEKER);
        assertEquals(Map.of("Q1", Answer.score(7), "Q4", Answer.choice("yes")), r.answers());
        assertNull(r.comment());
        assertNull(r.profile());
    }

    @Test
    void nothingAnsweredIsStillAValidResponse() {
        SurveyResponse r = valid(form(), SEEKER);
        assertTrue(r.answers().isEmpty());
        assertEquals(Mode.IN_PERSON, r.mode());
    }

    @Test
    void remoteModeDropsOnlyInPersonItems() {
        SurveyResponse r = valid(form("mode", "remote", "Q1", "8", "Q2", "5", "Q3", "4", "Q5", "9", "Q7", "2",
                "Q15d", "10"), SEEKER);
        assertEquals(Mode.REMOTE, r.mode());
        assertEquals(Map.of("Q1", Answer.score(8), "Q5", Answer.score(9), "Q15d", Answer.score(10)), r.answers());
    }

    @Test
    void inPersonKeepsInPersonItems() {
        SurveyResponse r = valid(form("mode", "in_person", "Q2", "5", "Q3", "4", "Q7", "2"), SEEKER);
        assertEquals(Mode.IN_PERSON, r.mode());
        assertEquals(3, r.answers().size());
    }

    @Test
    void gatedScoresCountOnlyAfterYes() {
        SurveyResponse r = valid(form("Q12_gate", "yes", "Q12", "9", "Q13_gate", "no", "Q13", "3"), SEEKER);
        assertEquals(Map.of("Q12_gate", Answer.choice("yes"), "Q12", Answer.score(9), "Q13_gate", Answer.choice("no")),
                r.answers());
        SurveyResponse noGate = valid(form("Q12", "9"), SEEKER);
        assertTrue(noGate.answers().isEmpty(), "a score without its gate is not asked, so not kept");
    }

    @Test
    void officeAndTouchpointComeFromTheLinkNotTheForm() {
        ObjectNode json = form("officeCode", "MSK-01", "regionCode", "77", "touchpointId", "evil", "Q1", "10")
                .toResponse(link("jc-seeker"), SEEKER, NOW);
        assertEquals("BRY-02", json.get("officeCode").asText());
        assertEquals("window-3", json.get("touchpointId").asText());
        assertEquals("link", json.get("channel").asText());
        assertEquals("seeker", json.get("audience").asText());
        assertEquals(NOW.toString(), json.get("clientTs").asText());
        assertFalse(json.has("employeeId"));
    }

    @Test
    void theEmailNeverEntersTheResponse() {
        FormSubmission form = form("Q1", "10", "email", "anna@example.ru");
        JsonNode json = form.toResponse(link("jc-seeker"), SEEKER, NOW);
        assertFalse(json.toString().contains("anna@example.ru"));
        assertEquals("anna@example.ru", form.email().orElseThrow());
        assertTrue(form.ownViolations().isEmpty());
        assertEquals(List.of("email"), form("email", "not an address").ownViolations().stream()
                .map(v -> v.field()).toList());
    }

    @Test
    void profileSingleAndMultipleChoice() {
        SurveyResponse seeker = valid(form("profile.gender", "female", "profile.ageBand", "30-39", "profile.category", ""),
                SEEKER);
        assertEquals("female", seeker.profile().gender());
        assertEquals("30-39", seeker.profile().ageBand());
        assertNull(seeker.profile().category());
        SurveyResponse employer = valid(form("profile.orgSize", "16_to_100", "profile.traits", "high_turnover",
                "profile.traits", "seasonal_demand"), EMPLOYER);
        assertEquals(List.of("high_turnover", "seasonal_demand"), employer.profile().traits());
        assertEquals("employer", employer.audience().code());
    }

    @Test
    void aWrongValueIsNamedByTheValidatorUnderItsFormField() {
        Validated<SurveyResponse> result = VALIDATOR.validate(form("Q1", "eleven", "Q5", "11", "Q14", "carrier pigeon")
                .toResponse(link("jc-seeker"), SEEKER, NOW));
        assertEquals(List.of("Q1", "Q14", "Q5"), result.violations().stream()
                .map(v -> QuestionnaireEndpoint.formField(v.field())).sorted().toList());
        assertEquals("profile.traits", QuestionnaireEndpoint.formField("profile.traits[1]"));
    }

    @Test
    void pulseTakesTheChosenAudienceOrVisitor() {
        assertEquals("employer", valid(form("audience", "employer", "NPS", "0", "CES", "5"), PULSE).audience().code());
        assertEquals("visitor", valid(form("audience", "martian"), PULSE).audience().code());
    }

    @Test
    void languageDefaultsToRussian() {
        assertEquals("ru", form().language());
        assertEquals("en", form("lang", "en").language());
        assertEquals("ru", form("lang", "de").language());
    }
}
