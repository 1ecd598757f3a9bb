package ru.otklik.common.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * One column of a {@link Table}: its name, its ClickHouse type and how a row of {@code R} writes
 * its value. The typed factories keep numbers unboxed on the hot path.
 */
public record Column<R>(String name, ColumnType type, Writer<R> writer) {

    /** Writes one row's value of this column. */
    @FunctionalInterface
    public interface Writer<R> {
        void write(R row, RowBinary out);
    }

    public static <R> Column<R> string(String name, Function<R, String> value) {
        return new Column<>(name, ColumnType.STRING, (r, out) -> out.string(value.apply(r)));
    }

    public static <R> Column<R> bytes(String name, Function<R, byte[]> value) {
        return new Column<>(name, ColumnType.STRING, (r, out) -> {
            byte[] b = value.apply(r);
            out.bytes(b == null ? new byte[0] : b);
        });
    }

    public static <R> Column<R> uint8(String name, Predicate<R> value) {
        return new Column<>(name, ColumnType.UINT8, (r, out) -> out.uint8(value.test(r) ? 1 : 0));
    }

    /** A UInt8 number (not a flag), clamped to 0 … 255. */
    public static <R> Column<R> uint8Number(String name, ToIntFunction<R> value) {
        return new Column<>(name, ColumnType.UINT8, (r, out) -> out.uint8(Math.max(0, Math.min(255,
                value.applyAsInt(r)))));
    }

    /** Date from days since 1970-01-01. */
    public static <R> Column<R> date(String name, ToLongFunction<R> epochDay) {
        return new Column<>(name, ColumnType.DATE, (r, out) -> out.date(epochDay.applyAsLong(r)));
    }

    /** Array(UInt32); {@code null} is the empty array. */
    public static <R> Column<R> uint32s(String name, Function<R, long[]> value) {
        return new Column<>(name, ColumnType.ARRAY_UINT32, (r, out) -> {
            long[] items = value.apply(r);
            if (items == null) {
                out.varint(0);
                return;
            }
            out.varint(items.length);
            for (long v : items) {
                out.uint32(v);
            }
        });
    }

    public static <R> Column<R> uint16(String name, ToIntFunction<R> value) {
        return new Column<>(name, ColumnType.UINT16, (r, out) -> out.uint16(value.applyAsInt(r)));
    }

    public static <R> Column<R> uint32(String name, ToLongFunction<R> value) {
        return new Column<>(name, ColumnType.UINT32, (r, out) -> out.uint32(value.applyAsLong(r)));
    }

    public static <R> Column<R> uint64(String name, ToLongFunction<R> value) {
        return new Column<>(name, ColumnType.UINT64, (r, out) -> out.uint64(value.applyAsLong(r)));
    }

    public static <R> Column<R> float64(String name, ToDoubleFunction<R> value) {
        return new Column<>(name, ColumnType.FLOAT64, (r, out) -> out.float64(value.applyAsDouble(r)));
    }

    /** DateTime from epoch seconds. */
    public static <R> Column<R> dateTime(String name, ToLongFunction<R> epochSeconds) {
        return new Column<>(name, ColumnType.DATETIME, (r, out) -> out.dateTime(epochSeconds.applyAsLong(r)));
    }

    public static <R> Column<R> nullableDateTime(String name, Function<R, Long> epochSeconds) {
        return new Column<>(name, ColumnType.NULLABLE_DATETIME, (r, out) -> {
            Long v = epochSeconds.apply(r);
            out.nullFlag(v == null);
            if (v != null) {
                out.dateTime(v);
            }
        });
    }

    public static <R> Column<R> nullableInt64(String name, Function<R, Long> value) {
        return new Column<>(name, ColumnType.NULLABLE_INT64, (r, out) -> {
            Long v = value.apply(r);
            out.nullFlag(v == null);
            if (v != null) {
                out.int64(v);
            }
        });
    }

    /** A yes/no/unknown: 1, 0 or NULL. */
    public static <R> Column<R> nullableFlag(String name, Function<R, Boolean> value) {
        return new Column<>(name, ColumnType.NULLABLE_UINT8, (r, out) -> {
            Boolean v = value.apply(r);
            out.nullFlag(v == null);
            if (v != null) {
                out.uint8(v ? 1 : 0);
            }
        });
    }

    public static <R> Column<R> nullableInt16(String name, Function<R, Integer> value) {
        return new Column<>(name, ColumnType.NULLABLE_INT16, (r, out) -> {
            Integer v = value.apply(r);
            out.nullFlag(v == null);
            if (v != null) {
                out.int16(v);
            }
        });
    }

    public static <R> Column<R> strings(String name, Function<R, List<String>> value) {
        return new Column<>(name, ColumnType.ARRAY_STRING, (r, out) -> {
            List<String> items = value.apply(r);
            if (items == null) {
                out.varint(0);
                return;
            }
            out.varint(items.size());
            for (String s : items) {
                out.string(s);
            }
        });
    }

    /**
     * The score-count columns {@code c0} … {@code c10} of one type (UInt32 or UInt64) from an
     * array of 11 counts.
     */
    public static <R> List<Column<R>> scoreCounts(ColumnType type, Function<R, long[]> counts) {
        List<Column<R>> columns = new ArrayList<>(11);
        for (int s = 0; s <= 10; s++) {
            int score = s;
            columns.add(type == ColumnType.UINT32
                    ? new Column<>("c" + s, type, (r, out) -> out.uint32(counts.apply(r)[score]))
                    : new Column<>("c" + s, type, (r, out) -> out.uint64(counts.apply(r)[score])));
        }
        return columns;
    }
}
