package ru.otklik.common.alert;

import java.util.Optional;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * The distribution-shift test: is an office's share of top forms (or of positive forms) in the recent window far
 * above its own baseline <em>and</em> the rest of its region's share in the same window? Forms are counted as
 * units — answers within one form are not independent, so testing answers would overstate the evidence:
 * <ul>
 *   <li>a <em>top</em> form: more than half of its 1–10 answers are 10;</li>
 *   <li>a <em>positive</em> form: at least half of its 1–10 answers are 8–10 (the complement of the drop test's
 *   bad form, {@link DropSignal}).</li>
 * </ul>
 * Kiosk taps and 360 answers are not forms here: kiosk fakes are bursts and rhythms, flagged by their own signals.
 */
public final class ShareShift {

    /** What a form counts for. */
    public record Form(boolean top, boolean positive) {
    }

    /** The measure a flag names. */
    public enum Measure {
        TOP_SHARE("top_share"), POSITIVE_SHARE("positive_share");

        private final String code;

        Measure(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * One comparison's outcome: the office's share, the two references, both z statistics.
     *
     * @param shifted whether both comparisons reached {@code z} and the lift
     */
    public record Outcome(Measure measure, long forms, long hits, double share, double baseline, double region,
                          double zOwn, double zRegion, boolean shifted) {

        /** How far above the nearer reference the share is. */
        public double lift() {
            return share - Math.max(baseline, region);
        }
    }

    private ShareShift() {
    }

    /** What {@code r} counts for, if it is a form with at least one 1–10 answer. */
    public static Optional<Form> of(SurveyResponse r, SurveyDefinition survey) {
        if (r.channel() == Channel.KIOSK || r.channel() == Channel.RATER360 || survey == null) {
            return Optional.empty();
        }
        int answered = 0;
        int tens = 0;
        int positive = 0;
        for (var e : r.answers().entrySet()) {
            Optional<Question> q = survey.question(e.getKey());
            if (q.isPresent() && q.get().type() == QuestionType.SCALE_1_10 && e.getValue().isScore()) {
                answered++;
                tens += e.getValue().score() == 10 ? 1 : 0;
                positive += e.getValue().score() >= Indicators.POSITIVE_FROM ? 1 : 0;
            }
        }
        return answered == 0 ? Optional.empty() : Optional.of(new Form(2 * tens > answered, 2 * positive >= answered));
    }

    /**
     * The one-sided two-proportion z statistic of {@code x1/n1} above {@code x2/n2} (pooled variance); 0 when
     * either sample is empty or the pooled share is 0 or 1 (no variance: nothing to test).
     */
    public static double z(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return 0;
        }
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (variance <= 0) {
            return 0;
        }
        return ((double) x1 / n1 - (double) x2 / n2) / Math.sqrt(variance);
    }

    /**
     * Tests one measure. {@code x/n}: the office's window; {@code xBase/nBase}: its baseline; {@code xRegion/nRegion}:
     * the other offices of its region in the same window. Below a minimum sample nothing is shifted.
     */
    public static Outcome test(Measure measure, long x, long n, long xBase, long nBase, long xRegion, long nRegion,
                               ShiftSettings s) {
        double share = n == 0 ? 0 : (double) x / n;
        double baseline = nBase == 0 ? 0 : (double) xBase / nBase;
        double region = nRegion == 0 ? 0 : (double) xRegion / nRegion;
        double zOwn = z(x, n, xBase, nBase);
        double zRegion = z(x, n, xRegion, nRegion);
        // the region's week is as long as the office's: it needs the window's minimum, the own baseline its own
        boolean sampled = n >= s.minimumWindow() && nBase >= s.minimumBaseline() && nRegion >= s.minimumWindow();
        boolean shifted = sampled && zOwn >= s.z() && zRegion >= s.z()
                && share - Math.max(baseline, region) >= s.minimumLift();
        return new Outcome(measure, n, x, share, baseline, region, zOwn, zRegion, shifted);
    }
}
