package ru.otklik.streaming;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.response.EventJson;

/**
 * The Kafka topic {@code alerts}: every change of an incident as {@link AlertEvent} JSON, keyed by
 * alert id. At least once (acks=all, idempotent producer, flushed at every checkpoint): after a
 * restore an event may come again, with the same {@code alertId} and a version that is the same or
 * newer, so consumers keep the highest version per alert. Exactly-once would need Kafka transactions
 * and read_committed consumers, and would hold every alert back until the next checkpoint.
 */
final class AlertTopic {

    private AlertTopic() {
    }

    static KafkaSink<AlertEvent> sink(StreamingConfig config) {
        Properties producer = new Properties();
        producer.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        producer.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        return KafkaSink.<AlertEvent>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new AlertRecords(config.alertsTopic()))
                .build();
    }

    /** An event as a record of the topic: key the alert id, value its JSON. A class, so Flink knows its type. */
    static final class AlertRecords implements KafkaRecordSerializationSchema<AlertEvent> {
        private final String topic;

        AlertRecords(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(AlertEvent event, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, timestamp, event.alertId().getBytes(StandardCharsets.UTF_8),
                    EventJson.toBytes(event));
        }
    }
}
