package ru.otklik.streaming.assessment.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import ru.otklik.common.assessment.ExtraAnswer;
import ru.otklik.common.assessment.IndicatorAnswer;
import ru.otklik.common.assessment.RaterAssignment;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.streaming.types.DeadLetterRowCodec;
import ru.otklik.streaming.assessment.AssessmentRecord;
import ru.otklik.streaming.types.MutableSerializer;
import ru.otklik.streaming.types.SingletonSerializer;

/** Versioned serializers of the 360 stage's records and state (no Kryo, see {@code OtklikTypes}). */
public final class AssessmentSerializers {

    private AssessmentSerializers() {
    }

    static void instant(Instant t, DataOutputView out) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    static Instant instant(DataInputView in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    /** A submission (its extra answers too: they travel, though the stage never counts them). */
    public static final class RaterSubmissionSerializer extends SingletonSerializer<RaterSubmission> {
        public static final RaterSubmissionSerializer INSTANCE = new RaterSubmissionSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public RaterSubmission createInstance() {
            return null;
        }

        @Override
        protected void write(RaterSubmission s, DataOutputView out) throws IOException {
            StringValue.writeString(s.submissionId(), out);
            StringValue.writeString(s.sessionId(), out);
            StringValue.writeString(s.targetId(), out);
            StringValue.writeString(s.raterKey(), out);
            StringValue.writeString(s.roleCode(), out);
            out.writeLong(s.modelVersion());
            out.writeInt(s.scaleMax());
            instant(s.submittedAt(), out);
            out.writeInt(s.answers().size());
            for (IndicatorAnswer a : s.answers()) {
                StringValue.writeString(a.indicatorCode(), out);
                StringValue.writeString(a.competencyCode(), out);
                StringValue.writeString(a.optionCode(), out);
                out.writeBoolean(a.points() != null);
                if (a.points() != null) {
                    out.writeInt(a.points());
                }
                StringValue.writeString(a.comment(), out);
            }
            out.writeInt(s.extraAnswers().size());
            for (ExtraAnswer e : s.extraAnswers()) {
                StringValue.writeString(e.questionCode(), out);
                StringValue.writeString(e.text(), out);
            }
        }

        @Override
        protected RaterSubmission read(int version, DataInputView in) throws IOException {
            String id = StringValue.readString(in);
            String session = StringValue.readString(in);
            String target = StringValue.readString(in);
            String rater = StringValue.readString(in);
            String role = StringValue.readString(in);
            long model = in.readLong();
            int scaleMax = in.readInt();
            Instant at = instant(in);
            int n = in.readInt();
            List<IndicatorAnswer> answers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String indicator = StringValue.readString(in);
                String competency = StringValue.readString(in);
                String option = StringValue.readString(in);
                Integer points = in.readBoolean() ? in.readInt() : null;
                answers.add(new IndicatorAnswer(indicator, competency, option, points, StringValue.readString(in)));
            }
            int m = in.readInt();
            List<ExtraAnswer> extras = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                extras.add(new ExtraAnswer(StringValue.readString(in), StringValue.readString(in)));
            }
            return new RaterSubmission(id, session, target, rater, role, model, scaleMax, at, answers, extras);
        }

