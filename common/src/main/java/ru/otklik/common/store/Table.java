package ru.otklik.common.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One ClickHouse table's contract, described once: its columns in insert order, which make both
 * the INSERT statement and the encoder, and the key that identifies a row (its {@code ORDER BY}).
 * The streaming job's sinks and the test fixtures write through it, and a test holds it against
 * {@code DESCRIBE TABLE} after the migrations, so code and schema cannot drift apart silently.
 * Columns of the table that are not here must have a default (e.g. {@code event_date}).
 */
public final class Table<R> {

    public static final String DATABASE = "otklik";

    private final String name;
    private final List<Column<R>> columns;
    private final List<String> key;
    private final String insert;

    public Table(String name, List<String> key, List<Column<R>> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.key = List.copyOf(key);
        List<String> names = this.columns.stream().map(Column::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException(name + ": a column is described twice");
        }
        if (!names.containsAll(this.key)) {
            throw new IllegalArgumentException(name + ": key " + this.key + " not among the columns " + names);
        }
        this.insert = "INSERT INTO " + DATABASE + "." + name + " (" + String.join(", ", names) + ") FORMAT RowBinary";
    }

    @SafeVarargs
    public static <R> List<Column<R>> columns(Object... columnsOrLists) {
        List<Column<R>> all = new ArrayList<>();
        for (Object o : columnsOrLists) {
            if (o instanceof Column<?> c) {
                @SuppressWarnings("unchecked") Column<R> typed = (Column<R>) c;
                all.add(typed);
            } else if (o instanceof Collection<?> list) {
                for (Object c : list) {
                    @SuppressWarnings("unchecked") Column<R> typed = (Column<R>) c;
                    all.add(typed);
                }
            } else {
                throw new IllegalArgumentException("not a column: " + o);
            }
        }
        return all;
    }

    public String name() {
        return name;
    }

    public String qualifiedName() {
        return DATABASE + "." + name;
    }

    public List<Column<R>> columns() {
        return columns;
    }

    public List<String> key() {
        return key;
    }

    /** {@code INSERT INTO otklik.<name> (<columns>) FORMAT RowBinary}; the body follows. */
    public String insertStatement() {
        return insert;
    }

    /** Column name to ClickHouse type, in insert order. */
    public Map<String, String> columnTypes() {
        return columns.stream().collect(Collectors.toMap(Column::name, c -> c.type().clickHouseName(),
                (a, b) -> a, LinkedHashMap::new));
    }

    public void write(R row, RowBinary out) {
        for (Column<R> c : columns) {
            c.writer().write(row, out);
        }
    }

    public byte[] encode(Collection<R> rows) {
        RowBinary out = new RowBinary(rows.size() * 64 + 16);
        for (R row : rows) {
            write(row, out);
        }
        return out.toByteArray();
    }

    /** Encoded rows back as column name to value (see {@link ColumnType}), for tests and tools. */
    public List<Map<String, Object>> decode(byte[] encoded, int offset, int length) {
        RowBinaryReader in = new RowBinaryReader(encoded, offset, length);
        List<Map<String, Object>> rows = new ArrayList<>();
        while (in.hasMore()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column<R> c : columns) {
                row.put(c.name(), c.type().read(in));
            }
            rows.add(row);
        }
        return rows;
    }

    public List<Map<String, Object>> decode(byte[] encoded) {
        return decode(encoded, 0, encoded.length);
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
