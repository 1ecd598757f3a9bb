package ru.otklik.dashboards.store;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * For consumers that commit only what they have stored: after a failed store, go back to the committed offsets
 * (the beginning where none is committed yet) and read the same records again.
 */
public final class CommittedOffsets {

    private CommittedOffsets() {
    }

    public static void rewind(KafkaConsumer<?, ?> consumer) {
        var assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata at = committed.get(tp);
            if (at == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, at.offset());
            }
        }
    }
}
