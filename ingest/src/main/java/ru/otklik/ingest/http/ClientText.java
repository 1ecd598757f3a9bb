package ru.otklik.ingest.http;

/**
 * Text a client chose (a header, a JSON key) made safe for a one-line log: no line breaks, no
 * quotes or spaces that would fake another {@code key=value}, and bounded length.
 */
public final class ClientText {

    private static final int MAX = 64;

    private ClientText() {
    }

    public static String forLog(String value) {
        if (value == null) {
            return "-";
        }
        String cut = value.length() > MAX ? value.substring(0, MAX) + "..." : value;
        return cut.replaceAll("[^A-Za-z0-9_.\\[\\]$-]", "?");
    }
}
