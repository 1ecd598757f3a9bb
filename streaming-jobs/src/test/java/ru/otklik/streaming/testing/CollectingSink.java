package ru.otklik.streaming.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import ru.otklik.streaming.clickhouse.EncodedRow;

/** A sink that keeps the encoded rows in memory under a name, for topology tests on a MiniCluster. */
public final class CollectingSink implements Sink<EncodedRow> {

    private static final Map<String, List<EncodedRow>> ROWS = new ConcurrentHashMap<>();
    private final String name;

    public CollectingSink(String name) {
        this.name = name;
        ROWS.put(name, new CopyOnWriteArrayList<>());
    }

    public List<EncodedRow> rows() {
        return ROWS.get(name);
    }

    public void release() {
        ROWS.remove(name);
    }

    @Override
    public SinkWriter<EncodedRow> createWriter(WriterInitContext context) {
        String key = name;
        return new SinkWriter<>() {
            @Override
            public void write(EncodedRow row, Context c) {
                ROWS.get(key).add(row);
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
