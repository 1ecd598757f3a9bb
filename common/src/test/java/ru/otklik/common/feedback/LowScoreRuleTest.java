package ru.otklik.common.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

class LowScoreRuleTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final SurveyCatalog CATALOG = SurveyCatalog.builtIn();
    private static final LowScoreRule RULE = LowScoreRule.defaults();

    private static SurveyResponse form(String survey, String comment, Object... answers) {
        Map<String, Answer> a = new LinkedHashMap<>();
        for (int i = 0; i < answers.length; i += 2) {
            a.put((String) answers[i], answers[i + 1] instanceof Integer s ? Answer.score(s)
                    : Answer.choice((String) answers[i + 1]));
        }
        return new SurveyResponse("f-1", survey, 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON, "BRY", "BRY-01", "desk-3",
                null, AT, AT.plusSeconds(2), a, null, comment, 0);
    }

    private static Optional<NegativeFeedback> feedback(SurveyResponse r) {
        SurveyDefinition survey = CATALOG.find(r.surveyId(), r.surveyVersion()).orElseThrow();
        return RULE.feedback(r, survey);
    }

    @Test
    void aCommentWithALowAgreementAnswerOpensACaseNamingTheLowItemsInTheSurveysOrder() {
        NegativeFeedback f = feedback(form("jc-seeker", "Очередь два часа", "Q9", 2, "Q1", 4, "Q5", 5, "Q4", "no"))
                .orElseThrow();
        assertEquals(List.of("Q1", "Q9"), f.lowItems(), "4 and below are low, 5 is not, a choice never");
        assertEquals("f-1", f.responseId());
        assertEquals("BRY-01", f.officeCode());
        assertEquals("desk-3", f.touchpointId());
        assertEquals("link", f.channel());
        assertEquals(AT, f.clientTs());
    }

    @Test
    void withoutACommentOrWithoutALowAnswerThereIsNoCase() {
        assertTrue(feedback(form("jc-seeker", null, "Q1", 1)).isEmpty(), "no comment");
        assertTrue(feedback(form("jc-seeker", "   ", "Q1", 1)).isEmpty(), "a blank comment is none");
        assertTrue(feedback(form("jc-seeker", "Спасибо", "Q1", 5, "Q2", 10)).isEmpty(), "nothing low");
    }

    @Test
    void eachScaleHasItsOwnUnfavourableEnd() {
        assertEquals(List.of("NPS"), feedback(form("pulse", "x", "NPS", 6, "CES", 3, "CSAT", 3)).orElseThrow().lowItems(),
                "a detractor; CES 3 (neutral) and CSAT 3 (met) are not low");
        assertTrue(feedback(form("pulse", "x", "NPS", 7, "CES", 3, "CSAT", 3)).isEmpty(), "7 is passive");
        assertEquals(List.of("CES", "CSAT"), feedback(form("pulse", "x", "CES", 4, "CSAT", 2)).orElseThrow().lowItems(),
                "effort is reversed: 4 (difficult) is low; 2 (needs improvement) is low");
        var smiley = CATALOG.find("kiosk-quick", 1).orElseThrow().question("K1").orElseThrow();
        assertEquals(List.of(true, true, false, false), List.of(RULE.isLow(smiley, 1), RULE.isLow(smiley, 2),
                RULE.isLow(smiley, 3), RULE.isLow(smiley, 4)), "the two unhappy buttons");
    }

    @Test
    void theLowEndOfTheAgreementScaleIsASettingWithinTheScale() {
        SurveyResponse five = form("jc-seeker", "x", "Q1", 5);
        assertTrue(feedback(five).isEmpty());
        SurveyDefinition seeker = CATALOG.find("jc-seeker", 1).orElseThrow();
        assertEquals(List.of("Q1"), new LowScoreRule(5).feedback(five, seeker).orElseThrow().lowItems());
        assertThrows(IllegalArgumentException.class, () -> new LowScoreRule(10), "10 would make every answer low");
        assertThrows(IllegalArgumentException.class, () -> new LowScoreRule(0));
    }
}
