package ru.otklik.streaming.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it is sent (encoded rows, events for a topic) in memory under a name, for
 * topology tests on a MiniCluster: the sink itself is serialized into the job, the list stays here.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();
    private final String name;

    public CollectingSink(String name) {
        this.name = name;
        COLLECTED.put(name, new CopyOnWriteArrayList<>());
    }

    @SuppressWarnings("unchecked") // only this sink's writers add to its list, and only values of T
    public List<T> collected() {
        return (List<T>) (List<?>) COLLECTED.get(name);
    }

    public void release() {
        COLLECTED.remove(name);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        String key = name;
        return new SinkWriter<>() {
            @Override
            public void write(T value, Context c) {
                COLLECTED.get(key).add(value);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
