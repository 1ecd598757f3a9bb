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
import ru.otklik.common.alert.FixedRuleSettings;
import ru.otklik.common.alert.FraudSignal;
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
            return 2; // 2: the fixed rule's scopes follow the statistical ones (1 had none)
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
            out.writeByte(o.fixed.size());
            for (var e : o.fixed.entrySet()) {
                FixedScope f = e.getValue();
                StringValue.writeString(e.getKey().name(), out);
                StringValue.writeString(settingsOf(f), out);
                f.rule.writeTo(out);
                out.writeShort(f.badIds.size());
                for (String id : f.badIds) {
                    StringValue.writeString(id, out);
                }
                out.writeBoolean(f.alertId != null);
                if (f.alertId != null) {
                    StringValue.writeString(f.alertId, out);
                }
                out.writeLong(f.openedAt);
                out.writeInt(f.peakObserved);
                out.writeInt(f.peakBad);
            }
        }

        /** The rule's settings travel with its state (as the drop test's do), so a restore needs no configuration. */
        private static String settingsOf(FixedScope f) {
            return f.rule.windowSeconds() + "/" + f.rule.minimum() + "/" + f.rule.badShare();
        }

        private static FixedRuleSettings settingsFrom(String text) {
            String[] p = text.split("/");
            return new FixedRuleSettings(FixedRuleSettings.Rule.FIXED, Long.parseLong(p[0]), Integer.parseInt(p[1]),
                    Double.parseDouble(p[2]));
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
            int fixedScopes = version >= 2 ? in.readUnsignedByte() : 0;
            for (int i = 0; i < fixedScopes; i++) {
                DropSignal signal = DropSignal.valueOf(StringValue.readString(in));
                FixedScope f = new FixedScope(ru.otklik.common.alert.FixedDropRule.readFrom(in,
                        settingsFrom(StringValue.readString(in))));
                int ids = in.readUnsignedShort();
                for (int k = 0; k < ids; k++) {
                    f.badIds.addLast(StringValue.readString(in));
                }
                f.alertId = in.readBoolean() ? StringValue.readString(in) : null;
                f.openedAt = in.readLong();
                f.peakObserved = in.readInt();
                f.peakBad = in.readInt();
                o.fixed.put(signal, f);
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

    /** Where an item waits in an event-time queue (a map key: the same slot, the same bytes). */
    public static final class QueueSlotSerializer extends SingletonSerializer<QueueSlot> {
        public static final QueueSlotSerializer INSTANCE = new QueueSlotSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public QueueSlot createInstance() {
            return null;
        }

        @Override
        protected void write(QueueSlot q, DataOutputView out) throws IOException {
            out.writeLong(q.slot());
            out.writeLong(q.at());
            StringValue.writeString(q.id(), out);
        }

        @Override
        protected QueueSlot read(int version, DataInputView in) throws IOException {
            return new QueueSlot(in.readLong(), in.readLong(), StringValue.readString(in));
        }

        @Override
        public TypeSerializerSnapshot<QueueSlot> snapshotConfiguration() {
            return new QueueSlotSnapshot();
        }
    }

    public static final class QueueSlotSnapshot extends SimpleTypeSerializerSnapshot<QueueSlot> {
        public QueueSlotSnapshot() {
            super(() -> QueueSlotSerializer.INSTANCE);
        }
    }

    /** One source of one fraud signal (mutable: the stage changes it in place). */
    public static final class FraudClusterSerializer extends MutableSerializer<FraudCluster> {
        public static final FraudClusterSerializer INSTANCE = new FraudClusterSerializer();

        @Override
        protected int formatVersion() {
            return 3; // 2: a cluster names its office, region, signal and source (it is keyed by them); 3: lastGathered
        }

        @Override
        public FraudCluster createInstance() {
            return new FraudCluster("", "", FraudSignal.SOURCE_BURST, "");
        }

        @Override
        protected void write(FraudCluster c, DataOutputView out) throws IOException {
            StringValue.writeString(c.office, out);
            StringValue.writeString(c.region, out);
            StringValue.writeString(c.signal.name(), out);
            StringValue.writeString(c.source, out);
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
            out.writeLong(c.lastGathered);
        }

        @Override
        protected FraudCluster read(int version, DataInputView in) throws IOException {
            if (version < 2) { // state layout 3 kept clusters per office; layout 4 starts afresh (OfficeIndicatorsJob)
                throw new IOException("FraudClusterSerializer: format " + version + " (clusters keyed by office) is not read");
            }
            FraudCluster c = new FraudCluster(StringValue.readString(in), StringValue.readString(in),
                    FraudSignal.valueOf(StringValue.readString(in)), StringValue.readString(in));
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
            // format 2 gathered every response while open: its newest is the one it gathered last
            c.lastGathered = version >= 3 ? in.readLong() : c.last;
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

    /** The shift test's state of every office (mutable: the stage changes it in place). */
    public static final class OfficeSharesSerializer extends MutableSerializer<OfficeShares> {
        public static final OfficeSharesSerializer INSTANCE = new OfficeSharesSerializer();

        @Override
        protected int formatVersion() {
            return 2; // 2: one state for the country, each office with its region (layout 6)
        }

        @Override
        public OfficeShares createInstance() {
            return new OfficeShares();
        }

        @Override
        protected void write(OfficeShares r, DataOutputView out) throws IOException {
            out.writeInt(r.offices.size());
            for (var e : r.offices.entrySet()) {
                OfficeShares.Office o = e.getValue();
                StringValue.writeString(e.getKey(), out);
                StringValue.writeString(o.region, out);
                out.writeInt(o.days.size());
                for (var d : o.days.entrySet()) {
                    out.writeLong(d.getKey());
                    out.writeInt(d.getValue()[0]);
                    out.writeInt(d.getValue()[1]);
                    out.writeInt(d.getValue()[2]);
                }
                out.writeBoolean(o.alertId != null);
                if (o.alertId != null) {
                    StringValue.writeString(o.alertId, out);
                    out.writeLong(o.startedDay);
                    out.writeLong(o.openedAt);
                    out.writeBoolean(o.escalated);
                }
            }
        }

        @Override
        protected OfficeShares read(int version, DataInputView in) throws IOException {
            if (version < 2) { // a region's state, keyed by region: layout 6 starts afresh (OfficeIndicatorsJob)
                throw new IOException("OfficeSharesSerializer: format " + version + " (one state per region) is not read");
            }
            OfficeShares r = new OfficeShares();
            int offices = in.readInt();
            for (int i = 0; i < offices; i++) {
                OfficeShares.Office o = new OfficeShares.Office();
                String code = StringValue.readString(in);
                o.region = StringValue.readString(in);
                int days = in.readInt();
                for (int k = 0; k < days; k++) {
                    o.days.put(in.readLong(), new int[] {in.readInt(), in.readInt(), in.readInt()});
                }
                if (in.readBoolean()) {
                    o.alertId = StringValue.readString(in);
                    o.startedDay = in.readLong();
                    o.openedAt = in.readLong();
                    o.escalated = in.readBoolean();
                }
                r.offices.put(code, o);
            }
            return r;
        }

        @Override
        public TypeSerializerSnapshot<OfficeShares> snapshotConfiguration() {
            return new OfficeSharesSnapshot();
        }
    }

    public static final class OfficeSharesSnapshot extends SimpleTypeSerializerSnapshot<OfficeShares> {
        public OfficeSharesSnapshot() {
            super(() -> OfficeSharesSerializer.INSTANCE);
        }
    }

    /** A reused link's flag (mutable: the stage changes it in place). */
    public static final class ReusedLinkSerializer extends MutableSerializer<ReusedLink> {
        public static final ReusedLinkSerializer INSTANCE = new ReusedLinkSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ReusedLink createInstance() {
            return new ReusedLink("", "", "", "", "", 0);
        }

        @Override
        protected void write(ReusedLink l, DataOutputView out) throws IOException {
            StringValue.writeString(l.alertId, out);
            StringValue.writeString(l.regionCode, out);
            StringValue.writeString(l.officeCode, out);
            StringValue.writeString(l.surveyId == null ? "" : l.surveyId, out);
            StringValue.writeString(l.firstResponseId == null ? "" : l.firstResponseId, out);
            out.writeLong(l.first);
            out.writeLong(l.last);
            out.writeInt(l.attempts);
            out.writeInt(l.addresses.size());
            for (String a : l.addresses) {
                StringValue.writeString(a, out);
            }
        }

        @Override
        protected ReusedLink read(int version, DataInputView in) throws IOException {
            ReusedLink l = new ReusedLink(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in),
                    StringValue.readString(in), StringValue.readString(in), in.readLong());
            l.last = in.readLong();
            l.attempts = in.readInt();
            int addresses = in.readInt();
            for (int i = 0; i < addresses; i++) {
                l.addAddress(StringValue.readString(in));
            }
            return l;
        }

        @Override
        public TypeSerializerSnapshot<ReusedLink> snapshotConfiguration() {
            return new ReusedLinkSnapshot();
        }
    }

    public static final class ReusedLinkSnapshot extends SimpleTypeSerializerSnapshot<ReusedLink> {
        public ReusedLinkSnapshot() {
            super(() -> ReusedLinkSerializer.INSTANCE);
        }
    }
}
