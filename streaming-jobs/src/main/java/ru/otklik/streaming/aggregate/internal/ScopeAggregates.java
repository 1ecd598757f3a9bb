package ru.otklik.streaming.aggregate.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import ru.otklik.common.indicator.HistoryGranularity;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.RollingWindow;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.common.store.AnswerMinuteRow;
import ru.otklik.common.store.CleanRow;
import ru.otklik.common.store.IndicatorHistoryRow;
import ru.otklik.common.store.IndicatorWindowRow;
import ru.otklik.common.store.ResponseMinuteRow;
import ru.otklik.common.store.ResponseWindowRow;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.aggregate.ItemKinds;

/**
 * The aggregates one Flink key holds — rolling windows, hourly/daily history and (for offices)
 * minute buckets — kept incrementally, the way Flink's own slicing windows are:
 *
 * <ul>
 *   <li>state is namespaced by slice: a pane of a window (or a history bucket, or a minute) maps the
 *       items that have answers in it to their counts; beside it each item keeps a running sum per
 *       window ({@code long[55]}: five windows of c0..c10);</li>
 *   <li>deltas are first {@linkplain #gather gathered} per key, so applying them reads and writes each
 *       touched pane, bucket and item once, whatever the number of answers behind them;</li>
 *   <li>a pane leaves its window by one event-time timer at the moment it leaves, which subtracts it
 *       from the running sums of its items; buckets and minutes leave by a timer at the end of their
 *       retention;</li>
 *   <li>only what changed is written: the items whose sums moved (by new answers, retractions or
 *       expiry) and the buckets that changed.</li>
 * </ul>
 *
 * So the cost of a change follows the change, never the size of the state, and when every pane,
 * bucket and minute has left the key holds no state at all. Deltas may be negative: a retraction
 * subtracts exactly what the response added.
 *
 * <p>A row's version is the processing time of its emission (ms). The watermark cannot be part of it:
 * after a restore the watermark starts again from nothing, and rows written before a failure (from
 * state the restore rolled back) would then outrank the rows the replay writes, so a bucket last
 * written during the replay would stay stale. With the time of writing, the last emission always
 * wins: a replay may show an older figure for a moment while it catches up, and ends with exactly
 * the figures of an uninterrupted run. Equal versions go to the row inserted last, and the sink
 * writes each table in order. No state is needed for versions, so a key whose slices have all left
 * holds nothing at all.
 */
public final class ScopeAggregates {

    private static final long MINUTE = 60;
    private static final RollingWindow[] WINDOWS = RollingWindow.values();
    private static final HistoryGranularity[] GRANULARITIES = HistoryGranularity.values();
    private static final long[] ZEROS = new long[Counts.SCORES * Counts.WINDOWS];
    /** No watermark yet: nothing has left any window. */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    private static final TypeInformation<ItemKey> ITEM = TypeInformation.of(ItemKey.class);
    private static final TypeInformation<long[]> LONGS = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;

    private final int minimumSample;
    private final long historyRetentionSeconds;
    private final long minuteRetentionSeconds;
    private final MapState<PaneKey, Map<ItemKey, long[]>> panes;
    private final MapState<ItemKey, long[]> sums;
    private final MapState<HistoryKey, Map<ItemKey, long[]>> history;
    private final MapState<Long, Map<MinuteCell, long[]>> minutes;

    /**
     * @param historyRetentionSeconds how long after its end a history bucket stays (late answers can still reach it)
     * @param minuteRetentionSeconds  the same for minute buckets; negative: this key keeps no minute buckets
     */
    public ScopeAggregates(RuntimeContext context, String prefix, int minimumSample, long historyRetentionSeconds,
                           long minuteRetentionSeconds) {
        this.minimumSample = minimumSample;
        this.historyRetentionSeconds = historyRetentionSeconds;
        this.minuteRetentionSeconds = minuteRetentionSeconds;
        this.panes = context.getMapState(new MapStateDescriptor<>(prefix + "-panes", TypeInformation.of(PaneKey.class),
                new MapTypeInfo<>(ITEM, LONGS)));
        this.sums = context.getMapState(new MapStateDescriptor<>(prefix + "-sums", ITEM, LONGS));
        this.history = context.getMapState(new MapStateDescriptor<>(prefix + "-history",
                TypeInformation.of(HistoryKey.class), new MapTypeInfo<>(ITEM, LONGS)));
        this.minutes = minuteRetentionSeconds < 0 ? null : context.getMapState(new MapStateDescriptor<>(
                prefix + "-minutes", Types.LONG, new MapTypeInfo<>(TypeInformation.of(MinuteCell.class), LONGS)));
    }

