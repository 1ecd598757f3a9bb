package ru.otklik.common.indicator;

import ru.otklik.common.survey.QuestionType;

/**
 * The methodology's score formulas (domain §3–4) as pure functions of {@link ScoreCounts}.
 * The streaming jobs, the dashboards and the tests all call these; there is no second copy.
 */
public final class Indicators {

    /** Below this many answers a value is shown as "insufficient data" (domain §3 default). */
    public static final int DEFAULT_MINIMUM_SAMPLE = 30;

    /** On the 1–10 agreement scale, 8, 9 and 10 are a positive answer. */
    public static final int POSITIVE_FROM = 8;

    private Indicators() {
    }

    /** Share of positive answers (8–10) among those who answered a 1–10 item. */
    public static ShareEstimate positiveShare(ScoreCounts counts, int minimumSample) {
        return ShareEstimate.of(counts.between(POSITIVE_FROM, 10), counts.between(1, 10), minimumSample);
    }

    /** Kiosk satisfaction: the two happy buttons (3, 4) among all counted taps (1–4). */
    public static ShareEstimate kioskSatisfaction(ScoreCounts buttons, int minimumSample) {
        return ShareEstimate.of(buttons.between(3, 4), buttons.between(1, 4), minimumSample);
    }

    /** NPS on 0–10: % promoters (9–10) minus % detractors (0–6). */
    public static NetScore nps(ScoreCounts counts, int minimumSample) {
        return NetScore.of(counts.between(9, 10), counts.between(0, 6), counts.between(0, 10), minimumSample);
    }

    /**
     * CES on 1 very easy … 5 very difficult: % easy minus % difficult. With
     * {@code extremesJoinNeighbours} (the default) "very easy" counts as easy and "very difficult" as
     * difficult; without it only the plain "easy"/"difficult" options count (domain §4).
     */
    public static NetScore ces(ScoreCounts counts, boolean extremesJoinNeighbours, int minimumSample) {
        long easy = extremesJoinNeighbours ? counts.between(1, 2) : counts.count(2);
        long difficult = extremesJoinNeighbours ? counts.between(4, 5) : counts.count(4);
        return NetScore.of(easy, difficult, counts.between(1, 5), minimumSample);
    }

    /**
     * The share of favourable answers for any scored item type: 8–10 on agreement scales, the two
     * happy kiosk buttons, "met" or better for CSAT, promoters (9–10) for NPS and "easy" (very easy
     * or easy) for CES. Net scores (NPS, CES) are computed from the same counts with {@link #nps}
     * and {@link #ces}.
     */
    public static ShareEstimate favourableShare(QuestionType type, ScoreCounts counts, int minimumSample) {
        return switch (type) {
            case SCALE_1_10 -> positiveShare(counts, minimumSample);
            case SMILEY_4 -> kioskSatisfaction(counts, minimumSample);
            case EXPECTATION_5 -> csat(counts, minimumSample);
            case SCALE_0_10 -> ShareEstimate.of(counts.between(9, 10), counts.between(0, 10), minimumSample);
            case EFFORT_5 -> ShareEstimate.of(counts.between(1, 2), counts.between(1, 5), minimumSample);
            default -> throw new IllegalArgumentException(type + " is not a scored item");
        };
    }

    /** CSAT on 1 disappointed … 5 greatly exceeded: share of "met" (3) or better. */
    public static ShareEstimate csat(ScoreCounts counts, int minimumSample) {
        return ShareEstimate.of(counts.between(3, 5), counts.between(1, 5), minimumSample);
    }
}
