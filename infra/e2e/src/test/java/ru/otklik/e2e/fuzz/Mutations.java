package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Mutations of valid requests: on the JSON tree (drop, null, retype, rename, add fields; extreme numbers
 * and times; unicode edge cases; huge strings) and on the bytes (truncation, flipped and invalid UTF-8
 * bytes, a repeated key, trailing documents, deep nesting, a BOM). Values come from {@link EdgeValues}
 * (edge cases mixed in), drawn with the caller's {@link Random}: the same seed and request index give
 * the same request, whichever worker thread builds it.
 */
final class Mutations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int POOL = 4_096;

    /** Values drawn once per run from {@link EdgeValues} with a generator seeded by the run's seed. */
    private record Pools(String[] anyText, String[] humanText, int[] ints, long[] longs, BigDecimal[] decimals,
                         Instant[] instants) {
    }

    private static volatile Pools pools;
    private static volatile long poolSeed;

    /** Draws the value pools of a run; call before any generator runs. */
    static synchronized void drawPools(long seed) {
        if (pools != null && poolSeed == seed) {
            return;
        }
        Random r = new Random(seed);
        Pools p = new Pools(new String[POOL], new String[POOL], new int[POOL], new long[POOL], new BigDecimal[POOL],
                new Instant[POOL]);
        for (int i = 0; i < POOL; i++) {
            p.anyText()[i] = EdgeValues.anyText(r, 40);
            p.humanText()[i] = EdgeValues.humanText(r, 60);
            p.ints()[i] = EdgeValues.anyInt(r);
            p.longs()[i] = EdgeValues.anyLong(r);
            p.decimals()[i] = EdgeValues.anyDecimal(r);
            p.instants()[i] = EdgeValues.anyInstant(r);
        }
        poolSeed = seed;
        pools = p;
    }

    private static Pools pools() {
        Pools p = pools;
        if (p == null) {
            throw new IllegalStateException("Mutations.drawPools(seed) first");
        }
        return p;
    }

    /** Times at the edges of what an instant, epoch milliseconds, a ClickHouse DateTime or the rules hold. */
    private static final List<String> EXTREME_TIMES = List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "+1000000001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "2019-12-31T23:59:59Z", "2106-02-07T06:28:16Z", "2262-04-11T23:47:16.854775808Z", "2038-01-19T03:14:08Z",
            "2026-02-30T10:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00+25:00",
            "2026-01-01T00:00:00", "2026-01-01", "10:00", "now", "", " ", "2026-01-01T00:00:00.123456789123Z",
            "2026-01-01T00:00:00Z\u0000", "２０２６-01-01T00:00:00Z", "2026-01-01T00:00:60Z", "9".repeat(40));
    private static final List<String> EXTREME_NUMBERS = List.of("0", "-0", "1e400", "-1e400", "1e-400", "4000000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649",
            "1.0", "10.0000000000000000001", "0.5", "1E1", "3.4028235E38", "1" + "0".repeat(1200));

    private Mutations() {
    }

    static String anyText(Random r) {
        String[] pool = pools().anyText();
        return pool[r.nextInt(pool.length)];
    }

    static String humanText(Random r) {
        String[] pool = pools().humanText();
        return pool[r.nextInt(pool.length)];
    }

    static Instant anyInstant(Random r) {
        Instant[] pool = pools().instants();
        return pool[r.nextInt(pool.length)];
    }

    static String extremeTime(Random r) {
        return r.nextInt(3) == 0 ? anyInstant(r).toString() : pick(r, EXTREME_TIMES);
    }

    static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    /** A JSON value of any type and size. */
    static JsonNode anyValue(Random r, int depth) {
        switch (r.nextInt(depth > 2 ? 12 : 14)) {
            case 0: return JSON.nullNode();
            case 1: return JSON.booleanNode(r.nextBoolean());
            case 2: return JSON.numberNode(pools().ints()[r.nextInt(POOL)]);
            case 3: return JSON.numberNode(pools().longs()[r.nextInt(POOL)]);
            case 4: return JSON.numberNode(pools().decimals()[r.nextInt(POOL)]);
            case 5: return JSON.numberNode(new BigInteger(pick(r, EXTREME_NUMBERS).replaceAll("[.eE].*", "")));
            case 6: return JSON.textNode(anyText(r));
            case 7: return JSON.textNode(humanText(r));
            case 8: return JSON.textNode(extremeTime(r));
            case 9: return JSON.textNode(r.nextInt(8) == 0 ? "x".repeat(70_000) : "y".repeat(r.nextInt(5000)));
            case 10: return JSON.textNode(Integer.toString(r.nextInt(12)));
            case 11: return JSON.numberNode(r.nextInt(14) - 2);
            case 12: {
                ArrayNode a = JSON.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(anyValue(r, depth + 1));
                }
                return a;
            }
            default: {
                ObjectNode o = JSON.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(anyText(r), anyValue(r, depth + 1));
                }
                return o;
            }
        }
    }

    /** {@code count} tree mutations at random places of {@code root}; returns what was done, for the report. */
    static String mutateTree(ObjectNode root, Random r, int count) {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(mutateOnce(root, r));
        }
        return String.join("+", done);
    }

    private static String mutateOnce(ObjectNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode container = pick(r, containers);
        if (container instanceof ArrayNode array) {
            if (array.isEmpty() || r.nextInt(4) == 0) {
                array.add(anyValue(r, 1));
                return "array-add";
            }
            int i = r.nextInt(array.size());
            switch (r.nextInt(3)) {
                case 0: array.remove(i); return "array-drop";
                case 1: array.add(array.get(i).deepCopy()); return "array-duplicate";
                default: array.set(i, anyValue(r, 1)); return "array-retype";
            }
        }
        ObjectNode object = (ObjectNode) container;
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            object.set(anyText(r), anyValue(r, 1));
            return "add-field";
        }
        String name = pick(r, names);
        JsonNode value = object.get(name);
        switch (r.nextInt(11)) {
            case 0: object.remove(name); return "drop-" + name;
            case 1: object.putNull(name); return "null-" + name;
            case 2: object.set(name, anyValue(r, 1)); return "retype-" + name;
            case 3: object.put(name, extremeTime(r)); return "time-" + name;
            case 4: object.set(name, JSON.numberNode(new BigDecimal(pick(r, EXTREME_NUMBERS)))); return "number-" + name;
            case 5: object.put(name, anyText(r)); return "unicode-" + name;
            case 6: {
                object.remove(name);
                object.set(r.nextBoolean() ? name.toUpperCase(Locale.ROOT) : name + anyText(r), value);
                return "rename-" + name;
            }
            case 7: object.set(r.nextBoolean() ? anyText(r) : "receivedTs", anyValue(r, 1)); return "unknown-field";
            case 8: {
                if (value.isTextual()) {
                    object.put(name, r.nextBoolean() ? value.textValue().toUpperCase(Locale.ROOT)
                            : " " + value.textValue());
                    return "case-" + name;
                }
                object.set(name, JSON.textNode(value.toString()));
                return "quoted-" + name;
            }
            case 9: {
                ArrayNode wrapped = JSON.arrayNode();
                wrapped.add(value);
                object.set(name, wrapped);
                return "wrapped-" + name;
            }
            default: {
                if (value.isIntegralNumber()) {
                    object.put(name, value.longValue() + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(12)));
                    return "shift-" + name;
                }
                object.put(name, humanText(r));
                return "text-" + name;
            }
        }
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    collectContainers(it.next().getValue(), into);
                }
            } else {
                node.forEach(child -> collectContainers(child, into));
            }
        }
    }

    /** One mutation of the encoded bytes; returns the new bytes. {@code how} gets its name. */
    static byte[] mutateBytes(byte[] bytes, Random r, StringBuilder how) {
        int at = bytes.length == 0 ? 0 : r.nextInt(bytes.length);
        switch (r.nextInt(10)) {
            case 0: how.append("truncated"); return java.util.Arrays.copyOf(bytes, at);
            case 1: {
                byte[] copy = bytes.clone();
                if (copy.length > 0) {
                    copy[at] = (byte) r.nextInt(256);
                }
                how.append("byte-flip");
                return copy;
            }
            case 2: how.append("invalid-utf8"); return insert(bytes, at, pick(r, List.of(new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xF4,
                    (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {0})));
            case 3: {
                String text = new String(bytes, StandardCharsets.UTF_8);
                int colon = text.indexOf("\":");
                int open = colon < 0 ? -1 : text.lastIndexOf('"', colon - 1);
                how.append("repeated-key");
                if (open < 0 || text.charAt(0) != '{') {
                    return bytes;
                }
                String key = text.substring(open, colon + 2);
                return (text.substring(0, 1) + key + "1," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
            }
            case 4: how.append("trailing-document"); return concat(bytes, pick(r, List.of(" {}", "x", "\u0000", "]", " null",
                    "\n{\"a\":1}")).getBytes(StandardCharsets.UTF_8));
            case 5: {
                int depth = pick(r, List.of(600, 1_500, 20_000));
                how.append("nesting-").append(depth);
                return ("{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 6: how.append("bom"); return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
            case 7: {
                byte[] random = new byte[r.nextInt(300)];
                r.nextBytes(random);
                how.append("random-bytes");
                return random;
            }
            case 8: how.append("json-comment"); return concat("/* c */".getBytes(StandardCharsets.UTF_8), bytes);
            default: how.append("whitespace"); return concat(" \t\r\n".getBytes(StandardCharsets.UTF_8), bytes);
        }
    }

    static byte[] insert(byte[] bytes, int at, byte[] extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + extra.length);
        out.write(bytes, 0, at);
        out.writeBytes(extra);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A header value that is no use: empty, huge, non-ASCII, control characters, a list. */
    static String garbageHeaderValue(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> "";
            case 1 -> "a".repeat(pick(r, List.of(100, 7_000, 9_000)));
            case 2 -> new String(new byte[] {(byte) 0xD0, (byte) 0x9F, (byte) 0xFF, 0x01}, StandardCharsets.ISO_8859_1);
            case 3 -> anyText(r).replaceAll("[^\\u0000-\\u00ff]", "?");
            case 4 -> "\t \t";
            case 5 -> "a, b, ,, c";
            default -> "=?utf-8?b?0J/RgNC40LLQtdGC?=";
        };
    }

    /** A garbled Content-Type, or one of the near misses of JSON and forms. */
    static String contentTypeMutation(Random r, String right) {
        return pick(r, List.of("text/plain", "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded",
                "application/json", "multipart/form-data; boundary=x", "application/jsonx", "application/json;;",
                "APPLICATION/JSON", "application/json; charset=utf-16", "*/*", "application/problem+json", "",
                right + "; charset=\"utf-8\"", right + "; boundary=1", right + " ; charset=UTF-8", "application/xml",
                "application/x-www-form-urlencoded; charset=koi8-r", right));
    }
}
