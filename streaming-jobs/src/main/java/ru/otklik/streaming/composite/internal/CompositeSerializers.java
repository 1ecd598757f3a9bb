package ru.otklik.streaming.composite.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.methodology.CompositeIndex;
import ru.otklik.common.methodology.IndicatorKind;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.response.EventJson;
import ru.otklik.streaming.composite.CompositeInput;
import ru.otklik.streaming.composite.RegionIndexPart;
import ru.otklik.streaming.types.DeadLetterRowCodec;
import ru.otklik.streaming.types.MutableSerializer;
import ru.otklik.streaming.types.SingletonSerializer;

/**
 * Versioned serializers of the composite index's records and state (no Kryo, see {@code OtklikTypes}). The two
 * contract documents (an objective report, a methodology version) are written in their one published encoding, the
 * JSON of {@link EventJson}, behind the format byte: their layout is the contract's, tested in common, and a second
 * field-by-field copy of it here would drift from it.
 */
public final class CompositeSerializers {

    private CompositeSerializers() {
    }

    static void json(Object value, DataOutputView out) throws IOException {
        byte[] bytes = EventJson.mapper().writeValueAsBytes(value);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static <T> T json(Class<T> type, DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return EventJson.mapper().readValue(bytes, type);
    }

    static void nullableDouble(Double d, DataOutputView out) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeDouble(d);
        }
    }

    static Double nullableDouble(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    /** A record of the region stage's input. */
    public static final class CompositeInputSerializer extends SingletonSerializer<CompositeInput> {
        public static final CompositeInputSerializer INSTANCE = new CompositeInputSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public CompositeInput createInstance() {
            return null;
        }

        @Override
        protected void write(CompositeInput c, DataOutputView out) throws IOException {
            StringValue.writeString(c.regionCode(), out);
            if (c.subjective() != null) {
                out.writeByte(0);
                CompositeInput.Subjective s = c.subjective();
                StringValue.writeString(s.officeCode(), out);
                StringValue.writeString(s.month(), out);
                out.writeLong(s.clientTsMillis());
                out.writeInt(s.sign());
                out.writeInt(s.answers().size());
                for (CompositeInput.Answered a : s.answers()) {
                    StringValue.writeString(a.questionId(), out);
                    out.writeBoolean(a.positive());
                }
            } else if (c.report() != null) {
                out.writeByte(1);
                json(c.report(), out);
            } else if (c.methodology() != null) {
                out.writeByte(2);
                json(c.methodology(), out);
            } else {
                out.writeByte(3);
                DeadLetterRowCodec.write(c.deadLetter(), out);
            }
        }

        @Override
        protected CompositeInput read(int version, DataInputView in) throws IOException {
            String region = StringValue.readString(in);
            int kind = in.readUnsignedByte();
            switch (kind) {
                case 0 -> {
                    String office = StringValue.readString(in);
                    String month = StringValue.readString(in);
                    long ts = in.readLong();
                    int sign = in.readInt();
                    int n = in.readInt();
                    List<CompositeInput.Answered> answers = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        answers.add(new CompositeInput.Answered(StringValue.readString(in), in.readBoolean()));
                    }
                    return CompositeInput.of(region, new CompositeInput.Subjective(office, month, ts, sign, answers));
                }
                case 1 -> {
                    return CompositeInput.of(json(ObjectiveReport.class, in));
                }
                case 2 -> {
                    return CompositeInput.of(region, json(Methodology.class, in));
                }
                case 3 -> {
                    return CompositeInput.dead(DeadLetterRowCodec.read(in));
                }
                default -> throw new IOException("CompositeInputSerializer: unknown kind " + kind);
            }
        }

        @Override
        public TypeSerializerSnapshot<CompositeInput> snapshotConfiguration() {
            return new CompositeInputSnapshot();
        }
    }

    public static final class CompositeInputSnapshot extends SimpleTypeSerializerSnapshot<CompositeInput> {
        public CompositeInputSnapshot() {
            super(() -> CompositeInputSerializer.INSTANCE);
        }
    }

    /** A region's part of the federal index (its result and inputs in full). */
    public static final class RegionIndexPartSerializer extends SingletonSerializer<RegionIndexPart> {
        public static final RegionIndexPartSerializer INSTANCE = new RegionIndexPartSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public RegionIndexPart createInstance() {
            return null;
        }

        @Override
        protected void write(RegionIndexPart p, DataOutputView out) throws IOException {
            out.writeInt(p.methodologyVersion());
            StringValue.writeString(p.period(), out);
            out.writeLong(p.periodStart());
            out.writeInt(p.minimumSample());
            out.writeLong(p.version());
            out.writeBoolean(p.live());
            out.writeLong(p.updatedTs());
            StringValue.writeString(p.part().regionCode(), out);
            CompositeIndex.Result r = p.part().result();
            nullableDouble(r.index(), out);
            out.writeInt(r.groups().size());
            for (CompositeIndex.GroupValue g : r.groups()) {
                StringValue.writeString(g.code(), out);
                out.writeDouble(g.weight());
                nullableDouble(g.value(), out);
                out.writeInt(g.counted());
            }
            out.writeInt(r.indicators().size());
            for (CompositeIndex.IndicatorValue v : r.indicators()) {
                StringValue.writeString(v.code(), out);
                StringValue.writeString(v.group(), out);
                out.writeByte(v.kind().ordinal());
                nullableDouble(v.value(), out);
                StringValue.writeString(v.status(), out);
                out.writeLong(v.n());
                out.writeLong(v.positive());
                out.writeDouble(v.points());
                out.writeDouble(v.maxPoints());
            }
            CompositeIndex.Inputs inputs = p.part().inputs();
            Map<String, CompositeIndex.SubjectiveCounts> subjective = new TreeMap<>(inputs.subjective());
            out.writeInt(subjective.size());
            for (var e : subjective.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                out.writeLong(e.getValue().positive());
                out.writeLong(e.getValue().answered());
            }
            Map<String, CompositeIndex.ObjectiveFigure> objective = new TreeMap<>(inputs.objective());
            out.writeInt(objective.size());
            for (var e : objective.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                StringValue.writeString(e.getValue().status(), out);
                out.writeDouble(e.getValue().points());
                out.writeDouble(e.getValue().maxPoints());
                out.writeInt(e.getValue().reporters());
            }
        }

        @Override
        protected RegionIndexPart read(int version, DataInputView in) throws IOException {
            int mv = in.readInt();
            String period = StringValue.readString(in);
            long start = in.readLong();
            int minimumSample = in.readInt();
            long rowVersion = in.readLong();
            boolean live = in.readBoolean();
            long updated = in.readLong();
            String region = StringValue.readString(in);
            Double index = nullableDouble(in);
            int ng = in.readInt();
            List<CompositeIndex.GroupValue> groups = new ArrayList<>(ng);
            for (int i = 0; i < ng; i++) {
                groups.add(new CompositeIndex.GroupValue(StringValue.readString(in), in.readDouble(), nullableDouble(in),
                        in.readInt()));
            }
            int ni = in.readInt();
            List<CompositeIndex.IndicatorValue> indicators = new ArrayList<>(ni);
            for (int i = 0; i < ni; i++) {
                String code = StringValue.readString(in);
                String group = StringValue.readString(in);
                IndicatorKind kind = IndicatorKind.values()[in.readUnsignedByte()];
                Double value = nullableDouble(in);
                String status = StringValue.readString(in);
                indicators.add(new CompositeIndex.IndicatorValue(code, group, kind, value, status, in.readLong(),
                        in.readLong(), in.readDouble(), in.readDouble()));
            }
            Map<String, CompositeIndex.SubjectiveCounts> subjective = new TreeMap<>();
            int ns = in.readInt();
            for (int i = 0; i < ns; i++) {
                subjective.put(StringValue.readString(in), new CompositeIndex.SubjectiveCounts(in.readLong(), in.readLong()));
            }
            Map<String, CompositeIndex.ObjectiveFigure> objective = new TreeMap<>();
            int no = in.readInt();
            for (int i = 0; i < no; i++) {
                String code = StringValue.readString(in);
                objective.put(code, new CompositeIndex.ObjectiveFigure(StringValue.readString(in), in.readDouble(),
                        in.readDouble(), in.readInt()));
            }
            return new RegionIndexPart(mv, period, start, minimumSample, new CompositeIndex.RegionPart(region,
                    new CompositeIndex.Result(index, List.copyOf(groups), List.copyOf(indicators)),
                    new CompositeIndex.Inputs(subjective, objective)), rowVersion, live, updated);
        }

        @Override
        public TypeSerializerSnapshot<RegionIndexPart> snapshotConfiguration() {
            return new RegionIndexPartSnapshot();
        }
    }

    public static final class RegionIndexPartSnapshot extends SimpleTypeSerializerSnapshot<RegionIndexPart> {
        public RegionIndexPartSnapshot() {
            super(() -> RegionIndexPartSerializer.INSTANCE);
        }
    }

    /** State: an office's newest objective report for a period. */
    public static final class ObjectiveReportSerializer extends SingletonSerializer<ObjectiveReport> {
        public static final ObjectiveReportSerializer INSTANCE = new ObjectiveReportSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public ObjectiveReport createInstance() {
            return null;
        }

        @Override
        protected void write(ObjectiveReport r, DataOutputView out) throws IOException {
            json(r, out);
        }

        @Override
        protected ObjectiveReport read(int version, DataInputView in) throws IOException {
            return json(ObjectiveReport.class, in);
        }

        @Override
        public TypeSerializerSnapshot<ObjectiveReport> snapshotConfiguration() {
            return new ObjectiveReportSnapshot();
        }
    }

    public static final class ObjectiveReportSnapshot extends SimpleTypeSerializerSnapshot<ObjectiveReport> {
        public ObjectiveReportSnapshot() {
            super(() -> ObjectiveReportSerializer.INSTANCE);
        }
    }

    /** State: a methodology version. */
    public static final class MethodologySerializer extends SingletonSerializer<Methodology> {
        public static final MethodologySerializer INSTANCE = new MethodologySerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public Methodology createInstance() {
            return null;
        }

        @Override
        protected void write(Methodology m, DataOutputView out) throws IOException {
            json(m, out);
        }

        @Override
        protected Methodology read(int version, DataInputView in) throws IOException {
            return json(Methodology.class, in);
        }

        @Override
        public TypeSerializerSnapshot<Methodology> snapshotConfiguration() {
            return new MethodologySnapshot();
        }
    }

    public static final class MethodologySnapshot extends SimpleTypeSerializerSnapshot<Methodology> {
        public MethodologySnapshot() {
            super(() -> MethodologySerializer.INSTANCE);
        }
    }

    /** State: one office's counts of one month (mutable: the stage adds to it in place). */
    public static final class OfficeMonthSerializer extends MutableSerializer<OfficeMonth> {
        public static final OfficeMonthSerializer INSTANCE = new OfficeMonthSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public OfficeMonth createInstance() {
            return new OfficeMonth();
        }

        @Override
        protected void write(OfficeMonth m, DataOutputView out) throws IOException {
            out.writeInt(m.counts.size());
            for (var e : m.counts.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                out.writeLong(e.getValue()[0]);
                out.writeLong(e.getValue()[1]);
            }
        }

        @Override
        protected OfficeMonth read(int version, DataInputView in) throws IOException {
            OfficeMonth m = new OfficeMonth();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                m.counts.put(StringValue.readString(in), new long[] {in.readLong(), in.readLong()});
            }
            return m;
        }

        @Override
        public TypeSerializerSnapshot<OfficeMonth> snapshotConfiguration() {
            return new OfficeMonthSnapshot();
        }
    }

    public static final class OfficeMonthSnapshot extends SimpleTypeSerializerSnapshot<OfficeMonth> {
        public OfficeMonthSnapshot() {
            super(() -> OfficeMonthSerializer.INSTANCE);
        }
    }

    /** State: a month's or a period's tally. */
    public static final class TallySerializer extends SingletonSerializer<Tally> {
        public static final TallySerializer INSTANCE = new TallySerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public Tally createInstance() {
            return Tally.NONE;
        }

        @Override
        protected void write(Tally t, DataOutputView out) throws IOException {
            out.writeLong(t.inputs());
            out.writeLong(t.newestMillis());
        }

        @Override
        protected Tally read(int version, DataInputView in) throws IOException {
            return new Tally(in.readLong(), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<Tally> snapshotConfiguration() {
            return new TallySnapshot();
        }
    }

    public static final class TallySnapshot extends SimpleTypeSerializerSnapshot<Tally> {
        public TallySnapshot() {
            super(() -> TallySerializer.INSTANCE);
        }
    }

    /** State: what was last written for a (methodology version, period). */
    public static final class EmittedSerializer extends SingletonSerializer<Emitted> {
        public static final EmittedSerializer INSTANCE = new EmittedSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public Emitted createInstance() {
            return null;
        }

        @Override
        protected void write(Emitted e, DataOutputView out) throws IOException {
            out.writeLong(e.version());
            out.writeBoolean(e.live());
        }

        @Override
        protected Emitted read(int version, DataInputView in) throws IOException {
            return new Emitted(in.readLong(), in.readBoolean());
        }

        @Override
        public TypeSerializerSnapshot<Emitted> snapshotConfiguration() {
            return new EmittedSnapshot();
        }
    }

    public static final class EmittedSnapshot extends SimpleTypeSerializerSnapshot<Emitted> {
        public EmittedSnapshot() {
            super(() -> EmittedSerializer.INSTANCE);
        }
    }
}
