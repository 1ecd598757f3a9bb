package ru.otklik.dashboards.comments;

import java.time.Instant;

/**
 * Whose comments: a region, or one office of it ({@code officeCode} not null); optionally one audience
 * ({@code seeker|employer}) and a span {@code [from, to)} of {@code client_ts}. Codes come from the office directory
 * and the audience from a fixed list; they reach the SQL only as {@code SqlCode} literals.
 */
public record CommentFilter(String regionCode, String officeCode, String audience, Instant from, Instant to) {

    public static CommentFilter office(String regionCode, String officeCode) {
        return new CommentFilter(regionCode, officeCode, null, null, null);
    }

    public static CommentFilter region(String regionCode) {
        return new CommentFilter(regionCode, null, null, null, null);
    }

    public CommentFilter withAudience(String value) {
        return new CommentFilter(regionCode, officeCode, value, from, to);
    }

    public CommentFilter within(Instant start, Instant end) {
        return new CommentFilter(regionCode, officeCode, audience, start, end);
    }
}
