package ru.otklik.common.http;

/**
 * An unexpected exception described for a log line without its messages: messages can carry what
 * the request carried (a link token in a path, a header value), and no secret may reach a log. The
 * classes and the frames where they were thrown are enough to find the bug.
 */
public final class Failures {

    private static final int FRAMES = 5;

    private Failures() {
    }

    public static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        Throwable t = error;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                out.append(" caused by ");
            }
            out.append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                out.append(i == 0 ? " at " : " < ").append(frames[i].getClassName()).append('.')
                        .append(frames[i].getMethodName()).append(':').append(frames[i].getLineNumber());
            }
        }
        return out.toString();
    }
}
