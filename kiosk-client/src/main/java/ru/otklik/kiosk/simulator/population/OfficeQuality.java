package ru.otklik.kiosk.simulator.population;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ru.otklik.common.office.Office;

/**
 * Each office's latent service quality, drawn once from the seed: about 0 for most offices,
 * with a few clearly good (+1.2) and clearly weak (−1.2) ones, so dashboards have something to
 * rank and an office's indicators stay stable across a run. Scores and taps are generated
 * around this value.
 */
public final class OfficeQuality {

    public static final double CLEARLY = 1.2;

    private final Map<String, Double> quality;
    private final List<String> good;
    private final List<String> weak;

    private OfficeQuality(Map<String, Double> quality, List<String> good, List<String> weak) {
        this.quality = Collections.unmodifiableMap(quality);
        this.good = List.copyOf(good);
        this.weak = List.copyOf(weak);
    }

    /** A quarter of the offices (at least one) are clearly good and as many clearly weak. */
    public static OfficeQuality draw(List<Office> offices, long seed) {
        // an own generator, so the quality map does not depend on what else draws from the seed
        SplittableRandom rng = new SplittableRandom(seed ^ 0x0FF1CE);
        List<String> codes = new ArrayList<>(offices.stream().map(Office::code).toList());
        List<String> shuffled = new ArrayList<>(codes);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            Collections.swap(shuffled, i, rng.nextInt(i + 1));
        }
        int extremes = Math.max(1, codes.size() / 8);
        List<String> good = shuffled.subList(0, Math.min(extremes, shuffled.size()));
        List<String> weak = shuffled.size() > extremes
                ? shuffled.subList(extremes, Math.min(2 * extremes, shuffled.size())) : List.of();
        Map<String, Double> quality = new LinkedHashMap<>();
        for (String code : codes) {
            double q;
            if (good.contains(code)) {
                q = CLEARLY + rng.nextDouble(-0.15, 0.15);
            } else if (weak.contains(code)) {
                q = -CLEARLY + rng.nextDouble(-0.15, 0.15);
            } else {
                q = Math.max(-0.7, Math.min(0.7, rng.nextGaussian() * 0.35));
            }
            quality.put(code, q);
        }
        return new OfficeQuality(quality, good, weak);
    }

    public double of(String officeCode) {
        Double q = quality.get(officeCode);
        if (q == null) {
            throw new IllegalArgumentException("unknown office " + officeCode);
        }
        return q;
    }

    public List<String> good() {
        return good;
    }

    public List<String> weak() {
        return weak;
    }

    /** The office with the highest latent quality: a drop there is the most visible. */
    public String best() {
        return quality.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    public Map<String, Double> asMap() {
        return quality;
    }
}