        @Override
        public TypeSerializerSnapshot<RaterSubmission> snapshotConfiguration() {
            return new RaterSubmissionSnapshot();
        }
    }

    public static final class RaterSubmissionSnapshot extends SimpleTypeSerializerSnapshot<RaterSubmission> {
        public RaterSubmissionSnapshot() {
            super(() -> RaterSubmissionSerializer.INSTANCE);
        }
    }

    static void assignments(SessionAssignments a, DataOutputView out) throws IOException {
        StringValue.writeString(a.sessionId(), out);
        out.writeLong(a.version());
        StringValue.writeString(a.status(), out);
        out.writeLong(a.modelVersion());
        out.writeBoolean(a.anonymous());
        instant(a.deadline(), out);
        instant(a.publishedAt(), out);
        out.writeInt(a.assignments().size());
        for (RaterAssignment r : a.assignments()) {
            StringValue.writeString(r.raterKey(), out);
            StringValue.writeString(r.targetId(), out);
            StringValue.writeString(r.roleCode(), out);
        }
    }

    static SessionAssignments assignments(DataInputView in) throws IOException {
        String session = StringValue.readString(in);
        long version = in.readLong();
        String status = StringValue.readString(in);
        long model = in.readLong();
        boolean anonymous = in.readBoolean();
        Instant deadline = instant(in);
        Instant published = instant(in);
        int n = in.readInt();
        List<RaterAssignment> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new RaterAssignment(StringValue.readString(in), StringValue.readString(in),
                    StringValue.readString(in)));
        }
        return new SessionAssignments(session, version, status, model, anonymous, deadline, published, list);
    }

    /** A record of the 360 sources: a submission, assignments or a dead letter. */
    public static final class AssessmentRecordSerializer extends SingletonSerializer<AssessmentRecord> {
        public static final AssessmentRecordSerializer INSTANCE = new AssessmentRecordSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public AssessmentRecord createInstance() {
            return null;
        }

        @Override
        protected void write(AssessmentRecord r, DataOutputView out) throws IOException {
            if (r.submission() != null) {
                out.writeByte(0);
                RaterSubmissionSerializer.INSTANCE.serialize(r.submission(), out);
            } else if (r.assignments() != null) {
                out.writeByte(1);
                assignments(r.assignments(), out);
            } else {
                out.writeByte(2);
                DeadLetterRowCodec.write(r.deadLetter(), out);
            }
        }

        @Override
        protected AssessmentRecord read(int version, DataInputView in) throws IOException {
            int kind = in.readByte();
            if (kind == 0) {
                return AssessmentRecord.of(RaterSubmissionSerializer.INSTANCE.deserialize(in));
            }
            if (kind == 1) {
                return AssessmentRecord.of(assignments(in));
            }
            return AssessmentRecord.dead(DeadLetterRowCodec.read(in));
        }

        @Override
        public TypeSerializerSnapshot<AssessmentRecord> snapshotConfiguration() {
            return new AssessmentRecordSnapshot();
        }
    }

    public static final class AssessmentRecordSnapshot extends SimpleTypeSerializerSnapshot<AssessmentRecord> {
        public AssessmentRecordSnapshot() {
            super(() -> AssessmentRecordSerializer.INSTANCE);
        }
    }

    public static final class SessionStateSerializer extends MutableSerializer<SessionState> {
        public static final SessionStateSerializer INSTANCE = new SessionStateSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public SessionState createInstance() {
            return new SessionState();
        }

        @Override
        protected void write(SessionState s, DataOutputView out) throws IOException {
            out.writeLong(s.version);
            StringValue.writeString(s.status, out);
            out.writeLong(s.modelVersion);
            out.writeLong(s.deadlineTs);
            out.writeLong(s.counted);
            out.writeInt(s.assignments.size());
            for (Map.Entry<String, TreeMap<String, String>> t : s.assignments.entrySet()) {
                StringValue.writeString(t.getKey(), out);
                out.writeInt(t.getValue().size());
                for (Map.Entry<String, String> r : t.getValue().entrySet()) {
                    StringValue.writeString(r.getKey(), out);
                    StringValue.writeString(r.getValue(), out);
                }
            }
            out.writeInt(s.submittedByTarget.size());
            for (Map.Entry<String, Long> e : s.submittedByTarget.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                out.writeLong(e.getValue());
            }
        }

        @Override
        protected SessionState read(int version, DataInputView in) throws IOException {
            SessionState s = new SessionState();
            s.version = in.readLong();
            s.status = StringValue.readString(in);
            s.modelVersion = in.readLong();
            s.deadlineTs = in.readLong();
            s.counted = in.readLong();
            int targets = in.readInt();
            for (int i = 0; i < targets; i++) {
                TreeMap<String, String> raters = new TreeMap<>();
                s.assignments.put(StringValue.readString(in), raters);
                int n = in.readInt();
                for (int j = 0; j < n; j++) {
                    raters.put(StringValue.readString(in), StringValue.readString(in));
                }
            }
            int submitted = in.readInt();
            for (int i = 0; i < submitted; i++) {
                s.submittedByTarget.put(StringValue.readString(in), in.readLong());
            }
            return s;
        }

        @Override
        public TypeSerializerSnapshot<SessionState> snapshotConfiguration() {
            return new SessionStateSnapshot();
        }
    }

    public static final class SessionStateSnapshot extends SimpleTypeSerializerSnapshot<SessionState> {
        public SessionStateSnapshot() {
            super(() -> SessionStateSerializer.INSTANCE);
        }
    }

    public static final class TargetStateSerializer extends MutableSerializer<TargetState> {
        public static final TargetStateSerializer INSTANCE = new TargetStateSerializer();

        @Override
        protected int formatVersion() {
            return 1;
        }

        @Override
        public TargetState createInstance() {
            return new TargetState();
        }

        @Override
        protected void write(TargetState t, DataOutputView out) throws IOException {
            out.writeInt(t.scaleMax);
            out.writeInt(t.counted);
            out.writeInt(t.raters.size());
            for (Map.Entry<String, String> r : t.raters.entrySet()) {
                StringValue.writeString(r.getKey(), out);
                StringValue.writeString(r.getValue(), out);
            }
            out.writeInt(t.indicators.size());
            for (Map.Entry<String, TargetState.IndicatorCell> e : t.indicators.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                TargetState.IndicatorCell c = e.getValue();
                out.writeLong(c.raters);
                out.writeLong(c.cannotJudge);
                out.writeLong(c.pointsSum);
                out.writeInt(c.distribution.length);
                for (long v : c.distribution) {
                    out.writeLong(v);
                }
                out.writeLong(c.above);
                out.writeLong(c.below);
                out.writeLong(c.updatedTs);
            }
            out.writeInt(t.raterCells.size());
            for (Map.Entry<String, TargetState.RaterCell> e : t.raterCells.entrySet()) {
                StringValue.writeString(e.getKey(), out);
                TargetState.RaterCell c = e.getValue();
                out.writeLong(c.sum);
                out.writeLong(c.count);
                out.writeLong(c.cannotJudge);
                out.writeLong(c.updatedTs);
            }
        }

        @Override
        protected TargetState read(int version, DataInputView in) throws IOException {
            TargetState t = new TargetState();
            t.scaleMax = in.readInt();
            t.counted = in.readInt();
            int raters = in.readInt();
            for (int i = 0; i < raters; i++) {
                t.raters.put(StringValue.readString(in), StringValue.readString(in));
            }
            int indicators = in.readInt();
            for (int i = 0; i < indicators; i++) {
                String key = StringValue.readString(in);
                TargetState.IndicatorCell c = new TargetState.IndicatorCell(0);
                c.raters = in.readLong();
                c.cannotJudge = in.readLong();
                c.pointsSum = in.readLong();
                c.distribution = new long[in.readInt()];
                for (int j = 0; j < c.distribution.length; j++) {
                    c.distribution[j] = in.readLong();
                }
                c.above = in.readLong();
                c.below = in.readLong();
                c.updatedTs = in.readLong();
                t.indicators.put(key, c);
            }
            int cells = in.readInt();
            for (int i = 0; i < cells; i++) {
                String key = StringValue.readString(in);
                TargetState.RaterCell c = new TargetState.RaterCell();
                c.sum = in.readLong();
                c.count = in.readLong();
                c.cannotJudge = in.readLong();
                c.updatedTs = in.readLong();
                t.raterCells.put(key, c);
            }
            return t;
        }

        @Override
        public TypeSerializerSnapshot<TargetState> snapshotConfiguration() {
            return new TargetStateSnapshot();
        }
    }

    public static final class TargetStateSnapshot extends SimpleTypeSerializerSnapshot<TargetState> {
        public TargetStateSnapshot() {
            super(() -> TargetStateSerializer.INSTANCE);
        }
    }
}
