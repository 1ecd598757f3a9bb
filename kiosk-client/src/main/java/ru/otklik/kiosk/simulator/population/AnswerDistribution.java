package ru.otklik.kiosk.simulator.population;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How a respondent scores a 1–10 agreement item: a discretised normal around
 * {@code base + item offset + office quality × spread + the respondent's halo}, clamped to 1..10.
 * The halo (one draw per form) makes items of one form correlate, as real answers do; the item
 * offsets reproduce that e.g. staff appearance scores higher than procedure simplicity.
 */
public final class AnswerDistribution {

    /** Typical pilot answers are high: about three quarters positive (8–10) for an average office. */
    static final double BASE = 8.4;
    static final double QUALITY_SPREAD = 1.3;
    static final double ITEM_NOISE = 1.3;
    static final double HALO = 0.9;

    private static final Map<String, Double> ITEM_OFFSET = Map.ofEntries(
            Map.entry("Q1", 0.2), Map.entry("Q2", 0.1), Map.entry("Q3", -0.3), Map.entry("Q5", -0.4),
            Map.entry("Q6", -0.2), Map.entry("Q7", 0.6), Map.entry("Q8", -0.5), Map.entry("Q9", -0.4),
            Map.entry("Q10", 0.3), Map.entry("Q11", 0.4), Map.entry("Q12", -0.2), Map.entry("Q13", 0.0),
            Map.entry("Q15a", 0.1), Map.entry("Q15b", -0.3), Map.entry("Q15c", -0.6), Map.entry("Q15d", -0.4));

    /** Items many respondents leave empty (few use social networks or the contact centre). */
    private static final Map<String, Double> SKIP = Map.of("Q15b", 0.10, "Q15c", 0.25, "Q15d", 0.18, "Q6", 0.05);
    static final double DEFAULT_SKIP = 0.025;

    private AnswerDistribution() {
    }

    public static double halo(RandomGenerator rng) {
        return rng.nextGaussian() * HALO;
    }

    public static int score(String questionId, double quality, double halo, RandomGenerator rng) {
        double mean = BASE + ITEM_OFFSET.getOrDefault(questionId, 0.0) + quality * QUALITY_SPREAD + halo;
        long score = Math.round(mean + rng.nextGaussian() * ITEM_NOISE);
        return (int) Math.max(1, Math.min(10, score));
    }

    public static boolean skipped(String questionId, RandomGenerator rng) {
        return rng.nextDouble() < SKIP.getOrDefault(questionId, DEFAULT_SKIP);
    }

    /** A score on another scale (NPS 0–10, CES/CSAT 1–5) from the same latent satisfaction. */
    public static int onScale(int min, int max, double quality, double halo, RandomGenerator rng) {
        // latent in roughly [-3, 3]; map its normal CDF onto the scale
        double latent = 0.9 + quality * 0.9 + halo * 0.8 + rng.nextGaussian() * 0.9;
        double p = 1.0 / (1.0 + Math.exp(-1.7 * latent / 1.5));
        int score = min + (int) Math.floor(p * (max - min + 1));
        return Math.max(min, Math.min(max, score));
    }
}
