package ru.otklik.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;

class ResponseRecordCheckTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
    private final ResponseRecordCheck check = new ResponseRecordCheck(SurveyCatalog.builtIn(), OfficeDirectory.pilot());

    private static SurveyResponse seeker(Instant clientTs, Map<String, Answer> answers) {
        return new SurveyResponse("r-0000001", "jc-seeker", 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON, "BRY",
                "BRY-01", null, null, clientTs, RECEIVED, answers, null, null, 0);
    }

    private List<String> rules(SurveyResponse r) {
        return check.check(r).stream().map(v -> v.field() + " " + v.rule()).toList();
    }

    @Test
    void aValidRecordPasses() {
        assertEquals(List.of(), rules(seeker(RECEIVED.minusSeconds(60), Map.of("Q1", Answer.score(9)))));
    }

    @Test
    void implausibleTimesAreRefusedWithoutArithmeticOnThem() {
        assertEquals(List.of("clientTs too-old"), rules(seeker(Instant.parse("-999999999-01-01T00:00:00Z"), Map.of())));
        assertEquals(List.of("clientTs too-old"), rules(seeker(Instant.parse("1900-01-01T00:00:00Z"), Map.of())));
        assertEquals(List.of("clientTs future"), rules(seeker(Instant.MAX, Map.of())));
    }

    @Test
    void answersOutOfRangeUnknownOrUngatedAreRefused() {
        List<String> found = rules(seeker(RECEIVED, Map.of("Q1", Answer.score(11), "Q99", Answer.score(3),
                "Q12", Answer.score(8), "Q4", Answer.choice("maybe"))));
        assertEquals(java.util.Set.of("answers.Q1 range", "answers.Q99 unknown-question", "answers.Q12 conditional",
                "answers.Q4 enum"), java.util.Set.copyOf(found));
    }

    @Test
    void aKioskTapThroughThePublicDoorIsRefused() {
        SurveyResponse tap = new SurveyResponse("t-0000001", "kiosk-quick", 1, Audience.VISITOR, Channel.KIOSK,
                Mode.IN_PERSON, "BRY", "BRY-01", "hall", null, RECEIVED, RECEIVED, Map.of("K1", Answer.score(4)), null,
                null, 0).withMeta("ip", "ua", Entry.PUBLIC_API);
        assertEquals(List.of("channel entry-channel"), rules(tap));
        assertEquals(List.of(), rules(new SurveyResponse("t-0000001", "kiosk-quick", 1, Audience.VISITOR,
                Channel.KIOSK, Mode.IN_PERSON, "BRY", "BRY-01", "hall", null, RECEIVED, RECEIVED,
                Map.of("K1", Answer.score(4)), null, null, 2).withMeta("ip", "ua", Entry.KIOSK_BATCH)));
    }

    @Test
    void missingPartsAreNamedNotThrown() {
        SurveyResponse broken = new SurveyResponse(null, null, 0, null, null, null, null, null, null, null, null, null,
                null, null, null, -1);
        List<String> found = rules(broken);
        assertTrue(found.containsAll(List.of("responseId format", "audience required", "channel required",
                "officeCode unknown-office", "receivedTs required", "surveyId unknown-survey",
                "suppressedPresses range")), found.toString());
    }
}
