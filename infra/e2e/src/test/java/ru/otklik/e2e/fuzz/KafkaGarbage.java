package ru.otklik.e2e.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import ru.otklik.common.response.EventJson;
import ru.otklik.streaming.source.RecordDecoder;

/**
 * Records written straight into the topic the job reads, past ingest: random bytes, nothing, JSON null,
 * truncated and mutated records of the shape ingest writes, extreme times, wrong types, huge strings.
 * The job's own {@link RecordDecoder} says which of them it must turn into dead letters (some mutations
 * leave a usable record, which it then counts like any other); the suite compares that with the rows of
 * {@code stream_dead_letters}.
 */
final class KafkaGarbage {

    /** What was written: how many records, and how many the job must dead-letter. */
    record Written(int records, int deadLetters) {
    }

    private KafkaGarbage() {
    }

    static Written write(FuzzContext fx, long seed, int count) throws Exception {
        RecordDecoder decoder = new RecordDecoder(fx.rules.surveys(), fx.rules.offices(), Clock.systemUTC());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fx.stack.stack.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 << 20));
        int dead = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                Random r = FuzzSeed.random(seed, "kafka", i);
                byte[] value = record(fx, r, i);
                int partition = i % 3;
                // the offset is unknown until the broker answers; the decoder's verdict does not depend on it
                if (!decoder.decode(fx.stack.topic, partition, 0, System.currentTimeMillis(), value).isValid()) {
                    dead++;
                }
                byte[] key = r.nextInt(4) == 0 ? null : fx.office(r).code().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(fx.stack.topic, partition, key, value));
            }
            producer.flush();
        }
        return new Written(count, dead);
    }

    private static byte[] record(FuzzContext fx, Random r, long index) {
        int kind = r.nextInt(100);
        if (kind < 10) {
            byte[] bytes = new byte[r.nextInt(2_000)];
            r.nextBytes(bytes);
            return bytes;
        }
        if (kind < 13) {
            return Mutations.pick(r, List.of(new byte[0], "null".getBytes(StandardCharsets.UTF_8),
                    "[]".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                    "\"x\"".getBytes(StandardCharsets.UTF_8), "1e999999".getBytes(StandardCharsets.UTF_8)));
        }
        ObjectNode record = fx.validForm(r, fx.id("kafka", index), "link", fx.office(r));
        record.put("receivedTs", Instant.now().toString());
        record.putObject("meta").put("entry", Mutations.pick(r, List.of("api", "questionnaire", "kiosk", "paper", "")));
        if (kind < 40) {
            record.put(Mutations.pick(r, List.of("clientTs", "receivedTs", "startedTs")), Mutations.extremeTime(r));
        } else if (kind < 45) {
            record.put("comment", "h".repeat(65_000 + r.nextInt(20_000)));
        } else if (kind < 85) {
            Mutations.mutateTree(record, r, 1 + r.nextInt(4));
        }
        byte[] bytes = record.toString().getBytes(StandardCharsets.UTF_8);
        if (kind >= 85) {
            bytes = Mutations.mutateBytes(bytes, r, new StringBuilder());
        }
        return bytes;
    }
}
