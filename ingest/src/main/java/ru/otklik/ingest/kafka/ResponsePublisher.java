package ru.otklik.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.ingest.IngestConfig;

/**
 * Writes accepted responses (and dead letters) to Kafka, keyed by office so one office's events
 * stay in order. Idempotent producer with acks=all: a future completes only when every in-sync
 * replica has the record, and only then does ingest answer 202. Timeouts are bounded so that an
 * unreachable Kafka becomes a prompt 503 instead of a hanging request.
 *
 * <p>Neither Jetty's threads nor the producer's network thread wait on the other:
 * {@code send()} can block for metadata (up to {@code max.block.ms}) when Kafka is unreachable, so
 * it runs on a small pool of our own; and the acknowledgement is handed back to that pool, so
 * writing the HTTP answer never stalls the producer's I/O thread.
 */
public final class ResponsePublisher implements AutoCloseable {

    private static final int WORKERS = 4;
    private static final int MAX_QUEUED = 50_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService workers;
    private final String responsesTopic;
    private final String deadLetterTopic;
    private final String heartbeatsTopic;
    private final String linksReusedTopic;
    private final String assessmentAnswersTopic;
    private final long timeoutNanos;

    public ResponsePublisher(IngestConfig config) {
        long timeout = config.kafkaTimeout().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // the whole wait for an acknowledgement is kafkaTimeout; one attempt or a metadata wait gets half of it
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.max(1000, timeout / 2)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, timeout / 2)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(2010, timeout)));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "otklik-ingest");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_QUEUED), daemonThreads());
        this.responsesTopic = config.responsesTopic();
        this.deadLetterTopic = config.deadLetterTopic();
        this.heartbeatsTopic = config.heartbeatsTopic();
        this.linksReusedTopic = config.linksReusedTopic();
        this.assessmentAnswersTopic = config.assessmentAnswersTopic();
        this.timeoutNanos = config.kafkaTimeout().toNanos();
    }

    public CompletableFuture<Void> publish(SurveyResponse response) {
        return publishAll(List.of(response));
    }

    /**
     * All of them, in order, completing when Kafka has acknowledged every one (failing if any
     * failed). One task sends the whole list, so a batch keeps its order within an office.
     */
    public CompletableFuture<Void> publishAll(List<SurveyResponse> responses) {
        return send(responses.stream().map(r -> new ProducerRecord<>(responsesTopic, key(r.officeCode()),
                EventJson.toBytes(r))).toList());
    }

    /** A kiosk heartbeat, keyed by device id: one kiosk's heartbeats stay in order. */
    public CompletableFuture<Void> publishHeartbeat(KioskHeartbeat heartbeat) {
        return send(List.of(new ProducerRecord<>(heartbeatsTopic, key(heartbeat.deviceId()),
                EventJson.toBytes(heartbeat))));
    }

    /** A second answer to a spent single-use link, keyed by office like the responses. */
    public CompletableFuture<Void> publishLinkReuse(ru.otklik.common.link.LinkReuse reuse) {
        return send(List.of(new ProducerRecord<>(linksReusedTopic, key(reuse.officeCode()), EventJson.toBytes(reuse))));
    }

    /** A 360 rater's final submission, keyed by session id (one session's submissions stay in order). */
    public CompletableFuture<Void> publishAssessment(ru.otklik.common.assessment.RaterSubmission submission) {
        return send(List.of(new ProducerRecord<>(assessmentAnswersTopic, key(submission.sessionId()),
                EventJson.toBytes(submission))));
    }

    public CompletableFuture<Void> publishDeadLetter(String key, byte[] envelope) {
        return send(List.of(new ProducerRecord<>(deadLetterTopic, key(key), envelope)));
    }

    private static byte[] key(String key) {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    private CompletableFuture<Void> send(List<ProducerRecord<byte[], byte[]>> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> acks = records.stream().map(r -> new CompletableFuture<Void>()).toList();
        long queuedAt = System.nanoTime();
        try {
            workers.execute(() -> {
                // while Kafka is unreachable each send may block for metadata: do not let the queue outlive the promise
                if (System.nanoTime() - queuedAt > timeoutNanos) {
                    TimeoutException late = new TimeoutException("waited " + Duration.ofNanos(timeoutNanos)
                            + " for a free Kafka sender");
                    acks.forEach(a -> a.completeExceptionally(late));
                    return;
                }
                for (int i = 0; i < records.size(); i++) {
                    CompletableFuture<Void> acked = acks.get(i);
                    try {
                        producer.send(records.get(i), (metadata, error) -> {
                            if (error != null) {
                                acked.completeExceptionally(error);
                            } else {
                                acked.complete(null);
                            }
                        });
                    } catch (RuntimeException e) { // closed, or a serialisation/config error
                        acked.completeExceptionally(e);
                    }
                    /*
                     * Missing metadata after max.block.ms is reported through the callback, synchronously,
                     * not thrown: the request has failed already, so do not block once more for each
                     * remaining record of the batch.
                     */
                    if (acked.isCompletedExceptionally()) {
                        Throwable cause = acked.handle((ok, error) -> error).join();
                        acks.subList(i + 1, acks.size()).forEach(a -> a.completeExceptionally(cause));
                        return;
                    }
                }
            });
        } catch (RejectedExecutionException e) { // overloaded or closing: the client retries later
            acks.forEach(a -> a.completeExceptionally(e));
        }
        CompletableFuture<Void> all = acks.size() == 1 ? acks.get(0)
                : CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        // dependants (the HTTP answer) run on our pool, not on the producer's network thread
        return all.whenCompleteAsync((ok, error) -> { }, this::runOnWorkers);
    }

    private void runOnWorkers(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // overloaded or closing: answer on the calling thread rather than never
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "ingest-kafka-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
