package ru.otklik.common.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShareChangeTest {

    @Test
    void sixtyOfAHundredAgainstFortyFiveIsSignificant() {
        // pooled 105/200 = 0.525; se = sqrt(0.525 * 0.475 * (1/100 + 1/100)) = 0.0706222; z = 0.15 / se = 2.1240
        ShareChange c = ShareChange.of(60, 100, 45, 100, 30).orElseThrow();
        assertEquals(0.15, c.change(), 1e-12);
        assertEquals(2.1240, c.z(), 1e-4);
        assertTrue(c.significant());
    }

    @Test
    void fiveDifferentPointsOfAHundredAreNot() {
        // pooled 0.525 again; z = 0.05 / 0.0706222 = 0.708
        ShareChange c = ShareChange.of(55, 100, 50, 100, 30).orElseThrow();
        assertEquals(0.708, c.z(), 1e-3);
        assertFalse(c.significant());
    }

    @Test
    void belowTheMinimumSampleNothingIsClaimed() {
        // 20/20 against 0/20 would be z = 6.32, but 20 answers are below the sample of 30
        ShareChange c = ShareChange.of(20, 20, 0, 20, 30).orElseThrow();
        assertEquals(1.0, c.change(), 1e-12);
        assertTrue(c.z() > 6);
        assertFalse(c.significant());
    }

    @Test
    void noVarianceAndNoAnswers() {
        ShareChange same = ShareChange.of(40, 40, 35, 35, 30).orElseThrow();
        assertEquals(0, same.z());
        assertFalse(same.significant());
        assertTrue(ShareChange.of(0, 0, 5, 40, 30).isEmpty());
        assertTrue(ShareChange.of(5, 40, 0, 0, 30).isEmpty());
    }
}
