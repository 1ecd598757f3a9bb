package ru.otklik.common.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IndicatorsTest {

    @Test
    void positiveShareCountsEightToTenAmongAnswered() {
        // 8, 9, 10 are positive; 7 is not; nothing at 0 because the scale starts at 1
        ScoreCounts counts = ScoreCounts.ofScores(10, 9, 8, 7, 1, 5, 8, 8, 3, 10);
        ShareEstimate share = Indicators.positiveShare(counts, 5);
        assertEquals(6, share.positive());
        assertEquals(10, share.n());
        assertEquals(0.6, share.share(), 1e-12);
        assertTrue(share.sufficient());
    }

    @Test
    void belowMinimumSampleIsReportedButFlagged() {
        ShareEstimate share = Indicators.positiveShare(ScoreCounts.ofScores(9, 9, 2), 30);
        assertEquals(3, share.n());
        assertEquals(2.0 / 3, share.share(), 1e-12);
        assertFalse(share.sufficient(), "n=3 is below the minimum sample of 30");
    }

    @Test
    void exactlyMinimumSampleIsSufficient() {
        int[] scores = new int[30];
        java.util.Arrays.fill(scores, 8);
        assertTrue(Indicators.positiveShare(ScoreCounts.ofScores(scores), 30).sufficient());
    }

    @Test
    void noAnswersGiveNaNNotZero() {
        ShareEstimate share = Indicators.positiveShare(ScoreCounts.empty(), 30);
        assertEquals(0, share.n());
        assertTrue(Double.isNaN(share.share()), "no answers is 'no data', never 0%");
        assertFalse(share.sufficient());
    }

    @Test
    void wilsonIntervalMatchesReferenceValues() {
        // Reference: Wilson 95% for 81 of 263 is [0.2553, 0.3662] (Newcombe 1998 style check)
        double[] ci = WilsonInterval.of(81, 263);
        assertEquals(0.2553, ci[0], 5e-4);
        assertEquals(0.3662, ci[1], 5e-4);
        // all positive: the upper bound is 1, the lower bound well above 0
        double[] all = WilsonInterval.of(10, 10);
        assertEquals(1.0, all[1], 1e-12);
        assertEquals(0.7225, all[0], 5e-4);
        // none positive mirrors it
        double[] none = WilsonInterval.of(0, 10);
        assertEquals(0.0, none[0], 1e-12);
        assertEquals(0.2775, none[1], 5e-4);
    }

    @Test
    void intervalContainsPointEstimate() {
        for (int n = 1; n <= 60; n++) {
            for (int k = 0; k <= n; k++) {
                ShareEstimate s = ShareEstimate.of(k, n, 30);
                assertTrue(s.low() <= s.share() && s.share() <= s.high(), k + "/" + n);
            }
        }
    }

    @Test
    void kioskSatisfactionIsTheTwoHappyButtons() {
        ScoreCounts buttons = ScoreCounts.ofScores(1, 2, 3, 4, 4, 4, 3, 2);
        ShareEstimate s = Indicators.kioskSatisfaction(buttons, 1);
        assertEquals(5, s.positive());
        assertEquals(8, s.n());
    }

    @Test
    void npsIsPromotersMinusDetractors() {
        // promoters: 10, 9, 9 (3); passives: 8, 7 (2); detractors: 6, 0, 3, 5, 1 (5) -> (3-5)/10 = -20
        NetScore nps = Indicators.nps(ScoreCounts.ofScores(10, 9, 9, 8, 7, 6, 0, 3, 5, 1), 1);
        assertEquals(3, nps.good());
        assertEquals(2, nps.neutral());
        assertEquals(5, nps.bad());
        assertEquals(-20.0, nps.score(), 1e-12);
    }

    @Test
    void npsOfNobodyIsNaN() {
        NetScore nps = Indicators.nps(ScoreCounts.empty(), 1);
        assertTrue(Double.isNaN(nps.score()));
        assertFalse(nps.sufficient());
    }

    @Test
    void cesGroupingOfExtremesIsAChoice() {
        // 1 very easy x2, 2 easy x3, 3 neither x1, 4 difficult x1, 5 very difficult x3 -> n = 10
        ScoreCounts counts = ScoreCounts.ofScores(1, 1, 2, 2, 2, 3, 4, 5, 5, 5);
        assertEquals(100.0 * (5 - 4) / 10, Indicators.ces(counts, true, 1).score(), 1e-12);
        assertEquals(100.0 * (3 - 1) / 10, Indicators.ces(counts, false, 1).score(), 1e-12);
    }

    @Test
    void csatIsMetOrBetter() {
        ShareEstimate csat = Indicators.csat(ScoreCounts.ofScores(1, 2, 3, 4, 5, 5), 1);
        assertEquals(4, csat.positive());
        assertEquals(6, csat.n());
    }

    @Test
    void favourableShareFollowsTheItemType() {
        ScoreCounts counts = ScoreCounts.ofScores(1, 2, 3, 4, 5, 8, 9, 10);
        assertEquals(3, Indicators.favourableShare(ru.otklik.common.survey.QuestionType.SCALE_1_10, counts, 1)
                .positive());
        assertEquals(Indicators.kioskSatisfaction(ScoreCounts.ofScores(1, 3, 4), 1),
                Indicators.favourableShare(ru.otklik.common.survey.QuestionType.SMILEY_4, ScoreCounts.ofScores(1, 3, 4), 1));
        assertEquals(2, Indicators.favourableShare(ru.otklik.common.survey.QuestionType.SCALE_0_10, counts, 1)
                .positive());
        assertEquals(2, Indicators.favourableShare(ru.otklik.common.survey.QuestionType.EFFORT_5,
                ScoreCounts.ofScores(1, 2, 3, 5), 1).positive());
        assertThrows(IllegalArgumentException.class,
                () -> Indicators.favourableShare(ru.otklik.common.survey.QuestionType.YES_NO, counts, 1));
    }

    @Test
    void scoresOutsideTheScaleAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScoreCounts.ofScores(11));
        assertThrows(IllegalArgumentException.class, () -> ScoreCounts.ofScores(-1));
        assertThrows(IllegalArgumentException.class, () -> ShareEstimate.of(3, 2, 1));
    }

    @Test
    void countsAddUp() {
        ScoreCounts a = ScoreCounts.ofScores(1, 8, 10);
        ScoreCounts b = ScoreCounts.ofScores(8, 9);
        ScoreCounts sum = a.plus(b);
        assertEquals(5, sum.total());
        assertEquals(2, sum.count(8));
        assertEquals(ScoreCounts.ofScores(1, 8, 8, 9, 10), sum);
    }
}
