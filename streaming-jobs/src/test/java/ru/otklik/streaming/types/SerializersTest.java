package ru.otklik.streaming.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.Profile;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.aggregate.AreaDelta;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.aggregate.internal.ItemKey;

/** Every record the job ships or keeps has a typed serializer and survives a round trip. */
class SerializersTest {

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void aResponseWithEveryFieldSurvives() throws IOException {
        SurveyResponse r = new SurveyResponse("r-0000001", "jc-employer", 1, Audience.EMPLOYER, Channel.PAPER,
                Mode.REMOTE, "BRY", "BRY-01", "desk-1", "emp-3", Instant.parse("2026-12-01T09:59:00.123Z"),
                Instant.parse("2026-12-01T10:00:00Z"), Map.of("Q1", Answer.score(9), "Q4", Answer.choice("yes")),
                Profile.employer("private", "16-100", List.of("seasonal")), "Спасибо", 0,
                Instant.parse("2026-12-01T09:50:00Z"), null).withMeta("ip", "ua", Entry.STAFF_PAPER);
        assertEquals(r, roundTrip(OtklikTypes.SURVEY_RESPONSE.createSerializer(new SerializerConfigImpl()), r));
        ResponseChange c = ResponseChange.retract(r);
        assertEquals(c, roundTrip(OtklikTypes.RESPONSE_CHANGE.createSerializer(new SerializerConfigImpl()), c));
        SurveyResponse bare = new SurveyResponse("t-1", "kiosk-quick", 1, Audience.VISITOR, Channel.KIOSK, null,
                "BRY", "BRY-01", null, null, Instant.EPOCH, Instant.EPOCH, Map.of(), null, null, 3);
        assertEquals(bare, roundTrip(OtklikTypes.SURVEY_RESPONSE.createSerializer(new SerializerConfigImpl()), bare));
    }

    @Test
    void theAlertStagesRecordsAndQueueKeysSurvive() throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        var observation = new ru.otklik.streaming.alert.DropObservation("BRY-01", "BRY", 1_700_000_000_123L, "t-1",
                ru.otklik.common.alert.DropSignal.KIOSK_SATISFACTION, true);
        assertEquals(observation, roundTrip(OtklikTypes.DROP_OBSERVATION.createSerializer(config), observation));
        var sighting = new ru.otklik.streaming.alert.FraudSighting("BRY-01", "BRY",
                ru.otklik.common.alert.FraudSignal.DUPLICATE_ANSWERS, "ip-1/0a0b", 1_700_000_000_123L, "r-1",
                ru.otklik.streaming.testing.Responses.seeker("r-1", "BRY-01", java.time.Instant.ofEpochMilli(1_700_000_000_123L),
                        "Q1", 9));
        assertEquals(sighting, roundTrip(OtklikTypes.FRAUD_SIGHTING.createSerializer(config), sighting));
        var slot = new ru.otklik.streaming.alert.internal.QueueSlot(1_700_000_060_000L, 1_700_000_000_123L, "r-1");
        TypeSerializer<ru.otklik.streaming.alert.internal.QueueSlot> slots = OtklikTypes.QUEUE_SLOT.createSerializer(config);
        assertEquals(slot, roundTrip(slots, slot));
        // a map key: equal slots must be equal bytes (RocksDB compares keys as bytes)
        DataOutputSerializer a = new DataOutputSerializer(64);
        DataOutputSerializer b = new DataOutputSerializer(64);
        slots.serialize(slot, a);
        slots.serialize(new ru.otklik.streaming.alert.internal.QueueSlot(slot.slot(), slot.at(), "r-1"), b);
        assertEquals(java.util.HexFormat.of().formatHex(a.getCopyOfBuffer()),
                java.util.HexFormat.of().formatHex(b.getCopyOfBuffer()));
        // a source's cluster with an open flag: the same row before and after
        var cluster = new ru.otklik.streaming.alert.internal.FraudCluster("BRY-01", "BRY",
                ru.otklik.common.alert.FraudSignal.SOURCE_BURST, "ip-1");
        for (int i = 0; i < 6; i++) {
            cluster.observe(1_700_000_000_000L + 1000L * i, "r-" + i, 5, 600_000);
        }
        var read = roundTrip(OtklikTypes.FRAUD_CLUSTER.createSerializer(config), cluster);
        assertEquals(cluster.row(5, 600_000, "open", null, 1, 2), read.row(5, 600_000, "open", null, 1, 2));
        assertEquals(6L, read.row(5, 600_000, "open", null, 1, 2).flagged());
    }

    @Test
    void stateAndPartialsArePojosNotKryo() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // as the job runs: a generic type throws here
        TypeInformation.of(ItemKey.class).createSerializer(config);
        TypeInformation.of(AreaDelta.class).createSerializer(config);
        assertEquals("PojoType", TypeInformation.of(ItemKey.class).getClass().getSimpleName().replace("Info", ""));
    }
}
