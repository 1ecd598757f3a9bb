package ru.otklik.streaming.minute;

/**
 * Identifies a bucket in keyed state as one string: {@code kind|bucketStart|survey|audience|channel[|question]}.
 * Codes never contain '|' (ingest validates them against [A-Za-z0-9_.-]).
 */
record MinuteBucket(char kind, long bucketStart, String surveyId, String audience, String channel, String questionId) {

    static final char ANSWERS = 'A';
    static final char RESPONSES = 'R';
    static final long SECONDS = 60;

    static long startOf(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000);
        return seconds - Math.floorMod(seconds, SECONDS);
    }

    String encode() {
        String base = kind + "|" + bucketStart + "|" + surveyId + "|" + audience + "|" + channel;
        return kind == ANSWERS ? base + "|" + questionId : base;
    }

    static MinuteBucket decode(String key) {
        String[] f = key.split("\\|", -1);
        return new MinuteBucket(f[0].charAt(0), Long.parseLong(f[1]), f[2], f[3], f[4], f.length > 5 ? f[5] : null);
    }
}
