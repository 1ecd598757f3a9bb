package ru.otklik.streaming.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.feedback.LowScoreRule;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.testing.Responses;

class NegativeFeedbackCasesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static List<String> cases(LowScoreRule rule, ResponseChange... changes) throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(new NegativeFeedbackCases(rule)))) {
            h.open();
            for (ResponseChange c : changes) {
                h.processElement(new StreamRecord<>(c));
            }
            return h.extractOutputValues().stream().map(NegativeFeedback::responseId).toList();
        }
    }

    private static SurveyResponse commented(String id, int q1) {
        return Responses.commented(Responses.seeker(id, "BRY-01", T0, "Q1", q1), "Долго ждал");
    }

    @Test
    void onlyTheFirstCountingOpensACaseNotAFlagsRetractionOrReadmission() throws Exception {
        SurveyResponse r = commented("r-1", 2);
        assertEquals(List.of("r-1"), cases(LowScoreRule.defaults(), ResponseChange.add(r), ResponseChange.retract(r),
                ResponseChange.readmit(r)));
    }

    @Test
    void theLowEndOfTheAgreementScaleIsTheSetting() throws Exception {
        ResponseChange lukewarm = ResponseChange.add(commented("r-6", 6));
        assertEquals(List.of(), cases(LowScoreRule.defaults(), lukewarm), "6 is not low by default");
        assertEquals(List.of("r-6"), cases(new LowScoreRule(6), lukewarm));
    }

    @Test
    void anUnhappyKioskTapWithACommentOpensACaseAHappyOneOrOneWithoutCommentNone() throws Exception {
        var unhappy = new ru.otklik.common.response.KioskTap("tap-1", "kiosk-1", 1, "waiting_time",
                "Окно 3 закрыто", T0, 0).toResponse("BRY", "BRY-01", "tp-hall", T0);
        var happy = new ru.otklik.common.response.KioskTap("tap-2", "kiosk-1", 4, null, "Спасибо", T0, 0)
                .toResponse("BRY", "BRY-01", "tp-hall", T0);
        var silent = new ru.otklik.common.response.KioskTap("tap-3", "kiosk-1", 2, "waiting_time", T0, 0)
                .toResponse("BRY", "BRY-01", "tp-hall", T0);
        assertEquals(List.of("tap-1"), cases(LowScoreRule.defaults(), ResponseChange.add(unhappy),
                ResponseChange.add(happy), ResponseChange.add(silent)));
    }

    @Test
    void aSurveyTheCatalogDoesNotKnowOpensNone() throws Exception {
        SurveyResponse known = commented("r-9", 1);
        SurveyResponse unknown = new SurveyResponse("r-9", "jc-seeker", 99, known.audience(), known.channel(),
                known.mode(), known.regionCode(), known.officeCode(), null, null, T0, T0, known.answers(), null,
                known.comment(), 0);
        assertEquals(List.of(), cases(LowScoreRule.defaults(), ResponseChange.add(unknown)));
    }
}
