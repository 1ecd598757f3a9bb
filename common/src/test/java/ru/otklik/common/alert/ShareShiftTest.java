package ru.otklik.common.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

class ShareShiftTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final SurveyDefinition SEEKER = SurveyCatalog.builtIn().find("jc-seeker", 1).orElseThrow();
    private static final ShiftSettings S = ShiftSettings.DEFAULTS;

    private static ShareShift.Form form(Object... answers) {
        Map<String, Answer> a = new LinkedHashMap<>();
        for (int i = 0; i < answers.length; i += 2) {
            a.put((String) answers[i], answers[i + 1] instanceof Integer s ? Answer.score(s) : Answer.choice((String) answers[i + 1]));
        }
        return ShareShift.of(new SurveyResponse("f", "jc-seeker", 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON, "BRY",
                "BRY-01", null, null, AT, AT, a, null, null, 0), SEEKER).orElseThrow();
    }

    @Test
    void aFormIsTopWhenMostOfItsScaleAnswersAreTensAndPositiveWhenHalfAreEightOrMore() {
        assertEquals(new ShareShift.Form(true, true), form("Q1", 10, "Q5", 10, "Q6", 9));
        assertEquals(new ShareShift.Form(false, true), form("Q1", 10, "Q5", 8), "half tens is not most");
        assertEquals(new ShareShift.Form(false, true), form("Q1", 10, "Q5", 3), "half positive is positive");
        assertEquals(new ShareShift.Form(false, false), form("Q1", 10, "Q5", 3, "Q6", 7));
        assertEquals(new ShareShift.Form(true, true), form("Q1", 10, "Q4", "no"), "a choice is not a scale answer");
        SurveyResponse tap = new KioskTap("t", "k", 4, null, AT, 0).toResponse("BRY", "BRY-01", "tp", AT);
        assertTrue(ShareShift.of(tap, SurveyCatalog.builtIn().find("kiosk-quick", 1).orElseThrow()).isEmpty(),
                "kiosk taps are not forms here");
    }

    @Test
    void theZStatisticIsTheTwoProportionTestAndZeroWithoutVariance() {
        // 60/100 against 30/100: pooled 0.45, se = sqrt(0.45*0.55*0.02) = 0.070356, z = 0.3/0.070356
        assertEquals(4.2640, ShareShift.z(60, 100, 30, 100), 1e-4);
        assertEquals(-ShareShift.z(60, 100, 30, 100), ShareShift.z(30, 100, 60, 100), 1e-12, "one-sided: below is negative");
        assertEquals(0, ShareShift.z(0, 0, 5, 10));
        assertEquals(0, ShareShift.z(10, 10, 20, 20), "all top on both sides: no variance");
    }

    @Test
    void aShiftNeedsBothReferencesTheLiftAndTheSamples() {
        ShareShift.Outcome jump = ShareShift.test(ShareShift.Measure.TOP_SHARE, 30, 50, 20, 200, 40, 400, S);
        assertTrue(jump.shifted(), "0.60 against 0.10 and 0.10: " + jump);
        assertEquals(0.5, jump.lift(), 1e-9);
        assertFalse(ShareShift.test(ShareShift.Measure.TOP_SHARE, 30, 50, 20, 200, 220, 400, S).shifted(),
                "the whole region is that high (0.55): not this office's shift");
        assertFalse(ShareShift.test(ShareShift.Measure.TOP_SHARE, 30, 50, 110, 200, 40, 400, S).shifted(),
                "the office was always like that (0.55)");
        assertFalse(ShareShift.test(ShareShift.Measure.TOP_SHARE, 14, 20, 20, 200, 40, 400, S).shifted(),
                "20 forms are below the minimum sample of 30");
        assertFalse(ShareShift.test(ShareShift.Measure.TOP_SHARE, 30, 50, 5, 50, 40, 400, S).shifted(),
                "a baseline of 50 forms is below its minimum of 60");
        assertFalse(ShareShift.test(ShareShift.Measure.TOP_SHARE, 30, 50, 20, 200, 2, 20, S).shifted(),
                "the rest of the region had 20 forms that week: below the minimum of 30");
        assertTrue(ShareShift.test(ShareShift.Measure.TOP_SHARE, 30, 50, 20, 200, 4, 40, S).shifted(),
                "40 forms of one other office are enough to compare a week with");
        ShareShift.Outcome small = ShareShift.test(ShareShift.Measure.POSITIVE_SHARE, 7_000, 10_000, 6_500, 10_000, 6_500,
                10_000, S);
        assertTrue(small.zOwn() > S.z() && small.zRegion() > S.z(), "a big office reaches any z: " + small);
        assertFalse(small.shifted(), "but five points are below the 15-point lift");
    }
}
