package ru.otklik.streaming.alert.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * What a sequential detector must see in event-time order, per key: each item waits in keyed state
 * under its event time until the watermark has passed the end of its minute (one event-time timer per
 * key and minute), and is then handed out in order of time and, within one millisecond, of
 * {@code tieBreak} — so the same input gives the same sequence however partitions interleave. An item
 * that arrives behind the watermark waits just after it (it is handed out with the next minute, among
 * the other late ones in the order of their own times): late data cannot be put back into a past that
 * was already judged, but it keeps its own time ({@link Due#at}), so a kiosk's backlog of hours is
 * still seen as taps hours apart, not as a burst at the moment it arrived.
 */
public final class EventTimeQueue<T> {

    private static final long MINUTE = 60_000;

    private final MapState<Long, List<T>> waiting;
    private final java.util.function.ToLongFunction<T> timeOf;
    private final Comparator<T> order;

    /** @param timeOf an item's event time (ms); {@code tieBreak} orders items of the same millisecond */
    public EventTimeQueue(RuntimeContext context, String name, TypeInformation<List<T>> type,
                          java.util.function.ToLongFunction<T> timeOf, Comparator<T> tieBreak) {
        this.waiting = context.getMapState(new MapStateDescriptor<>(name, Types.LONG, type));
        this.timeOf = timeOf;
        this.order = Comparator.comparingLong(timeOf).thenComparing(tieBreak);
    }

    /** Puts {@code item} in line; true when it came behind the watermark. */
    public boolean add(T item, TimerService timers) throws Exception {
        long at = timeOf.applyAsLong(item);
        long watermark = timers.currentWatermark();
        boolean late = at <= watermark;
        long slot = late ? watermark + 1 : at;
        List<T> there = waiting.get(slot);
        List<T> now = new ArrayList<>(there == null ? List.of() : there);
        now.add(item);
        waiting.put(slot, List.copyOf(now));
        timers.registerEventTimeTimer(dueAt(slot));
        return late;
    }

    /** The timer that hands out items of event time {@code at}: the last millisecond of its minute. */
    public static long dueAt(long at) {
        return at - Math.floorMod(at, MINUTE) + MINUTE - 1;
    }

    /** Whether {@code timestamp} is one of this queue's timers (other timers of the key are not its business). */
    public static boolean isDueTime(long timestamp) {
        return Math.floorMod(timestamp, MINUTE) == MINUTE - 1;
    }

    /** One item with its own event time (also when it came late and waited behind the watermark). */
    public record Due<T>(long at, T item) {
    }

    /** Takes out, in order, everything queued at or before {@code timestamp}. */
    public List<Due<T>> takeUntil(long timestamp) throws Exception {
        List<Long> slots = new ArrayList<>();
        for (Long at : waiting.keys()) {
            if (at <= timestamp) {
                slots.add(at);
            }
        }
        slots.sort(Comparator.naturalOrder());
        List<Due<T>> due = new ArrayList<>();
        for (Long at : slots) {
            List<T> items = new ArrayList<>(waiting.get(at));
            items.sort(order);
            items.forEach(item -> due.add(new Due<>(timeOf.applyAsLong(item), item)));
            waiting.remove(at);
        }
        return due;
    }
}
