package ru.otklik.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;

class ResponseValidatorTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private final ResponseValidator validator = new ResponseValidator(SurveyCatalog.builtIn(), OfficeDirectory.pilot(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static ObjectNode seeker() {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("responseId", "resp-0001-abcd");
        body.put("surveyId", "jc-seeker");
        body.put("surveyVersion", 1);
        body.put("audience", "seeker");
        body.put("channel", "link");
        body.put("regionCode", "BRY");
        body.put("officeCode", "BRY-01");
        body.put("clientTs", "2026-05-04T09:55:00Z");
        ObjectNode answers = body.putObject("answers");
        answers.put("Q1", 9);
        answers.put("Q2", 7);
        answers.put("Q4", "yes");
        answers.put("Q12_gate", "yes");
        answers.put("Q12", 10);
        answers.putNull("Q5");
        body.putObject("profile").put("gender", "female").put("ageBand", "30-39");
        return body;
    }

    private Set<String> fieldsRule(JsonNode body) {
        Validated<SurveyResponse> result = validator.validate(body);
        assertFalse(result.isValid(), "expected violations");
        return result.violations().stream().map(v -> v.field() + ":" + v.rule()).collect(Collectors.toSet());
    }

    @Test
    void validSeekerFormBecomesAResponse() {
        Validated<SurveyResponse> result = validator.validate(seeker());
        assertTrue(result.isValid(), () -> result.violations().toString());
        SurveyResponse r = result.value();
        assertEquals("BRY-01", r.officeCode());
        assertEquals(Audience.SEEKER, r.audience());
        assertEquals(Mode.IN_PERSON, r.mode());
        assertEquals(Answer.score(9), r.answers().get("Q1"));
        assertEquals(Answer.choice("yes"), r.answers().get("Q4"));
        assertFalse(r.answers().containsKey("Q5"), "null is 'not answered', not an answer");
        assertEquals("female", r.profile().gender());
    }

    @Test
    void reportsEveryViolationWithItsField() {
        ObjectNode body = seeker();
        body.remove("responseId");
        ((ObjectNode) body.get("answers")).put("Q1", 11);
        ((ObjectNode) body.get("answers")).put("Q99", 5);
        body.put("officeCode", "XXX-99");
        body.put("extra", true);
        Set<String> found = fieldsRule(body);
        assertEquals(Set.of("responseId:required", "answers.Q1:range", "answers.Q99:unknown-question",
                "officeCode:unknown-office", "extra:unknown-field"), found);
    }

    @Test
    void conditionalItemNeedsItsGate() {
        ObjectNode body = seeker();
        ((ObjectNode) body.get("answers")).put("Q12_gate", "no");
        assertEquals(Set.of("answers.Q12:conditional"), fieldsRule(body));
    }

    @Test
    void remoteClientsSkipInPersonItems() {
        ObjectNode body = seeker();
        body.put("mode", "remote");
        assertEquals(Set.of("answers.Q2:skipped-for-remote"), fieldsRule(body));
    }

    @Test
    void clientMayNotSetServerFields() {
        ObjectNode body = seeker();
        body.put("receivedTs", "2026-05-04T09:55:00Z");
        assertEquals(Set.of("receivedTs:server-assigned"), fieldsRule(body));
    }

    @Test
    void regionMustBeTheOfficesRegion() {
        ObjectNode body = seeker();
        body.put("regionCode", "VLA");
        assertEquals(Set.of("regionCode:office-region"), fieldsRule(body));
    }

    @Test
    void wrongTypesAndFormats() {
        ObjectNode body = seeker();
        body.put("surveyVersion", "1");
        body.put("clientTs", "yesterday");
        body.put("audience", "robot");
        body.put("responseId", "short");
        assertEquals(Set.of("surveyVersion:type", "clientTs:format", "audience:enum", "responseId:format"),
                fieldsRule(body));
        ObjectNode choiceAsNumber = seeker();
        ((ObjectNode) choiceAsNumber.get("answers")).put("Q4", 1);
        ((ObjectNode) choiceAsNumber.get("answers")).put("Q14", "carrier_pigeon");
        assertEquals(Set.of("answers.Q4:type", "answers.Q14:enum"), fieldsRule(choiceAsNumber));
    }

    @Test
    void futureTimestampIsABrokenClock() {
        ObjectNode body = seeker();
        body.put("clientTs", NOW.plusSeconds(3600).toString());
        assertEquals(Set.of("clientTs:future"), fieldsRule(body));
    }

    @Test
    void clientTimesAreBoundedAtBothEnds() {
        // finding 1: the year -999999999 was accepted (and overflowed the job's epoch milliseconds)
        for (String ancient : new String[] {"-999999999-01-01T00:00:00Z", "1900-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z", "2019-12-31T23:59:59Z"}) {
            ObjectNode body = seeker();
            body.put("clientTs", ancient);
            assertEquals(Set.of("clientTs:too-old"), fieldsRule(body), ancient);
        }
        ObjectNode weeksOld = seeker();
        weeksOld.put("clientTs", NOW.minus(java.time.Duration.ofDays(36)).toString());
        assertEquals(Set.of("clientTs:too-old"), fieldsRule(weeksOld));
        ObjectNode farFuture = seeker();
        farFuture.put("clientTs", "+999999999-12-31T23:59:59Z");
        assertEquals(Set.of("clientTs:future"), fieldsRule(farFuture));
        ObjectNode unrepresentable = seeker();
        unrepresentable.put("clientTs", "+1000000001-01-01T00:00:00Z");
        assertEquals(Set.of("clientTs:format"), fieldsRule(unrepresentable));
        ObjectNode ancientStart = seeker();
        ancientStart.put("startedTs", "-999999999-01-01T00:00:00Z");
        assertEquals(Set.of("startedTs:too-old"), fieldsRule(ancientStart));
    }

    @Test
    void enumCodesAreExact() {
        ObjectNode channel = seeker();
        channel.put("channel", "LINK");
        ObjectNode audience = seeker();
        audience.put("audience", "Seeker");
        ObjectNode mode = seeker();
        mode.put("mode", "IN_PERSON");
        assertEquals(Set.of("channel:enum"), fieldsRule(channel));
        assertEquals(Set.of("audience:enum"), fieldsRule(audience));
        assertEquals(Set.of("mode:enum"), fieldsRule(mode));
    }

    @Test
    void employerSurveyRejectsSeekerProfileAndAudience() {
        ObjectNode body = seeker();
        body.put("surveyId", "jc-employer");
        Set<String> found = fieldsRule(body);
        assertTrue(found.contains("audience:survey-audience"), found.toString());
        assertTrue(found.contains("profile.gender:unknown-field"), found.toString());
    }

    @Test
    void aSerialisedFormPassesValidationAgain() throws Exception {
        SurveyResponse r = validator.validate(seeker()).value();
        JsonNode again = EventJson.mapper().readTree(EventJson.toBytes(r));
        assertFalse(again.has("suppressedPresses"), "0 presses is not written for forms");
        Validated<SurveyResponse> result = validator.validate(again);
        assertTrue(result.isValid(), () -> result.violations().toString());
        assertEquals(r, result.value());
    }

    @Test
    void notAnObject() {
        assertEquals(List.of(new Violation("$", "type", "body must be a JSON object")),
                validator.validate(EventJson.mapper().createArrayNode()).violations());
    }

    @Test
    void validatedResponseRoundTripsThroughJson() {
        SurveyResponse r = validator.validate(seeker()).value().withReceivedTs(NOW);
        byte[] json = EventJson.toBytes(r);
        assertEquals(r, EventJson.fromBytes(json, SurveyResponse.class));
        assertTrue(new String(json, java.nio.charset.StandardCharsets.UTF_8).contains("\"audience\":\"seeker\""));
    }

    @Test
    void clientMayNotSendRequestMetadata() {
        ObjectNode body = seeker();
        body.putObject("meta").put("ipHash", "abc");
        assertEquals(Set.of("meta:server-assigned"), fieldsRule(body));
    }

    @Test
    void formOpenTimeGivesTheFillDuration() {
        ObjectNode body = seeker();
        body.put("startedTs", "2026-05-04T09:51:30Z");
        SurveyResponse r = validator.validate(body).value().withReceivedTs(NOW).withMeta("ip#", "ua#");
        assertEquals(210_000L, r.meta().fillMillis());
        assertEquals("ip#", r.meta().ipHash());
        assertEquals(r, EventJson.fromBytes(EventJson.toBytes(r), SurveyResponse.class));
    }

    @Test
    void formOpenTimeMustPrecedeSubmissionByLessThanADay() {
        ObjectNode late = seeker();
        late.put("startedTs", "2026-05-04T09:56:00Z");
        assertEquals(Set.of("startedTs:order"), fieldsRule(late));
        ObjectNode stale = seeker();
        stale.put("startedTs", "2026-05-03T09:54:00Z");
        assertEquals(Set.of("startedTs:max-fill-time"), fieldsRule(stale));
        ObjectNode garbled = seeker();
        garbled.put("startedTs", 12);
        assertEquals(Set.of("startedTs:type"), fieldsRule(garbled));
    }

    @Test
    void withoutAFormOpenTimeThereIsNoFillDuration() {
        SurveyResponse r = validator.validate(seeker()).value().withMeta("ip#", null);
        assertEquals(null, r.meta().fillMillis());
    }

    @Test
    void aHugeWholeNumberIsOutOfRangeNotOfTheWrongType() {
        ObjectNode body = seeker();
        ((ObjectNode) body.get("answers")).put("Q1", 4_000_000_000L);
        assertEquals(Set.of("answers.Q1:range"), fieldsRule(body));
    }
}
