package ru.otklik.ingest.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.RequestMetadata;
import ru.otklik.ingest.kafka.KafkaUnavailable;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.metrics.IngestMetrics;

/**
 * {@code POST /api/v1/responses}: one completed form. 202 only after Kafka acknowledged it;
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

    public ResponseEndpoint(ResponseValidator validator, ResponsePublisher publisher, DeadLetterWriter deadLetters,
                            IngestMetrics metrics, Clock clock, int maxBodyBytes, RequestMetadata requestMeta) {
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
        } catch (JsonProcessingException e) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "json-syntax", RequestBody.notJson(e), body, started);
            return;
        }
        Validated<SurveyResponse> result = validator.validate(tree);
        if (!result.isValid()) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "invalid", result.violations(), body, started);
            return;
        }
        SurveyResponse response = requestMeta.onto(result.value().withReceivedTs(clock.instant()), ctx);
        ctx.future(() -> publisher.publish(response).handle((ok, error) -> {
            if (error != null) {
                KafkaUnavailable.answer(ctx, metrics, ENDPOINT, error);
            } else {
                metrics.accepted(ENDPOINT, 1);
                ctx.status(HttpStatus.ACCEPTED).json(Map.of("status", "accepted", "responseId", response.responseId()));
                // one line per response would drown the log at load: counts are in /metrics, refusals are logged
                LOG.debug("event=response_accepted office={} survey={} channel={} response={}", response.officeCode(),
                        response.surveyId(), response.channel().code(), response.responseId());
            }
            metrics.latency(ENDPOINT, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
            return null;
        }));
    }

    private void refuse(Context ctx, HttpStatus status, String reason, List<Violation> violations, RequestBody body,
                        long started) {
        deadLetters.write(ENDPOINT, status.getCode(), reason, violations, body, ctx.ip(), null);
        ctx.status(status).json(Problem.invalid(violations));
        LOG.info("event=response_rejected status={} reason={} fields={}", status.getCode(), reason,
                violations.stream().map(v -> ClientText.forLog(v.field())).distinct().toList());
        metrics.latency(ENDPOINT, status.getCode(), Duration.ofNanos(System.nanoTime() - started));
    }
}
