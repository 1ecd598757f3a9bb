package ru.otklik.streaming.alert.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * What a sequential detector must see in event-time order, per key: each item waits in keyed state
 * under its event time until the watermark has passed the end of its step (a minute for the drop test,
 * seconds for the fraud flags: one event-time timer per key and step), and is then handed out in order of time and, within one millisecond, of its id — so
 * the same input gives the same sequence however partitions interleave. An item that arrives behind
 * the watermark waits just after it and is handed out within a second (a processing-time timer, one
 * per key and second, {@link #releasesUntil}), with what came late beside it, in the order of their own
 * times — or with the next minute, if the watermark gets there first. Waiting for the watermark would
 * hold it for as long as the watermark stands still: a job draining a topic of mixed times, or a quiet
 * night, would pile every late item up in state. Late data cannot be put back into a past that was
 * already judged, but it keeps its own time ({@link Due#at}), so a kiosk's backlog of hours is still
 * seen as taps hours apart, not as a burst at the moment it arrived.
 *
 * <p>Each item is one entry of a map state under ({@link QueueSlot}: its slot, time and id), so putting
 * one in line costs one write whatever waits beside it (a list per minute, copied on every add, made
 * a busy office's minute quadratic — and on RocksDB a read and a write of the whole list). An item
 * with the id of one already waiting replaces it: the same response is judged once.
 */
public final class EventTimeQueue<T> {

    private static final long MINUTE = 60_000;
    private static final long SECOND = 1_000;
    private static final Comparator<QueueSlot> ORDER = Comparator.comparingLong(QueueSlot::slot)
            .thenComparingLong(QueueSlot::at).thenComparing(QueueSlot::id);

    private final MapState<QueueSlot, T> waiting;
    private final ToLongFunction<T> timeOf;
    private final Function<T, String> idOf;
    private final long step;

    /**
     * @param timeOf an item's event time (ms); {@code idOf} names it uniquely within the key (and orders equal times)
     * @param step   how much event time is handed out at once: a divisor of a minute, so every step ends
     *               with a minute's end too (a minute step: the timer of {@link #dueAt})
     */
    public EventTimeQueue(RuntimeContext context, String name, TypeInformation<T> type, ToLongFunction<T> timeOf,
                          Function<T, String> idOf, java.time.Duration step) {
        if (step.toMillis() <= 0 || MINUTE % step.toMillis() != 0) {
            throw new IllegalArgumentException("step must divide a minute, got " + step);
        }
        this.waiting = context.getMapState(new MapStateDescriptor<>(name, OtklikTypes.QUEUE_SLOT, type));
        this.timeOf = timeOf;
        this.idOf = idOf;
        this.step = step.toMillis();
    }

    /** Puts {@code item} in line; true when it came behind the watermark. */
    public boolean add(T item, TimerService timers) throws Exception {
        long at = timeOf.applyAsLong(item);
        long watermark = timers.currentWatermark();
        boolean late = at <= watermark;
        long slot = late ? watermark + 1 : at;
        waiting.put(new QueueSlot(slot, at, idOf.apply(item)), item);
        timers.registerEventTimeTimer(slot - Math.floorMod(slot, step) + step - 1);
        if (late) {
            long now = timers.currentProcessingTime();
            timers.registerProcessingTimeTimer(now - Math.floorMod(now, SECOND) + SECOND);
        }
        return late;
    }

    /**
     * Up to which slot a timer of the key hands items out: an event-time timer its own time; a
     * processing-time timer (for late items) what waits just after the watermark — everything behind
     * it, which is also all that can still come in order before what is queued later.
     */
    public static long releasesUntil(TimeDomain domain, long timestamp, long watermark) {
        return domain == TimeDomain.EVENT_TIME ? timestamp : watermark == Long.MAX_VALUE ? watermark : watermark + 1;
    }

    /** The timer that hands out items of event time {@code at}: the last millisecond of its minute. */
    public static long dueAt(long at) {
        return at - Math.floorMod(at, MINUTE) + MINUTE - 1;
    }

    /** One item with its own event time (also when it came late and waited behind the watermark). */
    public record Due<T>(long at, T item) {
    }

    /** Takes out, in order, everything queued at or before {@code timestamp}. */
    public List<Due<T>> takeUntil(long timestamp) throws Exception {
        List<Map.Entry<QueueSlot, T>> ready = new ArrayList<>();
        for (Map.Entry<QueueSlot, T> e : waiting.entries()) {
            if (e.getKey().slot() <= timestamp) {
                ready.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        ready.sort(Map.Entry.comparingByKey(ORDER));
        List<Due<T>> due = new ArrayList<>(ready.size());
        for (Map.Entry<QueueSlot, T> e : ready) {
            due.add(new Due<>(e.getKey().at(), e.getValue()));
            waiting.remove(e.getKey()); // by key: an iterator's remove would leave the heap backend an empty map
        }
        return due;
    }

    /** Whether nothing waits (for a key whose other state is gone, so it can be forgotten whole). */
    public boolean isEmpty() throws Exception {
        return waiting.isEmpty();
    }
}
