package ru.otklik.ingest.ratelimit;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;

/**
 * The service's rate limits around its write endpoints: one bucket per client IP shared by every
 * limited endpoint, and for kiosks one more per claimed device id. A refusal is 429 with
 * {@code Retry-After} and a dead letter with reason {@code rate-limited}; the body is not read
 * (reading it is the cost the limit is there to avoid).
 */
public final class RateLimits {

    public static final String REASON = "rate-limited";
    /** Enough for every kiosk and office network of a large region; the oldest keys give way beyond. */
    static final int MAX_KEYS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

    private final RateLimiter perIp;
    private final RateLimiter perDevice;
    private final DeadLetterWriter deadLetters;

    public RateLimits(RateLimiter perIp, RateLimiter perDevice, DeadLetterWriter deadLetters) {
        this.perIp = perIp;
        this.perDevice = perDevice;
        this.deadLetters = deadLetters;
    }

    public static RateLimits of(RateLimit ip, RateLimit device, DeadLetterWriter deadLetters) {
        return new RateLimits(RateLimiter.systemTime(ip, MAX_KEYS), RateLimiter.systemTime(device, MAX_KEYS),
                deadLetters);
    }

    /** {@code next} runs only while the client's IP has tokens. */
    public Handler perIp(String endpoint, Handler next) {
        return ctx -> {
            if (admit(ctx, endpoint, perIp, ClientAddress.of(ctx), "ip", null)) {
                next.handle(ctx);
            }
        };
    }

    /**
     * Kiosks: the IP first, then the {@code X-Otklik-Device} header as sent. The device is not
     * authenticated yet; that is fine, a forged id only spends that id's (or the forger's IP's) tokens.
     */
    public Handler perDeviceAndIp(String endpoint, Handler next) {
        return ctx -> {
            String device = ctx.header(KioskSignature.DEVICE_HEADER);
            if (admit(ctx, endpoint, perIp, ClientAddress.of(ctx), "ip", device)
                    && (device == null || admit(ctx, endpoint, perDevice, device, "device", device))) {
                next.handle(ctx);
            }
        };
    }

    private boolean admit(Context ctx, String endpoint, RateLimiter limiter, String key, String by, String device) {
        RateLimiter.Decision decision = limiter.acquire(key);
        if (decision.allowed()) {
            return true;
        }
        long retryAfter = decision.retryAfterSeconds();
        deadLetters.write(endpoint, 429, REASON, List.of(), new RequestBody(new byte[0],
                Math.max(0, ctx.contentLength()), false), ClientAddress.of(ctx), device);
        LOG.info("event=rate_limited endpoint={} by={} device={} retry_after_s={}", endpoint, by,
                ClientText.forLog(device), retryAfter);
        ctx.header("Retry-After", String.valueOf(retryAfter))
                .status(HttpStatus.TOO_MANY_REQUESTS)
                .json(Problem.of(REASON, "too many requests, retry after " + retryAfter + " s"));
        return false;
    }
}
