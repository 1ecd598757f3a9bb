package ru.otklik.common.store;

/**
 * One row of {@code otklik.stream_dead_letters}: a Kafka record the streaming job could not use, where
 * it was, why, and its bytes (cut at {@link #MAX_RAW_BYTES}; {@code rawSize} is the full length).
 */
public record StreamDeadLetterRow(String topic, int partition, long offset, long kafkaTs, long seenAt, String reason,
                                  String detail, byte[] raw, int rawSize, long version) {

    public static final int MAX_RAW_BYTES = 64 * 1024;
}
