package ru.otklik.common.methodology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import ru.otklik.common.checklist.ObjectiveScore;
import ru.otklik.common.indicator.ShareEstimate;

/**
 * The composite client-centricity index (domain §7) of one scope — an office, a managing office, a region — under
 * one methodology variant, as a pure function of the scope's figures. The streaming job, the dashboards and the
 * tests call this and nothing else.
 *
 * <ul>
 *   <li>A subjective indicator is the share of positive answers (8–10) among those who answered, pooled over the
 *       seeker and employer forms; below the version's minimum sample it is "insufficient data" and not counted.</li>
 *   <li>An objective indicator is points / max: an office's own score (or its managing office's, see
 *       {@link ru.otklik.common.checklist.ObjectiveScoring#credited}), for a wider scope the mean points over the
 *       offices that reported it. One still awaiting review, not submitted, or without a baseline is not counted; one
 *       zeroed by audit counts as 0.</li>
 *   <li>A group's value is the mean of its counted, not suspended indicators; the index is the weighted mean of the
 *       groups that have a value (weights renormalised over them), null when none has. Which groups are missing is
 *       in the result, never hidden.</li>
 * </ul>
 */
public final class CompositeIndex {

    /** Answers to one questionnaire item in the scope and period. */
    public record SubjectiveCounts(long positive, long answered) {
        public static final SubjectiveCounts NONE = new SubjectiveCounts(0, 0);

        public SubjectiveCounts plus(SubjectiveCounts o) {
            return new SubjectiveCounts(positive + o.positive, answered + o.answered);
        }
    }

    /**
     * One checklist indicator in the scope: {@code points} is the office's score or the mean over the offices that
     * reported ({@code reporters} of them); {@code status} is {@link ObjectiveScore.Status#code()} or {@code ok} for a
     * mean.
     */
    public record ObjectiveFigure(String status, double points, double maxPoints, int reporters) {

        public static ObjectiveFigure ofOffice(ObjectiveScore s) {
            return new ObjectiveFigure(s.status() == ObjectiveScore.Status.SCORED ? OK : s.status().code(), s.points(),
                    s.maxPoints(), s.status().reported() ? 1 : 0);
        }

        /** The mean over the offices that reported; when none did, the most telling status of the others. */
        public static ObjectiveFigure meanOf(Collection<ObjectiveScore> offices, double maxPoints) {
            List<ObjectiveScore> reported = offices.stream().filter(s -> s.status().reported()).toList();
            if (!reported.isEmpty()) {
                double mean = reported.stream().mapToDouble(ObjectiveScore::points).average().orElseThrow();
                boolean allZeroed = reported.stream().allMatch(s -> s.status() == ObjectiveScore.Status.ZEROED_BY_AUDIT);
                return new ObjectiveFigure(allZeroed ? ObjectiveScore.Status.ZEROED_BY_AUDIT.code() : OK, mean, maxPoints,
                        reported.size());
            }
            boolean awaiting = offices.stream().anyMatch(s -> s.status() == ObjectiveScore.Status.AWAITING_REVIEW);
            return new ObjectiveFigure(awaiting ? ObjectiveScore.Status.AWAITING_REVIEW.code()
                    : ObjectiveScore.Status.NOT_SUBMITTED.code(), 0, maxPoints, 0);
        }

        boolean counted() {
            return reporters > 0;
        }
    }

    /** The scope's figures: subjective counts by question id, objective figures by checklist indicator code. */
    public record Inputs(Map<String, SubjectiveCounts> subjective, Map<String, ObjectiveFigure> objective) {
        public Inputs {
            subjective = Map.copyOf(subjective);
            objective = Map.copyOf(objective);
        }
    }

    /**
     * One indicator's part: {@code value} 0–1 or null when not counted ({@code status} says why); {@code n} answers
     * (subjective) or reporting offices (objective).
     */
    public record IndicatorValue(String code, String group, IndicatorKind kind, Double value, String status, long n,
                                 long positive, double points, double maxPoints) {
    }

    /** One group's part: the mean of {@code counted} indicators, null when none counted. */
    public record GroupValue(String code, double weight, Double value, int counted) {
    }

    /** The index (null when no group has a value) and its breakdown, in the variant's order. */
    public record Result(Double index, List<GroupValue> groups, List<IndicatorValue> indicators) {
    }

    public static final String OK = "ok";
    public static final String INSUFFICIENT_DATA = "insufficient_data";
    public static final String SUSPENDED = "suspended";

    private CompositeIndex() {
    }

    public static Result compute(MethodologyVariant variant, int minimumSample, Inputs inputs) {
        List<IndicatorValue> indicators = new ArrayList<>();
        for (IndexIndicator i : variant.indicators()) {
            indicators.add(value(i, minimumSample, inputs));
        }
        List<GroupValue> groups = new ArrayList<>();
        double weighted = 0;
        double weights = 0;
        for (IndexGroup g : variant.groups()) {
            double sum = 0;
            int counted = 0;
            for (IndicatorValue v : indicators) {
                if (v.group().equals(g.code()) && v.value() != null) {
                    sum += v.value();
                    counted++;
                }
            }
            Double value = counted == 0 ? null : sum / counted;
            groups.add(new GroupValue(g.code(), g.weight(), value, counted));
            if (value != null && g.weight() > 0) {
                weighted += g.weight() * value;
                weights += g.weight();
            }
        }
        return new Result(weights == 0 ? null : weighted / weights, List.copyOf(groups), List.copyOf(indicators));
    }

