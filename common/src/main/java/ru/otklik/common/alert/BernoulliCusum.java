package ru.otklik.common.alert;

/**
 * The Bernoulli CUSUM (Reynolds &amp; Stoumbos 1999) for a rise of the share of "bad" observations
 * (not-happy kiosk taps, non-positive questionnaire answers) from its baseline {@code p0} to
 * {@code p1}: after each observation {@code S = max(0, S + w)} with the log-likelihood ratio
 * {@code w = ln(p1/p0)} for a bad one and {@code ln((1-p1)/(1-p0))} for a good one; it signals when
 * {@code S} reaches the limit. This is the optimal sequential test for that change (no other test with
 * the same false-alarm rate detects it sooner on average), and unlike "≥ 50 % unhappy in 15 minutes" its
 * false-alarm rate is known in advance.
 *
 * <p>The weights are put on an integer lattice (the bad step is {@link #RESOLUTION} units, the good
 * step its rounded ratio), so the statistic takes finitely many values and the in-control average
 * run length (observations until a false alarm) is computed <em>exactly</em> for the test that runs,
 * by the Markov chain of Brook &amp; Evans, rather than approximated. {@link #design} picks the
 * smallest limit whose in-control run length reaches a target; for "at most one false alarm per
 * office per quarter" the target is the office's observations per quarter.
 */
public final class BernoulliCusum {

    /** Lattice units of one bad observation's step: fine enough that rounding moves the test little. */
    public static final int RESOLUTION = 20;
    /** Above this many lattice states the design refuses: the shift asked for is too small to test. */
    static final int MAX_STATES = 100_000;

    private BernoulliCusum() {
    }

    /**
     * One test: steps in lattice units ({@code up} per bad observation, {@code down} per good one) and
     * the limit; {@code p0}, {@code p1} what it was designed for, {@code inControlRunLength} the exact
     * average number of observations at {@code p0} until a (false) signal.
     */
    public record Design(double p0, double p1, int up, int down, int limit, double inControlRunLength) {

        public Design {
            if (up < 1 || down < 1 || limit < 1) {
                throw new IllegalArgumentException("CUSUM steps and limit must be positive: up=" + up + " down=" + down
                        + " limit=" + limit);
            }
        }

        /** The statistic after one more observation, never below zero. */
        public int next(int s, boolean bad) {
            return bad ? s + up : Math.max(0, s - down);
        }

        /** The limit in the units of the log-likelihood ratio (what the literature calls h). */
        public double h() {
            return llr(limit);
        }

        /** A statistic of {@code latticeUnits} in the units of the log-likelihood ratio. */
        public double llr(int latticeUnits) {
            return latticeUnits * Math.log(p1 / p0) / up;
        }

        /**
         * The same test with its limit multiplied by {@code factor} (≥ 1): for observations more
         * dispersed than independent draws by that factor, a quasi-likelihood CUSUM scales its
         * increments by 1/factor, which is this. The run length recorded is the iid one of the new limit.
         */
        public Design widened(double factor) {
            if (!(factor >= 1)) {
                throw new IllegalArgumentException("a widening factor is at least 1, got " + factor);
            }
            int widened = (int) Math.min(MAX_STATES, Math.ceil(limit * factor));
            return widened == limit ? this
                    : new Design(p0, p1, up, down, widened, averageRunLength(up, down, widened, p0));
        }

        /** The exact average run length of this test when the true bad share is {@code p}. */
        public double runLength(double p) {
            return averageRunLength(up, down, limit, p);
        }
    }

    /**
     * The test for a rise from {@code p0} to {@code p1} with the smallest limit whose in-control
     * average run length is at least {@code targetRunLength} observations.
     */
    public static Design design(double p0, double p1, double targetRunLength) {
        if (!(p0 > 0 && p0 < p1 && p1 < 1)) {
            throw new IllegalArgumentException("need 0 < p0 < p1 < 1, got p0=" + p0 + " p1=" + p1);
        }
        if (!(targetRunLength >= 1)) {
            throw new IllegalArgumentException("target run length must be at least 1, got " + targetRunLength);
        }
        double upWeight = Math.log(p1 / p0);
        double downWeight = -Math.log((1 - p1) / (1 - p0));
        int up = RESOLUTION;
        int down = Math.max(1, (int) Math.round(RESOLUTION * downWeight / upWeight));
        // the run length grows with the limit: double until it is reached, then bisect
        int low = 1;
        int high = up;
        while (averageRunLength(up, down, high, p0) < targetRunLength) {
            low = high;
            high *= 2;
            if (high > MAX_STATES) {
                throw new IllegalArgumentException(String.format("a run length of %.0f at p0=%.3f needs more than %d"
                        + " lattice states; ask for a larger shift or a shorter run length", targetRunLength, p0,
                        MAX_STATES));
            }
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (averageRunLength(up, down, mid, p0) >= targetRunLength) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return new Design(p0, p1, up, down, high, averageRunLength(up, down, high, p0));
    }

    /**
     * The average number of observations from {@code S = 0} until {@code S ≥ limit}, when each is
     * bad with probability {@code p}: the solution of {@code L(s) = 1 + p·L(s+up) + (1-p)·L(max(0, s-down))}
     * over the states {@code 0 … limit-1} (a state at or above the limit has signalled: {@code L = 0}).
     *
     * <p>{@code I - Q} (Q the transitions among states that have not signalled) is banded — row s
     * touches only s-down … s+up — and a nonsingular M-matrix, for which elimination without pivoting
     * is stable and keeps the band: O(limit · up · down).
     */
    static double averageRunLength(int up, int down, int limit, double p) {
        int n = limit;
        int width = down + up + 1;
        double[][] band = new double[n][width]; // band[s][k] is column s + k - down
        double[] rhs = new double[n];
        for (int s = 0; s < n; s++) {
            band[s][down] += 1;
            if (s + up < n) {
                band[s][down + up] -= p;
            }
            band[s][Math.max(0, s - down) - s + down] -= 1 - p;
            rhs[s] = 1;
        }
        for (int col = 0; col < n; col++) {
            double pivot = band[col][down];
            int lastCol = Math.min(n - 1, col + up);
            for (int r = col + 1; r <= Math.min(n - 1, col + down); r++) {
                double f = band[r][col - r + down] / pivot;
                if (f == 0) {
                    continue;
                }
                for (int c = col; c <= lastCol; c++) {
                    band[r][c - r + down] -= f * band[col][c - col + down];
                }
                rhs[r] -= f * rhs[col];
            }
        }
        double[] l = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = rhs[r];
            for (int c = r + 1; c <= Math.min(n - 1, r + up); c++) {
                sum -= band[r][c - r + down] * l[c];
            }
            l[r] = sum / band[r][down];
        }
        return l[0];
    }
}
