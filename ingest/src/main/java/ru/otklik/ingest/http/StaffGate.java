package ru.otklik.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.link.StaffTokens;

/**
 * The staff check of the kiosk administration endpoints: {@code Authorization: Bearer <token>}
 * from {@code OTKLIK_STAFF_TOKENS}, else 401 with {@code WWW-Authenticate} (the same answer as
 * {@code POST /api/v1/links}). The refusal is kept in the dead-letter topic without its body.
 */
public final class StaffGate {

    private static final Logger LOG = LoggerFactory.getLogger(StaffGate.class);

    private final StaffTokens staff;
    private final DeadLetterWriter deadLetters;

    public StaffGate(StaffTokens staff, DeadLetterWriter deadLetters) {
        this.staff = staff;
        this.deadLetters = deadLetters;
    }

    /** The staff member's name; empty once the 401 has been answered. */
    public Optional<String> admit(Context ctx, String endpoint) {
        Optional<String> who = staff.authenticate(ctx.header("Authorization"));
        if (who.isEmpty()) {
            String reason = staff.isEmpty() ? "no-staff-tokens-configured" : "bad-token";
            deadLetters.write(endpoint, 401, "unauthorized", List.of(), new RequestBody(new byte[0],
                    Math.max(0, ctx.contentLength()), false), ClientAddress.of(ctx), null);
            ctx.header("WWW-Authenticate", "Bearer realm=\"otklik-staff\"");
            ctx.status(HttpStatus.UNAUTHORIZED).json(Problem.of("unauthorized", "a staff bearer token is required"));
            LOG.info("event=staff_refused endpoint={} status=401 reason={}", endpoint, reason);
        }
        return who;
    }
}
