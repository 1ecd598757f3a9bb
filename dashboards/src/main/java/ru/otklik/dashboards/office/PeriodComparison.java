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
 */
public record PeriodComparison(String from, String to, Map<String, Map<String, Item>> byAudience) {

    /** @param change current share minus previous (a fraction), null when either period has no answers */
    public record Item(long n, long positive, Double share, boolean sufficient, Double change, boolean significant) {

        /** A figure now ({@code positive} of {@code n}) against the period before's score counts. */
        public static Item of(long positive, long n, ru.otklik.common.indicator.ScoreCounts before, int minimumSample) {
            var then = ru.otklik.common.indicator.Indicators.positiveShare(before, minimumSample);
            var change = ru.otklik.common.indicator.ShareChange.of(positive, n, then.positive(), then.n(), minimumSample);
            return new Item(then.n(), then.positive(), then.n() == 0 ? null : then.share(), then.sufficient(),
                    change.map(ru.otklik.common.indicator.ShareChange::change).orElse(null),
                    change.map(ru.otklik.common.indicator.ShareChange::significant).orElse(false));
        }
    }
}
