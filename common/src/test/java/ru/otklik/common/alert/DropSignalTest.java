package ru.otklik.common.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

class DropSignalTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final SurveyDefinition SEEKER = SurveyCatalog.builtIn().find("jc-seeker", 1).orElseThrow();

    private static Optional<DropSignal.Observation> tap(int button) {
        SurveyResponse r = new KioskTap("t", "k", button, null, AT, 0).toResponse("BRY", "BRY-01", "tp", AT);
        return DropSignal.of(r, SurveyCatalog.builtIn().find(r.surveyId(), r.surveyVersion()).orElse(null));
    }

    private static SurveyResponse form(Channel channel, Object... answers) {
        Map<String, Answer> a = new LinkedHashMap<>();
        for (int i = 0; i < answers.length; i += 2) {
            a.put((String) answers[i], answers[i + 1] instanceof Integer s ? Answer.score(s)
                    : Answer.choice((String) answers[i + 1]));
        }
        return new SurveyResponse("f", "jc-seeker", 1, Audience.SEEKER, channel, Mode.IN_PERSON, "BRY", "BRY-01", null,
                null, AT, AT, a, null, null, 0);
    }

    @Test
    void theTwoUnhappyButtonsAreBadTheTwoHappyOnesGood() {
        for (int button = 1; button <= 4; button++) {
            DropSignal.Observation o = tap(button).orElseThrow();
            assertEquals(DropSignal.KIOSK_SATISFACTION, o.signal());
            assertEquals(button <= 2, o.bad(), "button " + button);
        }
        assertEquals("drop_kiosk", DropSignal.KIOSK_SATISFACTION.alertType());
    }

    @Test
    void aFormIsBadWhenFewerThanHalfOfItsScaleAnswersArePositive() {
        assertEquals(false, DropSignal.of(form(Channel.LINK, "Q1", 8, "Q5", 3), SEEKER).orElseThrow().bad(),
                "one of two positive: half, not fewer");
        assertEquals(true, DropSignal.of(form(Channel.LINK, "Q1", 8, "Q5", 3, "Q6", 7), SEEKER).orElseThrow().bad());
        assertEquals(false, DropSignal.of(form(Channel.PAPER, "Q1", 10, "Q4", "no"), SEEKER).orElseThrow().bad(),
                "a choice item is not a scale answer");
        assertEquals(DropSignal.FORM_POSITIVE_SHARE,
                DropSignal.of(form(Channel.LINK, "Q1", 2), SEEKER).orElseThrow().signal());
    }

    @Test
    void formsWithoutScaleAnswersRaterFormsAndUnknownSurveysAreNoObservation() {
        assertTrue(DropSignal.of(form(Channel.LINK, "Q4", "yes"), SEEKER).isEmpty());
        assertTrue(DropSignal.of(form(Channel.RATER360, "Q1", 2), SEEKER).isEmpty());
        assertTrue(DropSignal.of(form(Channel.LINK, "Q1", 2), null).isEmpty());
    }
}
