package ru.otklik.common.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetChangeTest {

    @Test
    void npsThirtyAgainstZeroOfAHundredEachIsSignificant() {
        // now 50 good, 20 bad of 100: +30, variance 0.5 + 0.2 - 0.3² = 0.61; before 30 and 30: 0, variance 0.6
        // se = sqrt(0.61/100 + 0.6/100) = 0.11; z = 0.30 / 0.11 = 2.7273
        NetChange c = NetChange.of(NetScore.of(50, 20, 100, 30), NetScore.of(30, 30, 100, 30), 30).orElseThrow();
        assertEquals(30.0, c.change(), 1e-9);
        assertEquals(2.7273, c.z(), 1e-4);
        assertTrue(c.significant());
    }

    @Test
    void fivePointsAreNot() {
        // +10 (variance 0.69) against +5 (variance 0.6475): se = sqrt(0.0069 + 0.006475) = 0.115650; z = 0.4323
        NetChange c = NetChange.of(NetScore.of(40, 30, 100, 30), NetScore.of(35, 30, 100, 30), 30).orElseThrow();
        assertEquals(5.0, c.change(), 1e-9);
        assertEquals(0.4323, c.z(), 1e-4);
        assertFalse(c.significant());
    }

    @Test
    void belowTheMinimumSampleOrWithoutAnswersNothingIsClaimed() {
        NetChange thin = NetChange.of(NetScore.of(20, 0, 20, 30), NetScore.of(0, 20, 20, 30), 30).orElseThrow();
        assertEquals(200.0, thin.change(), 1e-9);
        assertFalse(thin.significant(), "20 answers are below the sample of 30");
        assertTrue(NetChange.of(NetScore.of(0, 0, 0, 30), NetScore.of(5, 5, 40, 30), 30).isEmpty());
        NetChange flat = NetChange.of(NetScore.of(40, 0, 40, 30), NetScore.of(35, 0, 35, 30), 30).orElseThrow();
        assertEquals(0, flat.z(), "nobody varies: nothing to test");
        assertFalse(flat.significant());
    }
}
