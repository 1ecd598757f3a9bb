package ru.otklik.common.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The ClickHouse column types Otklik's tables use, each with its name as {@code DESCRIBE TABLE}
 * prints it (the contract test compares them) and how {@link RowBinaryReader} reads it back.
 */
public enum ColumnType {
    STRING("String"),
    UINT8("UInt8"),
    UINT16("UInt16"),
    UINT32("UInt32"),
    UINT64("UInt64"),
    INT16("Int16"),
    INT64("Int64"),
    FLOAT64("Float64"),
    DATETIME("DateTime"),
    NULLABLE_UINT8("Nullable(UInt8)"),
    NULLABLE_INT16("Nullable(Int16)"),
    NULLABLE_INT64("Nullable(Int64)"),
    NULLABLE_DATETIME("Nullable(DateTime)"),
    ARRAY_STRING("Array(String)"),
    ARRAY_UINT32("Array(UInt32)"),
    DATE("Date");

    private final String clickHouseName;

    ColumnType(String clickHouseName) {
        this.clickHouseName = clickHouseName;
    }

    public String clickHouseName() {
        return clickHouseName;
    }

    /** One value as Java sees it: Long for integers, DateTime (epoch seconds) and Date (epoch days), Double, String, List, or null. */
    Object read(RowBinaryReader in) {
        return switch (this) {
            case STRING -> in.string();
            case UINT8 -> (long) in.uint8();
            case UINT16 -> (long) in.uint16();
            case UINT32, DATETIME -> in.uint32();
            case UINT64, INT64 -> in.uint64();
            case INT16 -> (long) in.int16();
            case FLOAT64 -> in.float64();
            case NULLABLE_UINT8 -> in.uint8() == 1 ? null : (long) in.uint8();
            case NULLABLE_INT16 -> in.uint8() == 1 ? null : (long) in.int16();
            case NULLABLE_INT64 -> in.uint8() == 1 ? null : in.uint64();
            case NULLABLE_DATETIME -> in.uint8() == 1 ? null : in.uint32();
            case ARRAY_STRING -> {
                int n = (int) in.varint();
                List<String> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(in.string());
                }
                yield items;
            }
            case ARRAY_UINT32 -> {
                int n = (int) in.varint();
                List<Long> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(in.uint32());
                }
                yield items;
            }
            case DATE -> (long) in.uint16();
        };
    }
}
