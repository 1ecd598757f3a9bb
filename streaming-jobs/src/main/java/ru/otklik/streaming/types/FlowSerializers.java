package ru.otklik.streaming.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.source.SourceRecord;

/** Serializers of the records that flow between the job's operators (not kept in state). */
final class FlowSerializers {

    private FlowSerializers() {
    }

    static final class SourceRecordSerializer extends SingletonSerializer<SourceRecord> {
        static final SourceRecordSerializer INSTANCE = new SourceRecordSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public SourceRecord createInstance() {
            return null;
        }

        @Override
        protected void write(SourceRecord r, DataOutputView out) throws IOException {
            out.writeBoolean(r.isValid());
            if (r.isValid()) {
                SurveyResponseSerializer.INSTANCE.serialize(r.response(), out);
                return;
            }
            DeadLetterRowCodec.write(r.deadLetter(), out);
        }

        @Override
        protected SourceRecord read(int version, DataInputView in) throws IOException {
            if (in.readBoolean()) {
                return SourceRecord.valid(SurveyResponseSerializer.INSTANCE.deserialize(in));
            }
            return SourceRecord.dead(DeadLetterRowCodec.read(in));
        }

        @Override
        public TypeSerializerSnapshot<SourceRecord> snapshotConfiguration() {
            return new SourceRecordSnapshot();
        }
    }

    public static final class SourceRecordSnapshot extends SimpleTypeSerializerSnapshot<SourceRecord> {
        public SourceRecordSnapshot() {
            super(() -> SourceRecordSerializer.INSTANCE);
        }
    }

    static final class ResponseChangeSerializer extends SingletonSerializer<ResponseChange> {
        static final ResponseChangeSerializer INSTANCE = new ResponseChangeSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ResponseChange createInstance() {
            return null;
        }

        @Override
        protected void write(ResponseChange c, DataOutputView out) throws IOException {
            out.writeByte(c.kind().ordinal());
            SurveyResponseSerializer.INSTANCE.serialize(c.response(), out);
        }

        @Override
        protected ResponseChange read(int version, DataInputView in) throws IOException {
            ResponseChange.Kind kind = ResponseChange.Kind.values()[in.readByte()];
            return new ResponseChange(kind, SurveyResponseSerializer.INSTANCE.deserialize(in));
        }

        @Override
        public TypeSerializerSnapshot<ResponseChange> snapshotConfiguration() {
            return new ResponseChangeSnapshot();
        }
    }

    public static final class ResponseChangeSnapshot extends SimpleTypeSerializerSnapshot<ResponseChange> {
        public ResponseChangeSnapshot() {
            super(() -> ResponseChangeSerializer.INSTANCE);
        }
    }

    static final class EncodedRowSerializer extends SingletonSerializer<EncodedRow> {
        static final EncodedRowSerializer INSTANCE = new EncodedRowSerializer();

        @Override
        protected int formatVersion() {
            return 2; // 2: the sendNow flag
        }

        @Override
        public EncodedRow createInstance() {
            return null;
        }

        @Override
        protected void write(EncodedRow r, DataOutputView out) throws IOException {
            out.writeByte(r.table());
            out.writeInt(r.rows());
            out.writeInt(r.bytes().length);
            out.write(r.bytes());
            out.writeBoolean(r.sendNow());
        }

        @Override
        protected EncodedRow read(int version, DataInputView in) throws IOException {
            int table = in.readUnsignedByte();
            int rows = in.readInt();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new EncodedRow(table, rows, bytes, version >= 2 && in.readBoolean());
        }

        @Override
        public TypeSerializerSnapshot<EncodedRow> snapshotConfiguration() {
            return new EncodedRowSnapshot();
        }
    }

    public static final class EncodedRowSnapshot extends SimpleTypeSerializerSnapshot<EncodedRow> {
        public EncodedRowSnapshot() {
            super(() -> EncodedRowSerializer.INSTANCE);
        }
    }

