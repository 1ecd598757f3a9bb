package ru.otklik.ingest.ratelimit;

/**
 * One limit: a steady {@code perSecond} refill and a {@code burst} a quiet client may spend at once.
 *
 * @param perSecond tokens added per second (may be fractional, e.g. 0.5 = one request every 2 s)
 * @param burst the bucket's size: how many requests in a row are allowed after a pause
 */
public record RateLimit(double perSecond, int burst) {

    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate limit per second must be positive, got " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst must be at least 1, got " + burst);
        }
    }
}
