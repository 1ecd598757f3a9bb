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
        assertEquals(cluster.closesAt(600_000), read.closesAt(600_000), "the newest gathered response survives");
    }

    @Test
    void aReusedLinkAndItsFlagSurvive() throws IOException {
        var config = new SerializerConfigImpl();
        var full = new ru.otklik.common.link.LinkReuse("L1", "jc-seeker", "BRY", "BRY-01", "emp-1", "r-1", "r-2",
                java.time.Instant.parse("2026-03-02T10:00:00.123Z"), "ip-hash", "ua-hash");
        assertEquals(full, roundTrip(OtklikTypes.LINK_REUSE.createSerializer(config), full));
        var bare = new ru.otklik.common.link.LinkReuse("L1", null, "BRY", "BRY-01", null, "r-1", null,
                java.time.Instant.parse("2026-03-02T10:00:00Z"), null, null);
        assertEquals(bare, roundTrip(OtklikTypes.LINK_REUSE.createSerializer(config), bare));
        var link = new ru.otklik.streaming.alert.internal.ReusedLink("link_reused:BRY-01:L1", "BRY", "BRY-01", "jc-seeker",
                "r-1", 1_000L);
        link.last = 5_000L;
        link.attempts = 3;
        link.addAddress("ip-a");
        link.addAddress("ip-b");
        var read = roundTrip(OtklikTypes.REUSED_LINK.createSerializer(config), link);
        assertEquals(List.of("link_reused:BRY-01:L1", "BRY", "BRY-01", "jc-seeker", "r-1"),
                List.of(read.alertId, read.regionCode, read.officeCode, read.surveyId, read.firstResponseId));
        assertEquals(List.of(1_000L, 5_000L, 3L), List.of(read.first, read.last, (long) read.attempts));
        assertEquals(java.util.Set.of("ip-a", "ip-b"), read.addresses);
    }

    @Test
    void theShiftTestsDaysAndRegionStateSurvive() throws IOException {
        var config = new SerializerConfigImpl();
        var day = new ru.otklik.streaming.alert.OfficeShareDay("BRY", "BRY-01", 20_543, 10, 7, 9);
        assertEquals(day, roundTrip(OtklikTypes.OFFICE_SHARE_DAY.createSerializer(config), day));
        var region = new ru.otklik.streaming.alert.internal.OfficeShares();
        var office = new ru.otklik.streaming.alert.internal.OfficeShares.Office();
        office.days.put(20_540L, new int[] {10, 1, 6});
        office.days.put(20_543L, new int[] {12, 8, 11});
        office.alertId = "shift_share:BRY-01:20543";
        office.startedDay = 20_537;
        office.openedAt = 1_775_001_599_999L;
        office.escalated = true;
        office.region = "BRY";
        region.offices.put("BRY-01", office);
        region.offices.put("BRY-02", new ru.otklik.streaming.alert.internal.OfficeShares.Office());
        region.offices.get("BRY-02").days.put(20_543L, new int[] {3, 0, 2});
        var read = roundTrip(OtklikTypes.OFFICE_SHARES.createSerializer(config), region);
        assertEquals(java.util.List.of("BRY-01", "BRY-02"), java.util.List.copyOf(read.offices.keySet()));
        var o = read.offices.get("BRY-01");
        assertEquals(java.util.List.of(22L, 9L, 17L), java.util.Arrays.stream(o.sum(20_540, 20_543)).boxed().toList());
        assertEquals("shift_share:BRY-01:20543", o.alertId);
        assertEquals("BRY", o.region);
        assertEquals(20_537, o.startedDay);
        assertEquals(1_775_001_599_999L, o.openedAt);
        assertEquals(true, o.escalated);
        assertEquals(null, read.offices.get("BRY-02").alertId);
        assertEquals(3, read.offices.get("BRY-02").days.get(20_543L)[0]);
    }

    @Test
    void aCaseSurvivesWithAndWithoutItsOptionalFields() throws IOException {
        TypeSerializer<ru.otklik.common.feedback.NegativeFeedback> serializer =
                OtklikTypes.NEGATIVE_FEEDBACK.createSerializer(new SerializerConfigImpl());
        var full = new ru.otklik.common.feedback.NegativeFeedback("r-1", "jc-seeker", "kiosk", "seeker", "BRY", "BRY-01",
                "hall", "e-17", Instant.parse("2026-12-01T09:59:00.123456789Z"), Instant.parse("2026-12-01T10:00:00Z"),
                List.of("Q1", "Q15c"));
        assertEquals(full, roundTrip(serializer, full));
        var bare = new ru.otklik.common.feedback.NegativeFeedback("r-2", "pulse", "link", "", "BRY", "BRY-02", null,
                null, null, Instant.EPOCH, List.of("NPS"));
        assertEquals(bare, roundTrip(serializer, bare));
        assertEquals(serializer, serializer.snapshotConfiguration().restoreSerializer(), "restored from its snapshot");
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
