package ru.otklik.common.store;

import java.nio.charset.StandardCharsets;

/** Reads what {@link RowBinary} wrote: for tests and tools that look at encoded rows. */
public final class RowBinaryReader {

    private final byte[] buf;
    private int pos;
    private final int end;

    public RowBinaryReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public RowBinaryReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public boolean hasMore() {
        return pos < end;
    }

    private void need(int n) {
        if (pos + n > end) {
            throw new IllegalArgumentException("RowBinary ends " + (pos + n - end) + " bytes early");
        }
    }

    public int uint8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int uint16() {
        need(2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public short int16() {
        return (short) uint16();
    }

    public long uint32() {
        need(4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) (buf[pos + i] & 0xFF) << (8 * i);
        }
        pos += 4;
        return v;
    }

    public long uint64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (buf[pos + i] & 0xFF) << (8 * i);
        }
        pos += 8;
        return v;
    }

    public double float64() {
        return Double.longBitsToDouble(uint64());
    }

    public long varint() {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = uint8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("varint too long");
            }
        }
    }

    public byte[] bytes() {
        int n = (int) varint();
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