    /** Deltas of one key gathered before they touch state. */
    public static final class Gathered {
        final Map<PaneKey, Map<ItemKey, long[]>> panes = new HashMap<>();
        final Map<ItemKey, long[]> sums = new HashMap<>();
        final Map<ItemKey, Integer> masks = new HashMap<>();
        final Map<HistoryKey, Map<ItemKey, long[]>> history = new HashMap<>();
        final Map<Long, Map<MinuteCell, long[]>> minutes = new HashMap<>();

        public boolean isEmpty() {
            return sums.isEmpty() && history.isEmpty() && minutes.isEmpty();
        }
    }

    /**
     * Gathers {@code sign × counts} of {@code item} at {@code epochSeconds} into every window that still
     * covers it as of {@code watermarkSeconds} (an answer older than a window's edge does not count in
     * it), and into the history if {@code withHistory}.
     */
    public static void gather(Gathered g, ItemKey item, long epochSeconds, long[] counts, int sign,
                              boolean withHistory, long watermarkSeconds) {
        long[] sum = null;
        int mask = 0;
        for (RollingWindow w : WINDOWS) {
            long pane = w.paneOf(epochSeconds);
            if (watermarkSeconds != NO_WATERMARK && !w.covers(pane, watermarkSeconds)) {
                continue;
            }
            Counts.accumulate(g.panes.computeIfAbsent(new PaneKey((byte) w.ordinal(), pane), k -> new HashMap<>()),
                    item, counts, sign);
            if (sum == null) {
                sum = g.sums.computeIfAbsent(item, k -> new long[Counts.SCORES * Counts.WINDOWS]);
            }
            Counts.addToWindow(sum, w.ordinal(), counts, sign);
            mask |= 1 << w.ordinal();
        }
        if (mask != 0) {
            g.masks.merge(item, mask, (a, b) -> a | b);
        }
        if (withHistory) {
            for (HistoryGranularity gr : GRANULARITIES) {
                HistoryKey bucket = new HistoryKey((byte) gr.ordinal(), gr.bucketOf(epochSeconds));
                Counts.accumulate(g.history.computeIfAbsent(bucket, k -> new HashMap<>()), item, counts, sign);
            }
        }
    }

    /** Gathers a minute-bucket delta (offices only). */
    public static void gatherMinute(Gathered g, long minuteStart, MinuteCell cell, long[] counts, int sign) {
        Counts.accumulate(g.minutes.computeIfAbsent(minuteStart, k -> new HashMap<>()), cell, counts, sign);
    }