    /** Alert events on their way to Kafka: their own JSON (what the topic carries), behind the format byte. */
    static final class AlertEventSerializer extends SingletonSerializer<ru.otklik.common.alert.AlertEvent> {
        static final AlertEventSerializer INSTANCE = new AlertEventSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ru.otklik.common.alert.AlertEvent createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.common.alert.AlertEvent e, DataOutputView out) throws IOException {
            byte[] json = ru.otklik.common.response.EventJson.toBytes(e);
            out.writeInt(json.length);
            out.write(json);
        }

        @Override
        protected ru.otklik.common.alert.AlertEvent read(int version, DataInputView in) throws IOException {
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return ru.otklik.common.response.EventJson.fromBytes(json, ru.otklik.common.alert.AlertEvent.class);
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.common.alert.AlertEvent> snapshotConfiguration() {
            return new AlertEventSnapshot();
        }
    }

    public static final class AlertEventSnapshot extends SimpleTypeSerializerSnapshot<ru.otklik.common.alert.AlertEvent> {
        public AlertEventSnapshot() {
            super(() -> AlertEventSerializer.INSTANCE);
        }
    }

    /** A review of a fraud flag on its way to the fraud stage (it is small and rare: its JSON as it came). */
    static final class FlagReviewSerializer extends SingletonSerializer<ru.otklik.common.alert.FlagReviewEvent> {
        static final FlagReviewSerializer INSTANCE = new FlagReviewSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ru.otklik.common.alert.FlagReviewEvent createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.common.alert.FlagReviewEvent e, DataOutputView out) throws IOException {
            byte[] json = ru.otklik.common.response.EventJson.toBytes(e);
            out.writeInt(json.length);
            out.write(json);
        }

        @Override
        protected ru.otklik.common.alert.FlagReviewEvent read(int version, DataInputView in) throws IOException {
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return ru.otklik.common.response.EventJson.fromBytes(json, ru.otklik.common.alert.FlagReviewEvent.class);
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.common.alert.FlagReviewEvent> snapshotConfiguration() {
            return new FlagReviewSnapshot();
        }
    }

    public static final class FlagReviewSnapshot extends SimpleTypeSerializerSnapshot<ru.otklik.common.alert.FlagReviewEvent> {
        public FlagReviewSnapshot() {
            super(() -> FlagReviewSerializer.INSTANCE);
        }
    }

    /** Strings may be null (StringValue writes null as its own mark), as in the other flow records. */
    static final class LinkReuseSerializer extends SingletonSerializer<ru.otklik.common.link.LinkReuse> {
        static final LinkReuseSerializer INSTANCE = new LinkReuseSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ru.otklik.common.link.LinkReuse createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.common.link.LinkReuse r, DataOutputView out) throws IOException {
            for (String text : new String[] {r.linkId(), r.surveyId(), r.regionCode(), r.officeCode(), r.employeeId(),
                    r.firstResponseId(), r.attemptId()}) {
                StringValue.writeString(text, out);
            }
            SurveyResponseSerializer.instant(r.attemptedAt(), out);
            StringValue.writeString(r.ipHash(), out);
            StringValue.writeString(r.userAgentHash(), out);
        }

        @Override
        protected ru.otklik.common.link.LinkReuse read(int version, DataInputView in) throws IOException {
            return new ru.otklik.common.link.LinkReuse(StringValue.readString(in), StringValue.readString(in),
                    StringValue.readString(in), StringValue.readString(in), StringValue.readString(in),
                    StringValue.readString(in), StringValue.readString(in), SurveyResponseSerializer.instant(in),
                    StringValue.readString(in), StringValue.readString(in));
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.common.link.LinkReuse> snapshotConfiguration() {
            return new LinkReuseSnapshot();
        }
    }

    public static final class LinkReuseSnapshot extends SimpleTypeSerializerSnapshot<ru.otklik.common.link.LinkReuse> {
        public LinkReuseSnapshot() {
            super(() -> LinkReuseSerializer.INSTANCE);
        }
    }

