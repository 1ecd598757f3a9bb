package ru.otklik.common.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BernoulliCusumTest {

    @Test
    void theRunLengthOfTheSimplestLatticeIsTheKnownClosedForm() {
        // steps of ±1 at p = 1/2, reflected at 0: the mean time to reach h from 0 is h(h+1)
        for (int h = 1; h <= 40; h++) {
            assertEquals(h * (h + 1.0), BernoulliCusum.averageRunLength(1, 1, h, 0.5), 1e-6 * h * h, "h=" + h);
        }
    }

    @Test
    void theExactRunLengthAgreesWithASimulationOfTheSameTest() {
        BernoulliCusum.Design d = BernoulliCusum.design(0.2, 0.4, 400);
        for (double p : new double[] {0.2, 0.3, 0.4}) {
            double exact = d.runLength(p);
            Random random = new Random(42);
            int runs = 3000;
            double sum = 0;
            double sumSq = 0;
            for (int r = 0; r < runs; r++) {
                int s = 0;
                long n = 0;
                while (s < d.limit()) {
                    s = d.next(s, random.nextDouble() < p);
                    n++;
                }
                sum += n;
                sumSq += (double) n * n;
            }
            double mean = sum / runs;
            double standardError = Math.sqrt((sumSq / runs - mean * mean) / runs);
            assertTrue(Math.abs(mean - exact) < 4 * standardError, String.format(
                    "p=%.1f: simulated %.1f ± %.1f, exact %.1f", p, mean, standardError, exact));
        }
    }

    @Test
    void theDesignIsTheSmallestLimitThatReachesTheTarget() {
        for (double target : new double[] {100, 1_000, 10_000}) {
            BernoulliCusum.Design d = BernoulliCusum.design(0.25, 0.45, target);
            assertTrue(d.inControlRunLength() >= target, "in control " + d.inControlRunLength() + " < " + target);
            assertTrue(BernoulliCusum.averageRunLength(d.up(), d.down(), d.limit() - 1, 0.25) < target,
                    "a smaller limit would do for " + target);
            assertEquals(d.inControlRunLength(), d.runLength(0.25), 1e-9);
            // a drop of the size designed for is found in a small fraction of the false-alarm run length
            assertTrue(d.runLength(0.45) < d.inControlRunLength() / 5, "out of control " + d.runLength(0.45));
        }
    }

    @Test
    void theStepsFollowTheLikelihoodRatio() {
        BernoulliCusum.Design d = BernoulliCusum.design(0.2, 0.4, 1000);
        double ratio = -Math.log(0.6 / 0.8) / Math.log(0.4 / 0.2);
        assertEquals(BernoulliCusum.RESOLUTION, d.up());
        assertEquals(Math.round(BernoulliCusum.RESOLUTION * ratio), d.down());
        assertEquals(d.limit() * Math.log(2) / d.up(), d.h(), 1e-12);
        assertEquals(0, d.next(3, false));
        assertEquals(3 + d.up(), d.next(3, true));
    }

    @Test
    void impossibleDesignsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.design(0.4, 0.2, 100));
        assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.design(0, 0.2, 100));
        assertThrows(IllegalArgumentException.class, () -> BernoulliCusum.design(0.2, 0.4, 0));
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> BernoulliCusum.design(0.2, 0.2001, 1e12));
        assertTrue(tooSmall.getMessage().contains("lattice states"), tooSmall.getMessage());
    }
}