    /**
     * Applies gathered deltas to state: each touched pane, item, bucket and minute is read and written
     * once; a slice seen for the first time gets the one timer at which it leaves.
     */
    public void apply(Gathered g, Changes changes, LongConsumer eventTimeTimer) throws Exception {
        for (Map.Entry<PaneKey, Map<ItemKey, long[]>> e : g.panes.entrySet()) {
            mergeSlice(panes, e.getKey(), e.getValue(), eventTimeTimer,
                    e.getKey().rollingWindow().leavesAt(e.getKey().paneStart()));
        }
        for (Map.Entry<ItemKey, long[]> e : g.sums.entrySet()) {
            long[] sum = sums.get(e.getKey());
            if (sum == null) {
                sum = new long[Counts.SCORES * Counts.WINDOWS];
            }
            long[] delta = e.getValue();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += delta[i];
            }
            if (Counts.isZero(sum)) {
                sums.remove(e.getKey());
            } else {
                sums.put(e.getKey(), sum);
            }
            changes.windows(e.getKey(), g.masks.getOrDefault(e.getKey(), 0));
        }
        for (Map.Entry<HistoryKey, Map<ItemKey, long[]>> e : g.history.entrySet()) {
            mergeSlice(history, e.getKey(), e.getValue(), eventTimeTimer,
                    e.getKey().endSeconds() + historyRetentionSeconds);
            for (ItemKey item : e.getValue().keySet()) {
                changes.history(e.getKey(), item);
            }
        }
        if (minutes != null) {
            for (Map.Entry<Long, Map<MinuteCell, long[]>> e : g.minutes.entrySet()) {
                mergeSlice(minutes, e.getKey(), e.getValue(), eventTimeTimer,
                        e.getKey() + MINUTE + minuteRetentionSeconds);
                for (MinuteCell cell : e.getValue().keySet()) {
                    changes.minute(e.getKey(), cell);
                }
            }
        }
    }

    private static <S, K> void mergeSlice(MapState<S, Map<K, long[]>> state, S slice, Map<K, long[]> deltas,
                                          LongConsumer eventTimeTimer, long leavesAtSeconds) throws Exception {
        Map<K, long[]> cells = state.get(slice);
        boolean fresh = cells == null;
        if (fresh) {
            cells = new HashMap<>();
        }
        for (Map.Entry<K, long[]> d : deltas.entrySet()) {
            Counts.merge(cells, d.getKey(), d.getValue());
        }
        if (cells.isEmpty()) {
            if (!fresh) {
                state.remove(slice);
            }
            return;
        }
        state.put(slice, cells);
        if (fresh) {
            eventTimeTimer.accept(leavesAtSeconds * 1000);
        }
    }

    /**
     * The watermark passed {@code timerSeconds}: panes that leave their window then are subtracted
     * from their items' sums; history buckets and minutes whose retention ends then are written (if
     * still changed) and dropped.
     */
    public void expire(long timerSeconds, Changes changes, Place place, long nowMillis, RowBatch out)
            throws Exception {
        expire(timerSeconds, changes, place, nowMillis, out, null, null);
    }

    /**
     * The same for the excluded variant ({@code this}) of {@code raw}: a history bucket that leaves
     * writes its last clean rows (raw minus excluded) instead of rows of its own. Call it before the raw
     * instance expires the same timer, while the raw bucket is still there.
     */
    public void expireExcluded(long timerSeconds, Changes changes, ScopeAggregates raw, Changes rawChanges,
                               Place place, long nowMillis, RowBatch out) throws Exception {
        expire(timerSeconds, changes, place, nowMillis, out, raw, rawChanges);
    }

    private void expire(long timerSeconds, Changes changes, Place place, long nowMillis, RowBatch out,
                        ScopeAggregates raw, Changes rawChanges) throws Exception {
        for (RollingWindow w : WINDOWS) {
            long paneStart = paneLeavingAt(w, timerSeconds);
            if (paneStart == NO_WATERMARK) {
                continue;
            }
            PaneKey key = new PaneKey((byte) w.ordinal(), paneStart);
            Map<ItemKey, long[]> pane = panes.get(key);
            if (pane == null) {
                continue;
            }
            for (Map.Entry<ItemKey, long[]> e : pane.entrySet()) {
                long[] sum = sums.get(e.getKey());
                if (sum != null) {
                    Counts.addToWindow(sum, w.ordinal(), e.getValue(), -1);
                    if (Counts.isZero(sum)) {
                        sums.remove(e.getKey());
                    } else {
                        sums.put(e.getKey(), sum);
                    }
                }
                changes.window(e.getKey(), w.ordinal());
            }
            panes.remove(key);
        }
        for (HistoryGranularity g : GRANULARITIES) {
            long start = timerSeconds - g.seconds() - historyRetentionSeconds;
            HistoryKey key = new HistoryKey((byte) g.ordinal(), start);
            if (g.bucketOf(start) == start && history.contains(key)) {
                Set<ItemKey> pending = changes.history.remove(key);
                if (raw != null) { // excluded: the clean rows of what changed, raw or excluded, one last time
                    Set<ItemKey> items = pending == null ? new HashSet<>() : pending;
                    Set<ItemKey> rawPending = rawChanges.history.get(key);
                    if (rawPending != null) {
                        Map<ItemKey, long[]> mine = history.get(key);
                        for (ItemKey item : rawPending) {
                            if (mine.containsKey(item)) {
                                items.add(item);
                            }
                        }
                    }
                    raw.emitCleanHistory(key, items, this, place, version(timerSeconds, nowMillis), out);
                } else if (pending != null) {
                    emitHistory(key, pending, place, version(timerSeconds, nowMillis), out);
                }
                history.remove(key);
            }
        }
        if (minutes != null) {
            long minute = timerSeconds - MINUTE - minuteRetentionSeconds;
            if (Math.floorMod(minute, MINUTE) == 0 && minutes.contains(minute)) {
                Set<MinuteCell> pending = changes.minutes.remove(minute);
                if (pending != null) {
                    emitMinute(minute, pending, place, version(timerSeconds, nowMillis), out);
                }
                minutes.remove(minute);
            }
        }
    }

    /** The start of the pane of {@code w} that leaves at {@code seconds}, or {@link #NO_WATERMARK} if none does. */
    static long paneLeavingAt(RollingWindow w, long seconds) {
        long candidate = w.isCalendar() ? RollingWindow.quarterStart(seconds - 1)
                : seconds - (w.leavesAt(0) - 0);
        return w.paneOf(candidate) == candidate && w.leavesAt(candidate) == seconds ? candidate : NO_WATERMARK;
    }

    /**
     * Writes every change: window rows as of {@code asOfSeconds} (only when a watermark exists — pass
     * {@code withWindows=false} otherwise, and the window changes stay), history and minute rows always.
     */
    public void emit(Changes changes, Place place, long asOfSeconds, boolean withWindows, long nowMillis,
                     RowBatch out) throws Exception {
        if (changes.isEmpty() || (!withWindows && changes.history.isEmpty() && changes.minutes.isEmpty())) {
            return;
        }
        long version = version(asOfSeconds, nowMillis);
        if (withWindows) {
            for (Map.Entry<ItemKey, Integer> e : changes.windows.entrySet()) {
                emitWindows(e.getKey(), e.getValue(), place, asOfSeconds, version, out);
            }
            changes.windows.clear();
        }
        for (Map.Entry<HistoryKey, Set<ItemKey>> e : changes.history.entrySet()) {
            emitHistory(e.getKey(), e.getValue(), place, version, out);
        }
        changes.history.clear();
        for (Map.Entry<Long, Set<MinuteCell>> e : changes.minutes.entrySet()) {
            emitMinute(e.getKey(), e.getValue(), place, version, out);
        }
        changes.minutes.clear();
    }

    /**
     * Writes the clean variant of this (raw) key: raw minus {@code excluded} (the same key's excluded
     * answers), for every item whose excluded figures changed, and for every item whose raw figures
     * changed while it has excluded answers. Call before {@link #emit}, which clears the raw changes. A
     * key that never had an exclusion costs three emptiness checks; an item whose excluded answers are
     * all gone gets one last row with {@code excluded = 0} (readers take the raw row then).
     */
    public void emitClean(ScopeAggregates excluded, Changes raw, Changes excludedChanges, Place place,
                          long asOfSeconds, boolean withWindows, long nowMillis, RowBatch out) throws Exception {
        if (excludedChanges.isEmpty() && excluded.isEmpty()) {
            return;
        }
        long version = version(asOfSeconds, nowMillis);
        if (withWindows) {
            Map<ItemKey, Integer> items = new HashMap<>(excludedChanges.windows);
            if (!excluded.sums.isEmpty()) {
                for (Map.Entry<ItemKey, Integer> e : raw.windows.entrySet()) {
                    if (excluded.sums.contains(e.getKey())) {
                        items.merge(e.getKey(), e.getValue(), (a, b) -> a | b);
                    }
                }
            }
            for (Map.Entry<ItemKey, Integer> e : items.entrySet()) {
                emitCleanWindows(e.getKey(), e.getValue(), excluded, place, asOfSeconds, version, out);
            }
            excludedChanges.windows.clear();
        }
        Map<HistoryKey, Set<ItemKey>> buckets = new HashMap<>();
        excludedChanges.history.forEach((k, v) -> buckets.put(k, new HashSet<>(v)));
        for (Map.Entry<HistoryKey, Set<ItemKey>> e : raw.history.entrySet()) {
            Map<ItemKey, long[]> theirs = excluded.history.get(e.getKey());
            if (theirs == null) {
                continue;
            }
            for (ItemKey item : e.getValue()) {
                if (theirs.containsKey(item)) {
                    buckets.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(item);
                }
            }
        }
        for (Map.Entry<HistoryKey, Set<ItemKey>> e : buckets.entrySet()) {
            emitCleanHistory(e.getKey(), e.getValue(), excluded, place, version, out);
        }
        excludedChanges.history.clear();
        excludedChanges.minutes.clear();
    }

    private void emitCleanWindows(ItemKey item, int mask, ScopeAggregates excluded, Place place, long asOf,
                                  long version, RowBatch out) throws Exception {
        long[] sum = sums.get(item);
        long[] left = excluded.sums.get(item);
        String level = item.scopeLevel().code();
        String code = place.codeOf(item);
        for (RollingWindow w : WINDOWS) {
            if ((mask & (1 << w.ordinal())) == 0) {
                continue;
            }
            long[] x = left == null ? Counts.empty() : Counts.window(left, w.ordinal());
            long[] clean = withoutExcluded(sum == null ? ZEROS : sum, w.ordinal(), x, Counts.empty());
            if (ItemKinds.isResponses(item.kind())) {
                out.add(Tables.RESPONSE_WINDOW_CLEAN, new CleanRow<>(new ResponseWindowRow(level, code,
                        item.audience(), w.code(), item.surveyId(), asOf, clean[0], clean[1], version), x[0]));
            } else {
                ShareEstimate share = Indicators.favourableShare(ItemKinds.type(item.kind()), ScoreCounts.of(clean),
                        minimumSample);
                out.add(Tables.INDICATOR_WINDOW_CLEAN, new CleanRow<>(new IndicatorWindowRow(level, code,
                        item.audience(), w.code(), item.surveyId(), item.questionId(), asOf, share.n(),
                        share.positive(), share.share(), share.low(), share.high(), share.sufficient(), clean,
                        version), total(x)));
            }
        }
    }

    void emitCleanHistory(HistoryKey key, Set<ItemKey> items, ScopeAggregates excluded, Place place, long version,
                          RowBatch out) throws Exception {
        if (items.isEmpty()) {
            return;
        }
        Map<ItemKey, long[]> bucket = history.get(key);
        Map<ItemKey, long[]> left = excluded.history.get(key);
        for (ItemKey item : items) {
            long[] counts = bucket == null ? null : bucket.get(item);
            long[] x = left == null ? null : left.get(item);
            if (x == null) {
                x = Counts.empty();
            }
            long[] clean = withoutExcluded(counts == null ? Counts.empty() : counts, 0, x, Counts.empty());
            ShareEstimate share = Indicators.favourableShare(ItemKinds.type(item.kind()), ScoreCounts.of(clean),
                    minimumSample);
            out.add(Tables.INDICATOR_HISTORY_CLEAN, new CleanRow<>(new IndicatorHistoryRow(item.scopeLevel().code(),
                    place.codeOf(item), item.audience(), key.historyGranularity().code(), key.bucketStart(),
                    item.surveyId(), item.questionId(), share.n(), share.positive(), clean, version), total(x)));
        }
    }

    /**
     * {@code raw[window] - excluded} into {@code into}. Never below zero: an excluded answer was counted
     * in raw first (a retraction of an uncounted response is ignored upstream), so a negative count would
     * be a bug; it is clamped rather than written as a huge unsigned number.
     */
    private static long[] withoutExcluded(long[] raw, int window, long[] excluded, long[] into) {
        int base = window * Counts.SCORES;
        for (int i = 0; i < Counts.SCORES; i++) {
            into[i] = Math.max(0, raw[base + i] - excluded[i]);
        }
        return into;
    }

    private static long total(long[] counts) {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    private void emitWindows(ItemKey item, int mask, Place place, long asOf, long version, RowBatch out)
            throws Exception {
        long[] sum = sums.get(item);
        if (sum == null) {
            sum = ZEROS;
        }
        String level = item.scopeLevel().code();
        String code = place.codeOf(item);
        for (RollingWindow w : WINDOWS) {
            if ((mask & (1 << w.ordinal())) == 0) {
                continue;
            }
            long[] counts = Counts.window(sum, w.ordinal());
            if (ItemKinds.isResponses(item.kind())) {
                out.add(Tables.RESPONSE_WINDOW, new ResponseWindowRow(level, code, item.audience(), w.code(),
                        item.surveyId(), asOf, counts[0], counts[1], version));
            } else {
                ShareEstimate share = Indicators.favourableShare(ItemKinds.type(item.kind()), ScoreCounts.of(counts),
                        minimumSample);
                out.add(Tables.INDICATOR_WINDOW, new IndicatorWindowRow(level, code, item.audience(), w.code(),
                        item.surveyId(), item.questionId(), asOf, share.n(), share.positive(), share.share(),
                        share.low(), share.high(), share.sufficient(), counts, version));
            }
        }
    }

    private void emitHistory(HistoryKey key, Set<ItemKey> items, Place place, long version, RowBatch out)
            throws Exception {
        Map<ItemKey, long[]> bucket = history.get(key);
        for (ItemKey item : items) {
            long[] counts = bucket == null ? null : bucket.get(item);
            if (counts == null) {
                counts = Counts.empty();
            }
            ShareEstimate share = Indicators.favourableShare(ItemKinds.type(item.kind()), ScoreCounts.of(counts),
                    minimumSample);
            out.add(Tables.INDICATOR_HISTORY, new IndicatorHistoryRow(item.scopeLevel().code(), place.codeOf(item),
                    item.audience(), key.historyGranularity().code(), key.bucketStart(), item.surveyId(),
                    item.questionId(), share.n(), share.positive(), counts.clone(), version));
        }
    }

    private void emitMinute(long minute, Set<MinuteCell> cells, Place place, long version, RowBatch out)
            throws Exception {
        Map<MinuteCell, long[]> bucket = minutes.get(minute);
        for (MinuteCell cell : cells) {
            long[] counts = bucket == null ? null : bucket.get(cell);
            if (counts == null) {
                counts = Counts.empty();
            }
            if (ItemKinds.isResponses(cell.kind())) {
                out.add(Tables.RESPONSE_MINUTE, new ResponseMinuteRow(place.regionCode(), place.code(), cell.surveyId(),
                        cell.audience(), cell.channel(), minute, counts[0], counts[1], version));
            } else {
                long answered = 0;
                for (long c : counts) {
                    answered += c;
                }
                out.add(Tables.ANSWER_MINUTE, new AnswerMinuteRow(place.regionCode(), place.code(), cell.surveyId(),
                        cell.questionId(), cell.audience(), cell.channel(), minute, answered, counts.clone(), version));
            }
        }
    }

    /** The row version of an emission at processing time {@code nowMillis} (see the class comment). */
    public static long version(long asOfSeconds, long nowMillis) {
        return Math.max(0, nowMillis);
    }

    /** Whether every pane, bucket and minute has left: the key may then forget everything. */
    public boolean isEmpty() throws Exception {
        return panes.isEmpty() && sums.isEmpty() && history.isEmpty() && (minutes == null || minutes.isEmpty());
    }

    /** For tests: every item with its current sums. */
    public Iterator<Map.Entry<ItemKey, long[]>> sums() throws Exception {
        return sums.iterator();
    }
}