    static final class OfficeShareDaySerializer extends SingletonSerializer<ru.otklik.streaming.alert.OfficeShareDay> {
        static final OfficeShareDaySerializer INSTANCE = new OfficeShareDaySerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ru.otklik.streaming.alert.OfficeShareDay createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.streaming.alert.OfficeShareDay d, DataOutputView out) throws IOException {
            StringValue.writeString(d.regionCode(), out);
            StringValue.writeString(d.officeCode(), out);
            out.writeLong(d.day());
            out.writeInt(d.forms());
            out.writeInt(d.top());
            out.writeInt(d.positive());
        }

        @Override
        protected ru.otklik.streaming.alert.OfficeShareDay read(int version, DataInputView in) throws IOException {
            return new ru.otklik.streaming.alert.OfficeShareDay(StringValue.readString(in), StringValue.readString(in),
                    in.readLong(), in.readInt(), in.readInt(), in.readInt());
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.streaming.alert.OfficeShareDay> snapshotConfiguration() {
            return new OfficeShareDaySnapshot();
        }
    }

    public static final class OfficeShareDaySnapshot extends SimpleTypeSerializerSnapshot<ru.otklik.streaming.alert.OfficeShareDay> {
        public OfficeShareDaySnapshot() {
            super(() -> OfficeShareDaySerializer.INSTANCE);
        }
    }

    static final class KioskContactSerializer extends SingletonSerializer<ru.otklik.streaming.alert.KioskContact> {
        static final KioskContactSerializer INSTANCE = new KioskContactSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ru.otklik.streaming.alert.KioskContact createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.streaming.alert.KioskContact c, DataOutputView out) throws IOException {
            StringValue.writeString(c.officeCode(), out);
            StringValue.writeString(c.touchpointId(), out);
            out.writeLong(c.at());
        }

