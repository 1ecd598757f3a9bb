package ru.otklik.kiosk.agent;

import java.time.Instant;

/** One-line structured logs on stderr: {@code ts=... level=... event=... key=value ...}. */
final class LogLine {

    private LogLine() {
    }

    static void info(String event, Object... keyValues) {
        write("INFO", event, keyValues);
    }

    static void warn(String event, Object... keyValues) {
        write("WARN", event, keyValues);
    }

    static void error(String event, Object... keyValues) {
        write("ERROR", event, keyValues);
    }

    private static void write(String level, String event, Object... keyValues) {
        StringBuilder line = new StringBuilder(128)
                .append("ts=").append(Instant.now())
                .append(" level=").append(level)
                .append(" event=").append(event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(quoted(keyValues[i + 1]));
        }
        System.err.println(line);
    }

    private static String quoted(Object value) {
        String s = String.valueOf(value).replace('\n', ' ').replace('\r', ' ');
        if (s.isEmpty() || s.indexOf(' ') >= 0 || s.indexOf('=') >= 0 || s.indexOf('"') >= 0) {
            return '"' + s.replace("\"", "'") + '"';
        }
        return s;
    }
}
