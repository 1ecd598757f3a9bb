package ru.otklik.dashboards.comments;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the newest-first list of comments: the comment's {@code client_ts} (epoch seconds) and the tie key, a
 * 64-bit hash of its response id ({@code cityHash64}), and which way to read from it. The response id itself never
 * leaves ClickHouse, so the cursor cannot name a response; its text ({@code o1700000000.1234…} older than,
 * {@code n…} newer than) is parsed back only into two numbers, which are all that reach the SQL.
 */
public record CommentCursor(Direction direction, long epochSecond, long tie) {

    /** Older: the next page down the list; newer: the page above (read upwards, then turned). */
    public enum Direction { OLDER, NEWER }

    private static final Pattern TEXT = Pattern.compile("([on])(\\d{1,12})\\.(\\d{1,20})");

    public static Optional<CommentCursor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CommentCursor(m.group(1).equals("o") ? Direction.OLDER : Direction.NEWER,
                    Long.parseLong(m.group(2)), Long.parseUnsignedLong(m.group(3))));
        } catch (NumberFormatException e) { // a tie above 2^64
            return Optional.empty();
        }
    }

    public String text() {
        return (direction == Direction.OLDER ? "o" : "n") + epochSecond + "." + Long.toUnsignedString(tie);
    }
}
