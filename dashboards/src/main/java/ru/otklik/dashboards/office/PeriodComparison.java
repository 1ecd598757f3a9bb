package ru.otklik.dashboards.office;

import java.util.Map;

/**
 * The office's items in the period of the same length just before the window (issue 14 §3): for a sliding window
 * of size S as of {@code asOf}, the hourly (up to 7 days) or daily history buckets in {@code [asOf − 2S, asOf − S)};
 * for the quarter, the calendar quarter before. Each item's previous share beside the change and whether the change
 * is significant (two-proportion test, both periods at the minimum sample: {@link
 * ru.otklik.common.indicator.ShareChange}). Clean figures, like the history line and the headline.
 *
 * @param byAudience audience to question id to the item's previous figures
 * @param cards      the office's cards beside the period before: kiosk satisfaction and CSAT (shares), NPS and CES
 *                   (net scores, tested by {@link ru.otklik.common.indicator.NetChange})
 */
public record PeriodComparison(String from, String to, Map<String, Map<String, Item>> byAudience, Cards cards) {

    /** @param change current share minus previous (a fraction), null when either period has no answers */
    public record Item(long n, long positive, Double share, boolean sufficient, Double change, boolean significant) {

        /** A figure now ({@code positive} of {@code n}) against the period before's score counts (8–10 positive). */
        public static Item of(long positive, long n, ru.otklik.common.indicator.ScoreCounts before, int minimumSample) {
            return of(positive, n, ru.otklik.common.indicator.Indicators.positiveShare(before, minimumSample),
                    minimumSample);
        }

        /** A figure now against the period before's, each counted by its own formula. */
        public static Item of(long positive, long n, ru.otklik.common.indicator.ShareEstimate then, int minimumSample) {
            var change = ru.otklik.common.indicator.ShareChange.of(positive, n, then.positive(), then.n(), minimumSample);
            return new Item(then.n(), then.positive(), then.n() == 0 ? null : then.share(), then.sufficient(),
                    change.map(ru.otklik.common.indicator.ShareChange::change).orElse(null),
                    change.map(ru.otklik.common.indicator.ShareChange::significant).orElse(false));
        }
    }

    /** A net score before: {@code score} in points, {@code change} in points, null when either period has no answers. */
    public record NetItem(long n, Double score, boolean sufficient, Double change, boolean significant) {

        public static NetItem of(ru.otklik.common.indicator.NetScore now, ru.otklik.common.indicator.NetScore then,
                                 int minimumSample) {
            var change = ru.otklik.common.indicator.NetChange.of(now, then, minimumSample);
            return new NetItem(then.n(), then.n() == 0 ? null : then.score(), then.sufficient(),
                    change.map(ru.otklik.common.indicator.NetChange::change).orElse(null),
                    change.map(ru.otklik.common.indicator.NetChange::significant).orElse(false));
        }
    }

    public record Cards(Item kiosk, NetItem nps, NetItem ces, Item csat) {
    }
}
