package ru.otklik.streaming.aggregate.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.store.ScopeWatermarkRow;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;

/**
 * The machinery both aggregating stages share (offices; regions and the federal total): per key, in
 * memory, the deltas not yet applied and the changes not yet written; one processing-time tick per
 * emit interval that applies and writes them for every key that has any, and writes each place's
 * watermark; the same before every checkpoint barrier, so nothing held in memory is needed after a
 * restore (except window changes that found no watermark to be "as of", which travel in union
 * operator state); one event-time timer per moment a slice leaves. The end-of-input watermark does
 * not expire anything: "as of the end of time every window is empty" is true but useless.
 *
 * @param <K> per-key bundle of deltas gathered by the stage
 */
public abstract class AggregatingOperator<IN, OUT, K extends AggregatingOperator.Pending>
        extends AbstractStreamOperator<OUT> implements Triggerable<String, VoidNamespace> {

    /** What one key holds in memory between emissions. */
    public static class Pending {
        public final Changes changes = new Changes();
        /** What changed in the key's excluded answers (the clean variant is raw minus them). */
        public final Changes excludedChanges = new Changes();

        boolean isWritten() {
            return changes.isEmpty() && excludedChanges.isEmpty();
        }

        /** Whether deltas are waiting to be applied. */
        public boolean hasDeltas() {
            return false;
        }
    }

    private final long emitIntervalMillis;
    /** Inputs per second above which writes wait up to {@link #catchUpIntervalMillis}; 0: never. */
    private long catchUpRate;
    private long catchUpIntervalMillis;
    protected final int minimumSample;
    protected final long historyRetentionSeconds;
    protected transient ScopeAggregates aggregates;
    /**
     * The answers of the key's responses that are excluded (under a fraud flag) at the moment, kept like
     * the raw ones; the clean figures are raw minus these, written only where there are any.
     */
    protected transient ScopeAggregates excluded;
    protected transient InternalTimerService<VoidNamespace> timers;
    /** The place of each key, for naming its rows and finding all keys when writing watermarks. */
    protected transient ValueState<String> place;
    protected transient Map<String, K> pending;
    private transient ListState<PendingWindows> unwritten;
    private transient List<PendingWindows> restoredUnwritten;
    private transient long watermarkWrittenSeconds;
    private transient RowBatch batch;
    private transient boolean soonPending;
    private transient long inputsSinceWrite;
    private transient long lastWriteMillis;
    /** The watermark when the end of input arrived, or null before (bounded runs only). */
    private transient Long endOfInputAt;

    protected AggregatingOperator(long emitIntervalMillis, int minimumSample, long historyRetentionSeconds) {
        this.emitIntervalMillis = emitIntervalMillis;
        this.minimumSample = minimumSample;
        this.historyRetentionSeconds = historyRetentionSeconds;
    }

    /**
     * While more than {@code inputsPerSecond} inputs arrive per second (a replay or a backlog draining),
     * the stage writes every {@code interval} instead of every emit interval: each write rewrites every row
     * that changed, and at a replay's pace nearly all of them change every second, so writing them ten
     * times less often is most of the difference between draining at the sink's pace and at a fraction of
     * it. Live traffic stays below the rate and is written every emit interval.
     */
    protected final void catchUp(long inputsPerSecond, java.time.Duration interval) {
        if (inputsPerSecond < 0 || interval.toMillis() < emitIntervalMillis) {
            throw new IllegalArgumentException("catch-up rate " + inputsPerSecond + " and interval " + interval
                    + ": the rate must be >= 0 and the interval at least the emit interval");
        }
        this.catchUpRate = inputsPerSecond;
        this.catchUpIntervalMillis = interval.toMillis();
    }

    /** Counts one input towards the catch-up rate. */
    protected final void countInput() {
        inputsSinceWrite++;
    }

    /** Where the rows go. */
    protected abstract OutputTag<EncodedRow> rowsTag();

    /** The state name prefix of this stage. */
    protected abstract String statePrefix();

    /** Seconds a minute bucket stays after its end, or negative when the stage keeps none. */
    protected abstract long minuteRetentionSeconds();

    protected abstract K newPending();

    /** The place of the current key from its place state value. */
    protected abstract Place placeOf(String key, String placeValue);

    /** Applies the key's gathered deltas to state (the key is current) and hands out what follows from them. */
    protected abstract void applyDeltas(String key, K p, long watermarkSeconds) throws Exception;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        unwritten = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(
                statePrefix() + "-unwritten-windows", TypeInformation.of(PendingWindows.class)));
        restoredUnwritten = new ArrayList<>();
        if (context.isRestored()) {
            for (PendingWindows p : unwritten.get()) {
                restoredUnwritten.add(p);
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        aggregates = new ScopeAggregates(getRuntimeContext(), statePrefix(), minimumSample, historyRetentionSeconds,
                minuteRetentionSeconds());
        excluded = new ScopeAggregates(getRuntimeContext(), statePrefix() + "-excluded", minimumSample,
                historyRetentionSeconds, -1);
        place = getRuntimeContext().getState(new ValueStateDescriptor<>(statePrefix() + "-place", Types.STRING));
        timers = getInternalTimerService(statePrefix() + "-slices", VoidNamespaceSerializer.INSTANCE, this);
        pending = new HashMap<>();
        batch = new RowBatch();
        watermarkWrittenSeconds = Long.MIN_VALUE;
        lastWriteMillis = getProcessingTimeService().getCurrentProcessingTime();
        int keyGroups = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        org.apache.flink.runtime.state.KeyGroupRange mine = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                keyGroups, getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        for (PendingWindows p : restoredUnwritten) { // union state: every subtask sees all; keep our keys
            if (mine.contains(KeyGroupRangeAssignment.assignToKeyGroup(p.key(), keyGroups))) {
                K k = pending(p.key());
                (p.excluded() ? k.excludedChanges : k.changes).windows(p.item(), p.mask());
            }
        }
        restoredUnwritten = null;
        scheduleTick();
    }

    protected final K pending(String key) {
        return pending.computeIfAbsent(key, k -> newPending());
    }

    private void scheduleTick() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + emitIntervalMillis, time -> {
            if (!catchingUp(time)) {
                writeAll();
            }
            scheduleTick();
        });
    }

    private boolean catchingUp(long now) {
        long since = now - lastWriteMillis;
        return catchUpRate > 0 && since < catchUpIntervalMillis && inputsSinceWrite * 1000 > catchUpRate * since;
    }

    /**
     * Writes the changes {@code delayMillis} from now, once for whatever arrives meanwhile: a stage fed
     * by another stage's ticks (the offices' partials come in one burst a second) writes right after
     * the burst instead of waiting up to a whole interval for its own tick.
     */
    protected final void writeSoon(long delayMillis) {
        if (soonPending) {
            return;
        }
        soonPending = true;
        getProcessingTimeService().registerTimer(getProcessingTimeService().getCurrentProcessingTime() + delayMillis,
                time -> {
                    soonPending = false;
                    writeAll();
                });
    }

    protected final long watermarkSeconds() {
        // after the end of input the figures stay as of the last real watermark: what still arrives then (a
        // flag's exclusions from the other input) is counted as of it, not dropped as older than every window
        long wm = endOfInputAt != null ? endOfInputAt : timers.currentWatermark();
        return wm == Long.MIN_VALUE ? ScopeAggregates.NO_WATERMARK : Math.floorDiv(wm, 1000);
    }

    protected final void registerSliceTimer(long epochMillis) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, epochMillis);
    }

    /** Applies and writes every key's pending deltas and changes, then each place's watermark. */
    protected final void writeAll() throws Exception {
        long wm = watermarkSeconds();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        inputsSinceWrite = 0;
        lastWriteMillis = now;
        Iterator<Map.Entry<String, K>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, K> e = it.next();
            String key = e.getKey();
            K p = e.getValue();
            setCurrentKey(key);
            if (p.hasDeltas()) {
                applyDeltas(key, p, wm);
            }
            if (!p.isWritten()) {
                Place pl = placeOf(key, place.value());
                boolean withWindows = wm != ScopeAggregates.NO_WATERMARK;
                aggregates.emitClean(excluded, p.changes, p.excludedChanges, pl, wm, withWindows, now, batch);
                aggregates.emit(p.changes, pl, wm, withWindows, now, batch);
            }
            forgetIfEmpty();
            if (p.isWritten() && !p.hasDeltas()) {
                it.remove();
            }
        }
        if (wm != ScopeAggregates.NO_WATERMARK && wm > watermarkWrittenSeconds) {
            List<String> keys = new ArrayList<>();
            getKeyedStateBackend().<VoidNamespace>getKeys(statePrefix() + "-place", VoidNamespace.INSTANCE)
                    .forEach(k -> keys.add((String) k));
            for (String key : keys) {
                setCurrentKey(key);
                Place pl = placeOf(key, place.value());
                batch.add(Tables.SCOPE_WATERMARK, new ScopeWatermarkRow(pl.level().code(), pl.code(), wm,
                        ScopeAggregates.version(wm, now)));
            }
            watermarkWrittenSeconds = wm;
        }
        drain(true);
    }

    /** Drops the key's place once every slice has left, so an idle key holds no state at all. */
    protected void forgetIfEmpty() throws Exception {
        if (aggregates.isEmpty() && excluded.isEmpty()) {
            place.clear();
        }
    }

    /** {@code endOfEmission}: the tick's write is complete, the sink need not wait for more of it. */
    protected final void drain(boolean endOfEmission) {
        batch.drainTo(this::emitRow, endOfEmission);
    }

    /** Hands one encoded batch of rows on; by default to the {@link #rowsTag()} side output. */
    protected void emitRow(EncodedRow row) {
        output.collect(rowsTag(), new StreamRecord<>(row));
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String key = timer.getKey();
        K p = pending(key);
        String placeValue = place.value();
        if (placeValue == null) {
            return; // nothing left for this key
        }
        Place pl = placeOf(key, placeValue);
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (!excluded.isEmpty()) { // first, while the raw buckets that leave now are still there
            excluded.expireExcluded(timer.getTimestamp() / 1000, p.excludedChanges, aggregates, p.changes, pl, now,
                    batch);
        }
        aggregates.expire(timer.getTimestamp() / 1000, p.changes, pl, now, batch);
        // the expiry's rows stay in the batch and leave with the next tick's write (at most an emit interval
        // away, and before every checkpoint barrier): sent on their own they were an extra INSERT per table
        // per watermark step, each one more part for ClickHouse to merge
        // the place must stay readable until the expiry's changes are written: writeAll forgets it then
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        // no keyed processing-time timers: emission is one operator-wide tick
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) { // end of input: write what is there, expire nothing
            writeAll();
            endOfInputAt = timers.currentWatermark();
            output.emitWatermark(mark);
            return;
        }
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        writeAll();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<PendingWindows> left = new ArrayList<>();
        for (Map.Entry<String, K> e : pending.entrySet()) {
            for (Map.Entry<ItemKey, Integer> w : e.getValue().changes.windowChanges().entrySet()) {
                left.add(new PendingWindows(e.getKey(), w.getKey(), w.getValue(), false));
            }
            for (Map.Entry<ItemKey, Integer> w : e.getValue().excludedChanges.windowChanges().entrySet()) {
                left.add(new PendingWindows(e.getKey(), w.getKey(), w.getValue(), true));
            }
        }
        unwritten.update(left);
    }

    @Override
    public void finish() throws Exception {
        writeAll();
        super.finish();
    }
}
