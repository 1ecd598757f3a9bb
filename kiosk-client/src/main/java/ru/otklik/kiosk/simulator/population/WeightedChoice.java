package ru.otklik.kiosk.simulator.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Draws one of several codes with given (unnormalised) weights, e.g. percentages from the pilot. */
public record WeightedChoice(List<String> codes, double[] cumulative) {

    public static WeightedChoice of(Map<String, Double> weights) {
        List<String> codes = new ArrayList<>();
        double[] cumulative = new double[weights.size()];
        double sum = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("negative weight for " + e.getKey());
            }
            sum += e.getValue();
            codes.add(e.getKey());
            cumulative[i++] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must not all be zero: " + weights);
        }
        for (int j = 0; j < cumulative.length; j++) {
            cumulative[j] /= sum;
        }
        return new WeightedChoice(List.copyOf(codes), cumulative);
    }

    /** Codes and weights in a fixed order ({@code Map.of} would iterate in a per-JVM order and break seeds). */
    public static WeightedChoice pairs(Object... codeThenWeight) {
        Map<String, Double> weights = new java.util.LinkedHashMap<>();
        for (int i = 0; i < codeThenWeight.length; i += 2) {
            weights.put((String) codeThenWeight[i], ((Number) codeThenWeight[i + 1]).doubleValue());
        }
        return of(weights);
    }

    public String draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return codes.get(i);
            }
        }
        return codes.get(codes.size() - 1);
    }

    /** Normalised share of one code (0..1), for tests and reports. */
    public double share(String code) {
        int i = codes.indexOf(code);
        if (i < 0) {
            return 0;
        }
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }
}
