package ru.otklik.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a broker of its own, because it stops and restarts it. */
class KafkaBrokerTest {

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(dir);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void produceConsumeStopAndRestartKeepingData() throws Exception {
        broker.createTopics(2, "t1");
        broker.createTopics(2, "t1"); // idempotent
        send("t1", "k1", "before-stop");
        assertEquals(List.of("before-stop"), readAll("t1", 1));

        broker.stop();
        assertFalse(broker.isRunning());
        Properties props = producerProps();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            // the delivery timeout fails the send; a hang would end in TimeoutException instead
            assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>("t1", "k", "while-down")).get(10, TimeUnit.SECONDS));
        }

        broker.restart();
        assertTrue(broker.isRunning());
        send("t1", "k1", "after-restart");
        assertEquals(List.of("before-stop", "after-restart"), readAll("t1", 2));
    }

    private static Properties producerProps() {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(20, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String topic, int expected) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
