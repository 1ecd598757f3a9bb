package ru.otklik.ingest.kiosk;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.metrics.IngestMetrics;

/**
 * The signed-request check every kiosk endpoint shares. A request that cannot be attributed to a
 * device (unknown device, clock skew, bad signature, replay) is 401 with the reason; a genuine
 * request of a revoked device is 403 (re-signing will not help, staff must enrol it again). Either
 * way the request is kept in the dead-letter topic.
 */
public final class KioskGate {

    private static final Logger LOG = LoggerFactory.getLogger(KioskGate.class);

    private final KioskAuthenticator authenticator;
    private final DeadLetterWriter deadLetters;
    private final IngestMetrics metrics;

    public KioskGate(KioskAuthenticator authenticator, DeadLetterWriter deadLetters, IngestMetrics metrics) {
        this.authenticator = authenticator;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** The authenticated device; empty once the refusal has been answered. */
    public Optional<KioskDevice> admit(Context ctx, RequestBody body, String endpoint, long started) {
        String deviceId = ctx.header(KioskSignature.DEVICE_HEADER);
        KioskAuthenticator.Outcome auth = authenticator.authenticate(deviceId,
                ctx.header(KioskSignature.TIMESTAMP_HEADER), ctx.header(KioskSignature.SIGNATURE_HEADER), body.bytes());
        if (auth.accepted()) {
            return Optional.of(auth.device());
        }
        boolean revoked = "revoked".equals(auth.refusal());
        HttpStatus status = revoked ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
        deadLetters.write(endpoint, status.getCode(), auth.refusal(), List.of(), body, ClientAddress.of(ctx), deviceId);
        LOG.info("event=kiosk_refused endpoint={} device={} status={} reason={}", endpoint,
                ClientText.forLog(deviceId), status.getCode(), auth.refusal());
        ctx.status(status).json(Problem.of(revoked ? "forbidden" : "unauthorized", auth.refusal()));
        metrics.latency(endpoint, status.getCode(), Duration.ofNanos(System.nanoTime() - started));
        return Optional.empty();
    }
}
