package ru.otklik.common.indicator;

/** Wilson score interval for a binomial proportion; unlike the normal approximation it stays within [0, 1]. */
public final class WilsonInterval {

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private WilsonInterval() {
    }

    /** {low, high} of the 95% interval for {@code positive} successes in {@code n} trials, n > 0. */
    public static double[] of(long positive, long n) {
        return of(positive, n, Z95);
    }

    public static double[] of(long positive, long n, double z) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        double p = (double) positive / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // exact bounds at the edges: rounding must not put 0/n or n/n outside its own interval
        double low = positive == 0 ? 0 : Math.max(0, centre - half);
        double high = positive == n ? 1 : Math.min(1, centre + half);
        return new double[] {low, high};
    }
}
