package ru.otklik.ingest.kafka;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.metrics.IngestMetrics;

/** The one answer when Kafka did not acknowledge: 503 with Retry-After, so the client resends. */
public final class KafkaUnavailable {

    public static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaUnavailable.class);

    private KafkaUnavailable() {
    }

    public static void answer(Context ctx, IngestMetrics metrics, String endpoint, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        metrics.kafkaError(endpoint);
        LOG.warn("event=kafka_unavailable endpoint={} error=\"{}: {}\"", endpoint, cause.getClass().getSimpleName(),
                cause.getMessage());
        ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .status(HttpStatus.SERVICE_UNAVAILABLE)
                .json(Problem.of("unavailable", "the event store did not acknowledge the write; retry later"));
    }
}
