package ru.otklik.ingest.response;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.ProblemException;
import ru.otklik.ingest.link.StaffTokens;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.RequestMetadata;
import ru.otklik.ingest.kafka.KafkaUnavailable;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.metrics.IngestMetrics;

/**
 * {@code POST /api/v1/responses}: one completed form of the link channel ({@link Entry#PUBLIC_API}), or
 * with a staff bearer token a paper form ({@link Entry#STAFF_PAPER}). 202 only after Kafka acknowledged it;
 * 400/413 with every violation (and the body kept in the dead-letter topic); 503 when Kafka
 * cannot take it, so the client resends later with the same response id.
 */
public final class ResponseEndpoint {

    public static final String PATH = "/api/v1/responses";
    static final String ENDPOINT = "responses";
    private static final Logger LOG = LoggerFactory.getLogger(ResponseEndpoint.class);

    private final ResponseValidator validator;
    private final ResponsePublisher publisher;
    private final DeadLetterWriter deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxBodyBytes;
    private final RequestMetadata requestMeta;
    private final StaffTokens staff;

    public ResponseEndpoint(ResponseValidator validator, ResponsePublisher publisher, DeadLetterWriter deadLetters,
                            IngestMetrics metrics, Clock clock, int maxBodyBytes, RequestMetadata requestMeta,
                            StaffTokens staff) {
        this.staff = staff;
        this.validator = validator;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.requestMeta = requestMeta;
    }

    public void handle(Context ctx) {
        long started = System.nanoTime();
        RequestBody body = RequestBody.read(ctx, maxBodyBytes);
        if (body.truncated()) {
            refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, "max-size", RequestBody.tooLarge(maxBodyBytes), body, started);
            return;
        }
        JsonNode tree;
        try {
            tree = body.json();
        } catch (RequestBody.Unreadable e) {
            refuse(ctx, HttpStatus.BAD_REQUEST, e.reason(), e.violations(), body, started);
            return;
        }
        Entry door = door(ctx, tree);
        Validated<SurveyResponse> result = validator.validate(tree);
        List<Violation> violations = new ArrayList<>(result.violations());
        violations.addAll(EntryRules.check(tree, door));
        if (!violations.isEmpty()) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "invalid", violations, body, started);
            return;
        }
        SurveyResponse response = requestMeta.onto(result.value().withReceivedTs(clock.instant()), ctx, door);
        ctx.future(() -> publisher.publish(response).handle((ok, error) -> {
            if (error != null) {
                KafkaUnavailable.answer(ctx, metrics, ENDPOINT, error);
            } else {
                metrics.accepted(ENDPOINT, 1);
                ctx.status(HttpStatus.ACCEPTED).json(Map.of("status", "accepted", "responseId", response.responseId()));
                // one line per response would drown the log at load: counts are in /metrics, refusals are logged
                if (door == Entry.STAFF_PAPER) { // a fraud risk (domain §2): who typed it in is worth a line
                    LOG.info("event=paper_response_accepted staff={} office={} survey={} response={}",
                            ctx.<String>attribute("otklik.staff"), response.officeCode(), response.surveyId(),
                            response.responseId());
                } else {
                    LOG.debug("event=response_accepted office={} survey={} channel={} response={}",
                            response.officeCode(), response.surveyId(), response.channel().code(), response.responseId());
                }
            }
            metrics.latency(ENDPOINT, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
            return null;
        }));
    }

    /**
     * The door this request came through: the public one, or for a paper form the staff door, which
     * needs a staff bearer token ({@code 401} {@code missing-staff-token} / {@code bad-staff-token} with
     * {@code WWW-Authenticate}; {@code 403} {@code paper-entry-disabled} when no staff tokens are set).
     */
    private Entry door(Context ctx, JsonNode tree) {
        if (tree == null || EntryRules.channel(tree.get("channel")) != Channel.PAPER) {
            return Entry.PUBLIC_API;
        }
        String authorization = ctx.header("Authorization");
        if (staff.isEmpty()) {
            throw new ProblemException(403, ENDPOINT, Problem.of("forbidden", "paper-entry-disabled"));
        }
        if (authorization == null || authorization.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"otklik-staff\"");
            throw new ProblemException(401, ENDPOINT, Problem.of("unauthorized", "missing-staff-token"));
        }
        Optional<String> who = staff.authenticate(authorization);
        if (who.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"otklik-staff\"");
            throw new ProblemException(401, ENDPOINT, Problem.of("unauthorized", "bad-staff-token"));
        }
        ctx.attribute("otklik.staff", who.get());
        return Entry.STAFF_PAPER;
    }

    private void refuse(Context ctx, HttpStatus status, String reason, List<Violation> violations, RequestBody body,
                        long started) {
        deadLetters.write(ENDPOINT, status.getCode(), reason, violations, body, ClientAddress.of(ctx), null);
        ctx.status(status).json(Problem.invalid(violations));
        LOG.info("event=response_rejected status={} reason={} fields={}", status.getCode(), reason,
                violations.stream().map(v -> ClientText.forLog(v.field())).distinct().toList());
        metrics.latency(ENDPOINT, status.getCode(), Duration.ofNanos(System.nanoTime() - started));
    }
}
