package ru.otklik.streaming.aggregate.internal;

import java.util.function.Consumer;
import ru.otklik.common.store.RowBinary;
import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;

/** Rows of one emission gathered per table, so the sink receives one encoded record per table, not per row. */
public final class RowBatch {

    private final RowBinary[] buffers = new RowBinary[Tables.ALL.size()];
    private final int[] rows = new int[Tables.ALL.size()];

    public <R> void add(Table<R> table, R row) {
        int id = Tables.idOf(table);
        if (buffers[id] == null) {
            buffers[id] = new RowBinary(1024);
        }
        table.write(row, buffers[id]);
        rows[id]++;
    }

    /**
     * Hands out one encoded record per table with rows, in table order, and empties the batch;
     * {@code endOfEmission}: nothing more follows until the next tick, the sink may send at once.
     */
    public void drainTo(Consumer<EncodedRow> out, boolean endOfEmission) {
        for (int id = 0; id < buffers.length; id++) {
            if (rows[id] > 0) {
                out.accept(new EncodedRow(id, rows[id], buffers[id].toByteArray(), endOfEmission));
                buffers[id].reset();
                rows[id] = 0;
            }
        }
    }
}
