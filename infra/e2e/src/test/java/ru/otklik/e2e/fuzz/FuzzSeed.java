package ru.otklik.e2e.fuzz;

import java.util.Random;

/**
 * The run's seed and the random source of each generated request. Request {@code i} of a campaign is
 * drawn from a generator seeded by (seed, campaign, i) alone, so a run is reproduced by its seed even
 * though worker threads take the indices in any order: {@code -Dotklik.fuzz.seed=<seed>}
 * (or {@code OTKLIK_FUZZ_SEED}); {@code random} draws a new one.
 */
final class FuzzSeed {

    /** The seed CI runs with unless told otherwise: the same requests every time, so a red run is a change. */
    static final long DEFAULT = 20261201L;

    private FuzzSeed() {
    }

    static long fromEnvironment() {
        String value = System.getProperty("otklik.fuzz.seed", System.getenv("OTKLIK_FUZZ_SEED"));
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        if (value.equals("random")) {
            return new java.security.SecureRandom().nextLong();
        }
        return Long.parseLong(value.trim());
    }

    /** {@code -Dotklik.fuzz.scale=0.1}: a tenth of every quota and of the required total, for a quick local run. */
    static double scale() {
        return Double.parseDouble(System.getProperty("otklik.fuzz.scale", "1"));
    }

    static Random random(long seed, String campaign, long index) {
        long h = seed;
        for (int i = 0; i < campaign.length(); i++) {
            h = mix(h ^ campaign.charAt(i));
        }
        return new Random(mix(h ^ mix(index + 0x9E3779B97F4A7C15L)));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
