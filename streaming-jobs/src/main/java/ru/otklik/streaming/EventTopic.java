package ru.otklik.streaming;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.response.EventJson;

/**
 * The Kafka topics the job publishes events to, each event as its JSON under a key of its own. At least
 * once (acks=all, idempotent producer, flushed at every checkpoint): after a restore an event may come
 * again, so each topic's consumers recognise a repeat by the event's id. Exactly-once would need Kafka
 * transactions and read_committed consumers, and would hold every event back until the next checkpoint.
 * <ul>
 *   <li>{@code alerts}: every change of an incident as {@link AlertEvent}, keyed by alert id; a repeat has
 *   the same {@code alertId} and a version that is the same or newer, so consumers keep the highest
 *   version per alert;</li>
 *   <li>{@code feedback.negative}: every counted response that opens a case as {@link NegativeFeedback},
 *   keyed by office code (one office's cases in order); consumers open one case per {@code responseId}.</li>
 * </ul>
 */
final class EventTopic {

    private EventTopic() {
    }

    static KafkaSink<AlertEvent> alerts(StreamingConfig config) {
        return sink(config, config.alertsTopic(), AlertEvent::alertId);
    }

    static KafkaSink<NegativeFeedback> negativeFeedback(StreamingConfig config) {
        return sink(config, config.negativeFeedbackTopic(), NegativeFeedback::officeCode);
    }

    private static <T> KafkaSink<T> sink(StreamingConfig config, String topic, SerializableFunction<T, String> key) {
        Properties producer = new Properties();
        producer.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        producer.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new EventRecords<>(topic, key))
                .build();
    }

    /** An event as a record of its topic: the key (UTF-8) as {@code key} says, the value its JSON. */
    static final class EventRecords<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final SerializableFunction<T, String> key;

        EventRecords(String topic, SerializableFunction<T, String> key) {
            this.topic = topic;
            this.key = key;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T event, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, key.apply(event).getBytes(StandardCharsets.UTF_8),
                    EventJson.toBytes(event));
        }
    }
}
