package ru.otklik.streaming.source;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.StreamingConfig;

/**
 * The {@code responses} topic as an event-time stream: timestamps are the client's clock, the
 * watermark tolerates bounded disorder, and idle partitions (a quiet night) do not stall it.
 * Offsets live in Flink checkpoints; the consumer group's committed offsets are only a fallback.
 */
public final class ResponseSource {

    private ResponseSource() {
    }

    @SuppressWarnings("deprecation") // OffsetResetStrategy is what this connector version accepts
    public static DataStream<SurveyResponse> from(StreamExecutionEnvironment env, StreamingConfig config) {
        KafkaSource<SurveyResponse> source = KafkaSource.<SurveyResponse>builder()
                .setBootstrapServers(config.kafkaBootstrap())
                .setTopics(config.responsesTopic())
                .setGroupId(config.consumerGroup())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new ResponseDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, watermarks(config.outOfOrderness(), config.sourceIdleness()), "responses")
                .uid("responses-source");
    }

    public static WatermarkStrategy<SurveyResponse> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<SurveyResponse>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((response, kafkaTs) -> response.clientTs().toEpochMilli())
                .withIdleness(idleness);
    }
}
