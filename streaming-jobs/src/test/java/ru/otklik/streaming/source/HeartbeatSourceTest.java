package ru.otklik.streaming.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import ru.otklik.common.kiosk.KioskHeartbeat;
import ru.otklik.common.response.EventJson;
import ru.otklik.streaming.alert.KioskContact;

class HeartbeatSourceTest {

    private static List<KioskContact> decode(byte[] value) throws Exception {
        List<KioskContact> out = new ArrayList<>();
        HeartbeatSource.contacts().deserialize(new ConsumerRecord<>("kiosk.heartbeats", 0, 0, null, value),
                new Collector<>() {
                    @Override
                    public void collect(KioskContact record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {
                    }
                });
        return out;
    }

    @Test
    void aStampedHeartbeatIsAContactAtItsReceiveTimeAndAnythingElseIsSkipped() throws Exception {
        Instant sent = Instant.parse("2026-03-02T08:00:00Z");
        Instant received = sent.plusSeconds(3);
        KioskHeartbeat h = new KioskHeartbeat("dev-1", sent, 0, null, null, "1.0", null, null, null);
        assertEquals(List.of(new KioskContact("BRY-01", "tp-hall", received.toEpochMilli())),
                decode(EventJson.toBytes(h.asReceived("BRY-01", "tp-hall", received))),
                "the receive time: ingest's clock, not the kiosk's");
        assertEquals(List.of(), decode(EventJson.toBytes(h)), "not stamped by ingest");
        assertEquals(List.of(), decode("{not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), decode(null));
    }
}
