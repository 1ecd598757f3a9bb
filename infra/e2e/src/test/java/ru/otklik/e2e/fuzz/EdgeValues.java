package ru.otklik.e2e.fuzz;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Random;

/**
 * Seeded generators of the values mutations put into requests, with the edge cases a parser trips on
 * mixed in at a fixed share: the extremes of each type, zero and one either side of it, empty and
 * one-character strings, lone surrogate halves, control and format characters. Every value depends on
 * the {@link Random} passed in only, so the same seed gives the same values on any thread.
 */
final class EdgeValues {

    /** One draw in this many is an edge case rather than a value from the whole range. */
    private static final int EDGE_SHARE = 5;

    private static final int[] EDGE_INTS = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, Short.MAX_VALUE + 1, Byte.MIN_VALUE - 1, 10, 11, 255, 65_536};
    private static final long[] EDGE_LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
            Long.MIN_VALUE + 1, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, 1L << 53, -(1L << 53) - 1, 4_294_967_296L};
    private static final String[] EDGE_TEXT = {"", " ", "\u0000", "\uD800", "\uDFFF", "\uDBFF\uDFFF", "\uFEFF",
            "\u202E", "\u200F", "\u00A0", "\r\n", "\t", "\\", "\"", "'", "%00", "{}", "[]", "null", "true", "0",
            "-0", "NaN", "Infinity", "\u0435\u0451", "\uFFFF", "\u007F", "\u001B[2J"};
    private static final BigDecimal DECIMAL_BOUND = new BigDecimal("1e30");
    private static final BigDecimal[] EDGE_DECIMALS = {BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(),
            DECIMAL_BOUND, DECIMAL_BOUND.negate(), new BigDecimal("0.000001"), new BigDecimal("-0.000001"),
            new BigDecimal("9.999999"), new BigDecimal("10.000001")};
    private static final long FIRST_SECOND = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final Instant[] EDGE_INSTANTS = {Instant.ofEpochSecond(FIRST_SECOND), Instant.ofEpochSecond(LAST_SECOND),
            Instant.EPOCH, Instant.EPOCH.minusMillis(1), Instant.ofEpochSecond(Integer.MAX_VALUE),
            Instant.ofEpochSecond(Integer.MAX_VALUE + 1L), Instant.ofEpochSecond(4_294_967_295L),
            Instant.parse("2020-01-01T00:00:00Z").minusNanos(1), Instant.parse("2262-04-11T23:47:16.854775807Z")};

    private EdgeValues() {
    }

    static int anyInt(Random r) {
        return r.nextInt(EDGE_SHARE) == 0 ? EDGE_INTS[r.nextInt(EDGE_INTS.length)] : r.nextInt();
    }

    static long anyLong(Random r) {
        return r.nextInt(EDGE_SHARE) == 0 ? EDGE_LONGS[r.nextInt(EDGE_LONGS.length)] : r.nextLong();
    }

    /** Between -1e30 and 1e30 with six decimals, spread over the magnitudes rather than crowded near the bounds. */
    static BigDecimal anyDecimal(Random r) {
        if (r.nextInt(EDGE_SHARE) == 0) {
            return EDGE_DECIMALS[r.nextInt(EDGE_DECIMALS.length)];
        }
        BigDecimal unit = BigDecimal.valueOf(r.nextDouble()).setScale(6, RoundingMode.HALF_EVEN);
        BigDecimal value = unit.scaleByPowerOfTen(r.nextInt(31)).setScale(6, RoundingMode.HALF_EVEN);
        return r.nextBoolean() ? value : value.negate();
    }

    static Instant anyInstant(Random r) {
        if (r.nextInt(EDGE_SHARE) == 0) {
            return EDGE_INSTANTS[r.nextInt(EDGE_INSTANTS.length)];
        }
        long second = FIRST_SECOND + Math.floorMod(r.nextLong(), LAST_SECOND - FIRST_SECOND + 1);
        return Instant.ofEpochSecond(second, r.nextInt(4) == 0 ? r.nextInt(1_000_000_000) : 0);
    }

    /** Any UTF-16 text up to {@code maxLength} chars: every char value, lone surrogate halves included. */
    static String anyText(Random r, int maxLength) {
        if (r.nextInt(EDGE_SHARE) == 0) {
            return EDGE_TEXT[r.nextInt(EDGE_TEXT.length)];
        }
        char[] chars = new char[r.nextInt(maxLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) r.nextInt(Character.MAX_VALUE + 1);
        }
        return new String(chars);
    }

    /**
     * Text a person might type, up to {@code maxLength} chars: ASCII, Cyrillic, combining marks, CJK, and the
     * invisible and bidirectional characters that make two strings look alike.
     */
    static String humanText(Random r, int maxLength) {
        if (r.nextInt(EDGE_SHARE) == 0) {
            return EDGE_TEXT[r.nextInt(EDGE_TEXT.length)];
        }
        StringBuilder s = new StringBuilder();
        int length = r.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            s.append(switch (r.nextInt(10)) {
                case 0, 1, 2, 3 -> (char) (0x20 + r.nextInt(0x7f - 0x20));
                case 4, 5, 6 -> (char) (0x0400 + r.nextInt(0x100));
                case 7 -> (char) (0x0300 + r.nextInt(0x70));
                case 8 -> (char) (0x4e00 + r.nextInt(0x200));
                default -> "\u200f\u202e\ufeff\u00a0".charAt(r.nextInt(4));
            });
        }
        return s.toString();
    }
}
