package ru.otklik.streaming.clickhouse;

import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;

/**
 * Rows of one table already encoded as RowBinary by the operator that made them, so the sink only
 * appends bytes: {@code table} is the id in {@link Tables#ALL}, {@code rows} how many rows
 * {@code bytes} holds.
 */
public record EncodedRow(int table, int rows, byte[] bytes) {

    public static <R> EncodedRow of(Table<R> table, R row) {
        return new EncodedRow(Tables.idOf(table), 1, table.encode(java.util.List.of(row)));
    }

    public Table<?> tableDescriptor() {
        return Tables.ALL.get(table);
    }
}
