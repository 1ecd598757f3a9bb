package ru.otklik.common.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * ClickHouse's {@code RowBinary} encoding into a growable buffer: little-endian numbers, strings as
 * a varint length and their bytes, {@code Nullable} as a one-byte null flag before the value,
 * {@code DateTime} as UInt32 epoch seconds. Every server version since 2017 reads it, and it is
 * the cheapest format for both sides (no escaping, no parsing of text numbers).
 */
public final class RowBinary {

    private byte[] buf;
    private int size;

    public RowBinary(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    public RowBinary() {
        this(256);
    }

    public int size() {
        return size;
    }

    /** The encoded bytes so far (a copy). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The backing array; valid up to {@link #size()}. */
    public byte[] array() {
        return buf;
    }

    public void reset() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public RowBinary uint8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public RowBinary uint16(int value) {
        ensure(2);
        buf[size++] = (byte) value;
        buf[size++] = (byte) (value >>> 8);
        return this;
    }

    public RowBinary int16(int value) {
        return uint16(value);
    }

    public RowBinary uint32(long value) {
        ensure(4);
        buf[size++] = (byte) value;
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) (value >>> 16);
        buf[size++] = (byte) (value >>> 24);
        return this;
    }

    public RowBinary uint64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    public RowBinary int64(long value) {
        return uint64(value);
    }

    public RowBinary float64(double value) {
        return uint64(Double.doubleToRawLongBits(value));
    }

    /** DateTime: epoch seconds as UInt32, clamped to the type's range (1970 … 2106). */
    public RowBinary dateTime(long epochSeconds) {
        return uint32(Math.max(0, Math.min(0xFFFF_FFFFL, epochSeconds)));
    }

    /** Date: days since 1970-01-01 as UInt16, clamped to the type's range (1970 … 2149). */
    public RowBinary date(long epochDay) {
        return uint16((int) Math.max(0, Math.min(0xFFFF, epochDay)));
    }

    public RowBinary varint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    /** A String column; {@code null} is written as the empty string (columns here are not Nullable). */
    public RowBinary string(String value) {
        if (value == null || value.isEmpty()) {
            return varint(0);
        }
        int n = value.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (ascii) { // the codes and ids that make up most of the data: no intermediate array
            varint(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) value.charAt(i);
            }
            return this;
        }
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A String column holding arbitrary bytes (ClickHouse strings are byte strings). */
    public RowBinary bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    public RowBinary bytes(byte[] value, int offset, int length) {
        varint(length);
        ensure(length);
        System.arraycopy(value, offset, buf, size, length);
        size += length;
        return this;
    }

    /** The null flag of a Nullable column: true writes 1 and nothing follows; false writes 0 and the value follows. */
    public RowBinary nullFlag(boolean isNull) {
        return uint8(isNull ? 1 : 0);
    }

    /** Appends encoded rows (e.g. one batch into a larger one). */
    public RowBinary raw(byte[] encoded, int offset, int length) {
        ensure(length);
        System.arraycopy(encoded, offset, buf, size, length);
        size += length;
        return this;
    }
}
