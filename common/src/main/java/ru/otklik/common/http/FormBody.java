package ru.otklik.common.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body decoded strictly: {@code +} is a space,
 * {@code %XY} a byte, and the bytes of every name and value must be strict UTF-8 ({@link StrictUtf8}).
 * A broken escape is {@link MalformedInput} with rule {@code form-encoding}; bad UTF-8 has rule
 * {@code utf-8}. Servers read the body themselves (bounded) and decode it here instead of letting the
 * servlet container guess a charset and replace what does not decode.
 */
public final class FormBody {

    public static final String RULE = "form-encoding";

    private FormBody() {
    }

    /** Name → values in the order sent; a name without {@code =} has the value "". */
    public static Map<String, List<String>> parse(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = indexOf(body, (byte) '=', start, i);
                    String name = decode(body, start, eq < 0 ? i : eq);
                    String value = eq < 0 ? "" : decode(body, eq + 1, i);
                    fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
                start = i + 1;
            }
        }
        fields.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(fields);
    }

    private static int indexOf(byte[] body, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new MalformedInput(RULE, "incomplete %-escape at byte " + i);
                }
                int hi = Character.digit(body[i + 1], 16);
                int lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedInput(RULE, "bad %-escape at byte " + i);
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return StrictUtf8.decode(bytes.toByteArray());
    }
}
