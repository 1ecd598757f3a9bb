package ru.otklik.streaming.clickhouse;

import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;

/**
 * Rows of one table already encoded as RowBinary by the operator that made them, so the sink only
 * appends bytes: {@code table} is the id in {@link Tables#ALL}, {@code rows} how many rows
 * {@code bytes} holds. {@code sendNow} marks the table's last batch of an emission (an operator's
 * tick wrote everything that changed): the sink sends it without waiting out its batch interval, as
 * soon as the table's previous INSERT is done, since nothing more for that table follows until the
 * next tick. Rows that trickle in (raw facts, dead letters) leave it unset and are batched by time.
 */
public record EncodedRow(int table, int rows, byte[] bytes, boolean sendNow) {

    public EncodedRow(int table, int rows, byte[] bytes) {
        this(table, rows, bytes, false);
    }

    public static <R> EncodedRow of(Table<R> table, R row) {
        return new EncodedRow(Tables.idOf(table), 1, table.encode(java.util.List.of(row)));
    }

    public Table<?> tableDescriptor() {
        return Tables.ALL.get(table);
    }
}
