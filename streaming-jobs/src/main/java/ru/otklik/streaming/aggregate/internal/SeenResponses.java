package ru.otklik.streaming.aggregate.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;

/**
 * The response ids a keyed operator has let through, per key, each remembered for the dedup retention:
 * a map id → state for the lookups, and a list of the ids first seen on each (processing-time) day,
 * namespaced by that day. One processing-time timer per key and day forgets that day's ids when the
 * retention has passed, so an id is remembered for at least the retention and less than a day more.
 *
 * <p>Why not state TTL: on the heap backend TTL's incremental clean-up copies a whole map state (all of
 * an office's ids, tens of thousands) each time it visits it, a few times per record — that was most of
 * the job's time. Here forgetting costs one pass over one day's ids once a day, and a record costs one
 * lookup, one put and one list append on either backend.
 */
public final class SeenResponses implements Triggerable<String, Long> {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final AbstractStreamOperator<?> operator;
    private final long retentionMillis;
    private final MapState<String, Byte> states;
    private final ListStateDescriptor<String> daysDescriptor;
    private final InternalTimerService<Long> timers;
    /** The day whose timer this subtask last registered per key: one registration per key and day. */
    private final Map<String, Long> registeredDay = new HashMap<>();

    /** Call from the operator's {@code open()}: {@code name} prefixes its states and timer service. */
    public SeenResponses(AbstractStreamOperator<?> operator, String name, Duration retention) {
        this.operator = operator;
        this.retentionMillis = retention.toMillis();
        this.states = operator.getRuntimeContext().getMapState(
                new MapStateDescriptor<>(name + "-seen-response-ids", Types.STRING, Types.BYTE));
        this.daysDescriptor = new ListStateDescriptor<>(name + "-response-ids-by-day", Types.STRING);
        this.timers = operator.getInternalTimerService(name + "-response-id-days", LongSerializer.INSTANCE, this);
    }

    /** The state remembered for the id under the current key, or null if it is not (or no longer) known. */
    public Byte get(String id) throws Exception {
        return states.get(id);
    }

    /** Remembers a first-seen id under the current key, from now for the retention. */
    public void add(String id, byte state) throws Exception {
        states.put(id, state);
        long day = Math.floorDiv(timers.currentProcessingTime(), DAY_MILLIS);
        dayList(day).add(id);
        String key = (String) operator.getCurrentKey();
        Long registered = registeredDay.get(key);
        if (registered == null || registered != day) {
            timers.registerProcessingTimeTimer(day, (day + 1) * DAY_MILLIS + retentionMillis);
            registeredDay.put(key, day);
        }
    }

    /** Changes the state of an id already remembered (its retention is not renewed). */
    public void update(String id, byte state) throws Exception {
        states.put(id, state);
    }

    private ListState<String> dayList(long day) throws Exception {
        return operator.getKeyedStateBackend().getPartitionedState(day, LongSerializer.INSTANCE, daysDescriptor);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, Long> timer) throws Exception {
        ListState<String> ids = dayList(timer.getNamespace());
        Iterable<String> day = ids.get();
        if (day != null) {
            for (String id : day) {
                states.remove(id);
            }
        }
        ids.clear();
        registeredDay.remove(timer.getKey(), timer.getNamespace());
    }

    @Override
    public void onEventTime(InternalTimer<String, Long> timer) {
        // forgetting follows processing time only
    }
}
