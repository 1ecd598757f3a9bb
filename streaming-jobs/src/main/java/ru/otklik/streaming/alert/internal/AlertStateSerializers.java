package ru.otklik.streaming.alert.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import ru.otklik.common.alert.DropDetector;
import ru.otklik.common.alert.DropSignal;
import ru.otklik.streaming.types.MutableSerializer;
import ru.otklik.streaming.types.SingletonSerializer;

/** The typed, versioned serializers of the alert stages' state (drop test and fraud flags). */
public final class AlertStateSerializers {

    private AlertStateSerializers() {
    }

    /** An office's drop scopes (mutable: the stage changes them in place). */
    public static final class OfficeDropsSerializer extends MutableSerializer<OfficeDrops> {
        public static final OfficeDropsSerializer INSTANCE = new OfficeDropsSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public OfficeDrops createInstance() {
            return new OfficeDrops("");
        }

        @Override
        protected void write(OfficeDrops o, DataOutputView out) throws IOException {
            StringValue.writeString(o.regionCode, out);
            out.writeByte(o.scopes.size());
            for (var e : o.scopes.entrySet()) {
                DropScope s = e.getValue();
                StringValue.writeString(e.getKey().name(), out); // by name: a new signal never shifts the others
                s.detector.writeTo(out);
                out.writeShort(s.badIds.size());
                for (String id : s.badIds) {
                    StringValue.writeString(id, out);
                }
                out.writeLong(s.runStart);
                out.writeBoolean(s.alertId != null);
                if (s.alertId != null) {
                    StringValue.writeString(s.alertId, out);
                }
                out.writeLong(s.openedAt);
                out.writeBoolean(s.escalated);
                out.writeInt(s.peakStatistic);
                out.writeLong(s.peakObserved);
                out.writeLong(s.peakBad);
            }
        }

        @Override
        protected OfficeDrops read(int version, DataInputView in) throws IOException {
            OfficeDrops o = new OfficeDrops(StringValue.readString(in));
            int scopes = in.readUnsignedByte();
            for (int i = 0; i < scopes; i++) {
                DropSignal signal = DropSignal.valueOf(StringValue.readString(in));
                DropScope s = new DropScope(DropDetector.readFrom(in));
                int ids = in.readUnsignedShort();
                for (int k = 0; k < ids; k++) {
                    s.badIds.addLast(StringValue.readString(in));
                }
                s.runStart = in.readLong();
                s.alertId = in.readBoolean() ? StringValue.readString(in) : null;
                s.openedAt = in.readLong();
                s.escalated = in.readBoolean();
                s.peakStatistic = in.readInt();
                s.peakObserved = in.readLong();
                s.peakBad = in.readLong();
                o.scopes.put(signal, s);
            }
            return o;
        }

        @Override
        public TypeSerializerSnapshot<OfficeDrops> snapshotConfiguration() {
            return new OfficeDropsSnapshot();
        }
    }

    public static final class OfficeDropsSnapshot extends SimpleTypeSerializerSnapshot<OfficeDrops> {
        public OfficeDropsSnapshot() {
            super(() -> OfficeDropsSerializer.INSTANCE);
        }
    }

    /** The observations waiting at one event time (immutable lists: a new one replaces the old). */
    public static final class PendingSerializer extends SingletonSerializer<List<PendingObservation>> {
        public static final PendingSerializer INSTANCE = new PendingSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public List<PendingObservation> createInstance() {
            return List.of();
        }

        @Override
        protected void write(List<PendingObservation> list, DataOutputView out) throws IOException {
            out.writeInt(list.size());
            for (PendingObservation p : list) {
                out.writeLong(p.at());
                StringValue.writeString(p.responseId(), out);
                StringValue.writeString(p.signal().name(), out);
                out.writeBoolean(p.bad());
            }
        }

        @Override
        protected List<PendingObservation> read(int version, DataInputView in) throws IOException {
            int n = in.readInt();
            List<PendingObservation> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(new PendingObservation(in.readLong(), StringValue.readString(in),
                        DropSignal.valueOf(StringValue.readString(in)), in.readBoolean()));
            }
            return List.copyOf(list);
        }

        @Override
        public TypeSerializerSnapshot<List<PendingObservation>> snapshotConfiguration() {
            return new PendingSnapshot();
        }
    }

    public static final class PendingSnapshot extends SimpleTypeSerializerSnapshot<List<PendingObservation>> {
        public PendingSnapshot() {
            super(() -> PendingSerializer.INSTANCE);
        }
    }

    /** One source of one fraud signal (mutable: the stage changes it in place). */
    public static final class FraudClusterSerializer extends MutableSerializer<FraudCluster> {
        public static final FraudClusterSerializer INSTANCE = new FraudClusterSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public FraudCluster createInstance() {
            return new FraudCluster();
        }

        @Override
        protected void write(FraudCluster c, DataOutputView out) throws IOException {
            out.writeInt(c.times.size());
            for (long t : c.times) {
                out.writeLong(t);
            }
            out.writeInt(c.ids.size());
            for (String id : c.ids) {
                StringValue.writeString(id, out);
            }
            out.writeLong(c.last);
            out.writeBoolean(c.alertId != null);
            if (c.alertId != null) {
                StringValue.writeString(c.alertId, out);
            }
            out.writeLong(c.startedAt);
            out.writeLong(c.openedAt);
            out.writeLong(c.involved);
            out.writeInt(c.peak);
        }

        @Override
        protected FraudCluster read(int version, DataInputView in) throws IOException {
            FraudCluster c = new FraudCluster();
            int times = in.readInt();
            for (int i = 0; i < times; i++) {
                c.times.addLast(in.readLong());
            }
            int ids = in.readInt();
            for (int i = 0; i < ids; i++) {
                c.ids.addLast(StringValue.readString(in));
            }
            c.last = in.readLong();
            c.alertId = in.readBoolean() ? StringValue.readString(in) : null;
            c.startedAt = in.readLong();
            c.openedAt = in.readLong();
            c.involved = in.readLong();
            c.peak = in.readInt();
            return c;
        }

        @Override
        public TypeSerializerSnapshot<FraudCluster> snapshotConfiguration() {
            return new FraudClusterSnapshot();
        }
    }

    public static final class FraudClusterSnapshot extends SimpleTypeSerializerSnapshot<FraudCluster> {
        public FraudClusterSnapshot() {
            super(() -> FraudClusterSerializer.INSTANCE);
        }
    }

    /** A touchpoint's last contact and open silence flag (immutable). */
    public static final class KioskSilenceSerializer extends SingletonSerializer<KioskSilence> {
        public static final KioskSilenceSerializer INSTANCE = new KioskSilenceSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public KioskSilence createInstance() {
            return null;
        }

        @Override
        protected void write(KioskSilence s, DataOutputView out) throws IOException {
            out.writeLong(s.last());
            out.writeBoolean(s.alertId() != null);
            if (s.alertId() != null) {
                StringValue.writeString(s.alertId(), out);
            }
            out.writeLong(s.openedAt());
        }

        @Override
        protected KioskSilence read(int version, DataInputView in) throws IOException {
            long last = in.readLong();
            String id = in.readBoolean() ? StringValue.readString(in) : null;
            return new KioskSilence(last, id, in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<KioskSilence> snapshotConfiguration() {
            return new KioskSilenceSnapshot();
        }
    }

    public static final class KioskSilenceSnapshot extends SimpleTypeSerializerSnapshot<KioskSilence> {
        public KioskSilenceSnapshot() {
            super(() -> KioskSilenceSerializer.INSTANCE);
        }
    }
}
