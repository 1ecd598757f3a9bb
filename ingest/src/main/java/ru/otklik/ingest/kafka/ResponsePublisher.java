package ru.otklik.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.ingest.IngestConfig;

/**
 * Writes accepted responses to Kafka, keyed by office so one office's events stay in order.
 * Idempotent producer with acks=all: a future completes only when every in-sync replica has the
 * record, and only then does ingest answer 202. Timeouts are bounded so that an unreachable Kafka
 * becomes a prompt 503 instead of a hanging request.
 */
public final class ResponsePublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String responsesTopic;
    private final String deadLetterTopic;

    public ResponsePublisher(IngestConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long timeout = config.kafkaTimeout().toMillis();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.max(1000, timeout / 2)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(1000, timeout / 2)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "otklik-ingest");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.responsesTopic = config.responsesTopic();
        this.deadLetterTopic = config.deadLetterTopic();
    }

    public CompletableFuture<Void> publish(SurveyResponse response) {
        return send(responsesTopic, response.officeCode(), EventJson.toBytes(response));
    }

    /** All of them, completing when Kafka has acknowledged every one (or failing with the first error). */
    public CompletableFuture<Void> publishAll(List<SurveyResponse> responses) {
        return CompletableFuture.allOf(responses.stream().map(this::publish).toArray(CompletableFuture[]::new));
    }

    public CompletableFuture<Void> publishDeadLetter(String key, byte[] envelope) {
        return send(deadLetterTopic, key, envelope);
    }

    private CompletableFuture<Void> send(String topic, String key, byte[] value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value),
                    (metadata, error) -> {
                        if (error != null) {
                            acked.completeExceptionally(error);
                        } else {
                            acked.complete(null);
                        }
                    });
        } catch (RuntimeException e) { // metadata not available within max.block.ms, buffer full, closed
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
