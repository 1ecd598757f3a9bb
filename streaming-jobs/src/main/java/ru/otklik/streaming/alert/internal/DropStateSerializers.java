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

/** The typed, versioned serializers of the drop stage's state. */
public final class DropStateSerializers {

    private DropStateSerializers() {
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
                list.add(new PendingObservation(StringValue.readString(in), DropSignal.valueOf(StringValue.readString(in)),
                        in.readBoolean()));
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
}
