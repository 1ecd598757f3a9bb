package ru.otklik.streaming.assessment.internal;

import java.util.TreeMap;

/**
 * The counted 360 answers about one target in one session, kept so that a submission changes only what it adds:
 * per indicator and role group the counts of its row, and per rater (by submission id) and competency the sum and
 * count of the rater's own points, from which the competency rows and the above/below counts follow. Only answers
 * of the session's current model version are here.
 */
public final class TargetState {
    public int scaleMax;
    /** Submissions counted about the target. */
    public int counted;
    /** Rater keys of the counted submissions, to their role (for completion; never written out). */
    public final TreeMap<String, String> raters = new TreeMap<>();
    /** {@link #indicatorKey} to its counts. */
    public final TreeMap<String, IndicatorCell> indicators = new TreeMap<>();
    /** {@link #raterKey} to one rater's points on one competency. */
    public final TreeMap<String, RaterCell> raterCells = new TreeMap<>();

    public static String indicatorKey(String competency, String indicator, String role) {
        return competency + '\n' + indicator + '\n' + role;
    }

    public static String competencyPrefix(String competency, String role) {
        return competency + '\n' + role + '\n';
    }

    public static String raterKey(String competency, String role, String submissionId) {
        return competencyPrefix(competency, role) + submissionId;
    }

    /** One indicator's answers from one role group. */
    public static final class IndicatorCell {
        public long raters;
        public long cannotJudge;
        public long pointsSum;
        /** Answers per points value, index = points. */
        public long[] distribution;
        public long above;
        public long below;
        public long updatedTs;

        public IndicatorCell(int scaleMax) {
            distribution = new long[scaleMax + 1];
        }

        public void fit(int scaleMax) {
            if (distribution.length < scaleMax + 1) {
                distribution = java.util.Arrays.copyOf(distribution, scaleMax + 1);
            }
        }
    }

    /** One rater's counted points on the indicators of one competency. */
    public static final class RaterCell {
        public long sum;
        public long count;
        public long cannotJudge;
        public long updatedTs;
    }
}