        @Override
        protected ru.otklik.streaming.alert.KioskContact read(int version, DataInputView in) throws IOException {
            return new ru.otklik.streaming.alert.KioskContact(StringValue.readString(in), StringValue.readString(in),
                    in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.streaming.alert.KioskContact> snapshotConfiguration() {
            return new KioskContactSnapshot();
        }
    }

    public static final class KioskContactSnapshot extends SimpleTypeSerializerSnapshot<ru.otklik.streaming.alert.KioskContact> {
        public KioskContactSnapshot() {
            super(() -> KioskContactSerializer.INSTANCE);
        }
    }

    static final class DropObservationSerializer extends SingletonSerializer<ru.otklik.streaming.alert.DropObservation> {
        static final DropObservationSerializer INSTANCE = new DropObservationSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ru.otklik.streaming.alert.DropObservation createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.streaming.alert.DropObservation o, DataOutputView out) throws IOException {
            StringValue.writeString(o.officeCode(), out);
            StringValue.writeString(o.regionCode(), out);
            out.writeLong(o.at());
            StringValue.writeString(o.responseId(), out);
            StringValue.writeString(o.signal().name(), out); // by name: a new signal never shifts the others
            out.writeBoolean(o.bad());
        }

        @Override
        protected ru.otklik.streaming.alert.DropObservation read(int version, DataInputView in) throws IOException {
            return new ru.otklik.streaming.alert.DropObservation(StringValue.readString(in), StringValue.readString(in),
                    in.readLong(), StringValue.readString(in),
                    ru.otklik.common.alert.DropSignal.valueOf(StringValue.readString(in)), in.readBoolean());
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.streaming.alert.DropObservation> snapshotConfiguration() {
            return new DropObservationSnapshot();
        }
    }

    public static final class DropObservationSnapshot
            extends SimpleTypeSerializerSnapshot<ru.otklik.streaming.alert.DropObservation> {
        public DropObservationSnapshot() {
            super(() -> DropObservationSerializer.INSTANCE);
        }
    }

    static final class FraudSightingSerializer extends SingletonSerializer<ru.otklik.streaming.alert.FraudSighting> {
        static final FraudSightingSerializer INSTANCE = new FraudSightingSerializer();

        @Override
        protected int formatVersion() {
            return 2; // 2: with the whole response
        }

        @Override
        public ru.otklik.streaming.alert.FraudSighting createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.streaming.alert.FraudSighting f, DataOutputView out) throws IOException {
            StringValue.writeString(f.officeCode(), out);
            StringValue.writeString(f.regionCode(), out);
            StringValue.writeString(f.signal().name(), out);
            StringValue.writeString(f.source(), out);
            out.writeLong(f.at());
            StringValue.writeString(f.responseId(), out);
            SurveyResponseSerializer.INSTANCE.serialize(f.response(), out);
        }

        @Override
        protected ru.otklik.streaming.alert.FraudSighting read(int version, DataInputView in) throws IOException {
            return new ru.otklik.streaming.alert.FraudSighting(StringValue.readString(in), StringValue.readString(in),
                    ru.otklik.common.alert.FraudSignal.valueOf(StringValue.readString(in)), StringValue.readString(in),
                    in.readLong(), StringValue.readString(in), version >= 2 ? SurveyResponseSerializer.INSTANCE.deserialize(in) : null);
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.streaming.alert.FraudSighting> snapshotConfiguration() {
            return new FraudSightingSnapshot();
        }
    }

    public static final class FraudSightingSnapshot
            extends SimpleTypeSerializerSnapshot<ru.otklik.streaming.alert.FraudSighting> {
        public FraudSightingSnapshot() {
            super(() -> FraudSightingSerializer.INSTANCE);
        }
    }

    /** A case on its way to Kafka: field by field, the optional ones (touchpoint, employee, times) may be null. */
    static final class NegativeFeedbackSerializer extends SingletonSerializer<ru.otklik.common.feedback.NegativeFeedback> {
        static final NegativeFeedbackSerializer INSTANCE = new NegativeFeedbackSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ru.otklik.common.feedback.NegativeFeedback createInstance() {
            return null;
        }

        @Override
        protected void write(ru.otklik.common.feedback.NegativeFeedback f, DataOutputView out) throws IOException {
            StringValue.writeString(f.responseId(), out);
            StringValue.writeString(f.surveyId(), out);
            StringValue.writeString(f.channel(), out);
            StringValue.writeString(f.audience(), out);
            StringValue.writeString(f.regionCode(), out);
            StringValue.writeString(f.officeCode(), out);
            StringValue.writeString(f.touchpointId(), out);
            StringValue.writeString(f.employeeId(), out);
            SurveyResponseSerializer.instant(f.clientTs(), out);
            SurveyResponseSerializer.instant(f.receivedTs(), out);
            out.writeInt(f.lowItems().size());
            for (String item : f.lowItems()) {
                StringValue.writeString(item, out);
            }
        }

        @Override
        protected ru.otklik.common.feedback.NegativeFeedback read(int version, DataInputView in) throws IOException {
            String responseId = StringValue.readString(in);
            String surveyId = StringValue.readString(in);
            String channel = StringValue.readString(in);
            String audience = StringValue.readString(in);
            String region = StringValue.readString(in);
            String office = StringValue.readString(in);
            String touchpoint = StringValue.readString(in);
            String employee = StringValue.readString(in);
            java.time.Instant clientTs = SurveyResponseSerializer.instant(in);
            java.time.Instant receivedTs = SurveyResponseSerializer.instant(in);
            int n = in.readInt();
            java.util.List<String> lowItems = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                lowItems.add(StringValue.readString(in));
            }
            return new ru.otklik.common.feedback.NegativeFeedback(responseId, surveyId, channel, audience, region, office,
                    touchpoint, employee, clientTs, receivedTs, lowItems);
        }

        @Override
        public TypeSerializerSnapshot<ru.otklik.common.feedback.NegativeFeedback> snapshotConfiguration() {
            return new NegativeFeedbackSnapshot();
        }
    }

    public static final class NegativeFeedbackSnapshot
            extends SimpleTypeSerializerSnapshot<ru.otklik.common.feedback.NegativeFeedback> {
        public NegativeFeedbackSnapshot() {
            super(() -> NegativeFeedbackSerializer.INSTANCE);
        }
    }
}