    /** A region's part of the federal figures: its result and the inputs it was computed from. */
    public record RegionPart(String regionCode, Result result, Inputs inputs) {
    }

    /**
     * The federal level: the index and each group are the mean over the regions that have a value (each region under
     * its own network's variant, so the variants never mix inside one mean; {@code n} of the index = those regions);
     * each indicator pools the regions' figures — subjective answers summed, objective points averaged over every
     * reporting office of the country — in the order the indicators first appear.
     */
    public static Result federal(List<RegionPart> regions, int minimumSample) {
        java.util.LinkedHashMap<String, GroupValue> groupOrder = new java.util.LinkedHashMap<>();
        java.util.Map<String, double[]> groupSums = new java.util.HashMap<>(); // sum, regions
        java.util.LinkedHashMap<String, IndicatorValue> indicatorOrder = new java.util.LinkedHashMap<>();
        java.util.Map<String, double[]> indicatorSums = new java.util.HashMap<>(); // positive|points*reporters, n
        double indexSum = 0;
        int indexRegions = 0;
        for (RegionPart part : regions) {
            Result r = part.result();
            if (r.index() != null) {
                indexSum += r.index();
                indexRegions++;
            }
            for (GroupValue g : r.groups()) {
                groupOrder.putIfAbsent(g.code(), g);
                double[] sum = groupSums.computeIfAbsent(g.code(), k -> new double[2]);
                if (g.value() != null) {
                    sum[0] += g.value();
                    sum[1]++;
                }
            }
            for (IndicatorValue v : r.indicators()) {
                indicatorOrder.putIfAbsent(v.code(), v);
                double[] sum = indicatorSums.computeIfAbsent(v.code(), k -> new double[3]);
                if (v.kind() == IndicatorKind.SUBJECTIVE) {
                    sum[0] += v.positive();
                    sum[1] += v.n();
                } else if (v.n() > 0 && !SUSPENDED.equals(v.status())) {
                    sum[0] += v.points() * v.n();
                    sum[1] += v.n();
                }
                sum[2] = Math.max(sum[2], v.maxPoints());
            }
        }
        List<GroupValue> groups = new ArrayList<>();
        for (GroupValue g : groupOrder.values()) {
            double[] sum = groupSums.get(g.code());
            groups.add(new GroupValue(g.code(), g.weight(), sum[1] == 0 ? null : sum[0] / sum[1], (int) sum[1]));
        }
        List<IndicatorValue> indicators = new ArrayList<>();
        for (IndicatorValue first : indicatorOrder.values()) {
            double[] sum = indicatorSums.get(first.code());
            long n = (long) sum[1];
            if (first.kind() == IndicatorKind.SUBJECTIVE) {
                long positive = (long) sum[0];
                boolean suspended = SUSPENDED.equals(first.status());
                String status = suspended ? SUSPENDED : n < minimumSample ? INSUFFICIENT_DATA : OK;
                indicators.add(new IndicatorValue(first.code(), first.group(), first.kind(),
                        OK.equals(status) ? (double) positive / n : null, status, n, positive, 0, 0));
            } else {
                boolean suspended = SUSPENDED.equals(first.status());
                double points = n == 0 ? 0 : sum[0] / n;
                double max = sum[2];
                String status = suspended ? SUSPENDED : n == 0 ? first.status() : OK;
                indicators.add(new IndicatorValue(first.code(), first.group(), first.kind(),
                        !suspended && n > 0 && max > 0 ? points / max : null, status, n, 0, points, max));
            }
        }
        return new Result(indexRegions == 0 ? null : indexSum / indexRegions, List.copyOf(groups), List.copyOf(indicators));
    }

    private static IndicatorValue value(IndexIndicator i, int minimumSample, Inputs inputs) {
        if (i.kind() == IndicatorKind.SUBJECTIVE) {
            SubjectiveCounts c = inputs.subjective().getOrDefault(i.source(), SubjectiveCounts.NONE);
            String status = i.suspended() ? SUSPENDED : c.answered() < minimumSample ? INSUFFICIENT_DATA : OK;
            // the same share (and, on the pages, its Wilson interval) as every subjective figure of the product
            Double value = OK.equals(status) ? ShareEstimate.of(c.positive(), c.answered(), minimumSample).share() : null;
            return new IndicatorValue(i.code(), i.group(), i.kind(), value, status, c.answered(), c.positive(), 0, 0);
        }
        ObjectiveFigure f = inputs.objective().get(i.source());
        if (f == null) {
            f = new ObjectiveFigure(ObjectiveScore.Status.NOT_SUBMITTED.code(), 0, 0, 0);
        }
        String status = i.suspended() ? SUSPENDED : f.status();
        Double value = !i.suspended() && f.counted() && f.maxPoints() > 0 ? f.points() / f.maxPoints() : null;
        return new IndicatorValue(i.code(), i.group(), i.kind(), value, status, f.reporters(), 0, f.points(),
                f.maxPoints());
    }
}
