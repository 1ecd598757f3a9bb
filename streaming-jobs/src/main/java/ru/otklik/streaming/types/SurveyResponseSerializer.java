package ru.otklik.streaming.types;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.Profile;
import ru.otklik.common.response.RequestMeta;
import ru.otklik.common.response.SurveyResponse;

/**
 * {@link SurveyResponse} between the job's operators, field by field in a fixed order (no Kryo, no
 * JSON): about a third of the bytes of its JSON and no parsing.
 */
public final class SurveyResponseSerializer extends SingletonSerializer<SurveyResponse> {

    public static final SurveyResponseSerializer INSTANCE = new SurveyResponseSerializer();

    private SurveyResponseSerializer() {
    }

    @Override
    protected int formatVersion() {
        return 2; // 2: the office-network outcome of the request
    }

    @Override
    public SurveyResponse createInstance() {
        return null;
    }

    @Override
    protected void write(SurveyResponse r, DataOutputView out) throws IOException {
        StringValue.writeString(r.responseId(), out);
        StringValue.writeString(r.surveyId(), out);
        out.writeInt(r.surveyVersion());
        out.writeByte(r.audience() == null ? -1 : r.audience().ordinal());
        out.writeByte(r.channel() == null ? -1 : r.channel().ordinal());
        out.writeByte(r.mode() == null ? -1 : r.mode().ordinal());
        StringValue.writeString(r.regionCode(), out);
        StringValue.writeString(r.officeCode(), out);
        StringValue.writeString(r.touchpointId(), out);
        StringValue.writeString(r.employeeId(), out);
        instant(r.clientTs(), out);
        instant(r.receivedTs(), out);
        out.writeInt(r.answers().size());
        for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
            StringValue.writeString(a.getKey(), out);
            if (a.getValue().isScore()) {
                out.writeBoolean(true);
                out.writeInt(a.getValue().score());
            } else {
                out.writeBoolean(false);
                StringValue.writeString(a.getValue().choice(), out);
            }
        }
        Profile p = r.profile();
        out.writeBoolean(p != null);
        if (p != null) {
            StringValue.writeString(p.gender(), out);
            StringValue.writeString(p.ageBand(), out);
            StringValue.writeString(p.category(), out);
            StringValue.writeString(p.ownership(), out);
            StringValue.writeString(p.orgSize(), out);
            out.writeInt(p.traits() == null ? -1 : p.traits().size());
            if (p.traits() != null) {
                for (String t : p.traits()) {
                    StringValue.writeString(t, out);
                }
            }
        }
        StringValue.writeString(r.comment(), out);
        out.writeInt(r.suppressedPresses());
        instant(r.startedTs(), out);
        RequestMeta m = r.meta();
        out.writeBoolean(m != null);
        if (m != null) {
            StringValue.writeString(m.ipHash(), out);
            StringValue.writeString(m.userAgentHash(), out);
            out.writeBoolean(m.fillMillis() != null);
            if (m.fillMillis() != null) {
                out.writeLong(m.fillMillis());
            }
            StringValue.writeString(m.entry(), out);
            out.writeByte(m.officeNetwork() == null ? -1 : m.officeNetwork() ? 1 : 0);
        }
    }

    @Override
    protected SurveyResponse read(int version, DataInputView in) throws IOException {
        String responseId = StringValue.readString(in);
        String surveyId = StringValue.readString(in);
        int surveyVersion = in.readInt();
        Audience audience = byOrdinal(Audience.values(), in.readByte());
        Channel channel = byOrdinal(Channel.values(), in.readByte());
        Mode mode = byOrdinal(Mode.values(), in.readByte());
        String region = StringValue.readString(in);
        String office = StringValue.readString(in);
        String touchpoint = StringValue.readString(in);
        String employee = StringValue.readString(in);
        Instant clientTs = instant(in);
        Instant receivedTs = instant(in);
        int n = in.readInt();
        Map<String, Answer> answers = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String id = StringValue.readString(in);
            answers.put(id, in.readBoolean() ? Answer.score(in.readInt()) : Answer.choice(StringValue.readString(in)));
        }
        Profile profile = null;
        if (in.readBoolean()) {
            String gender = StringValue.readString(in);
            String ageBand = StringValue.readString(in);
            String category = StringValue.readString(in);
            String ownership = StringValue.readString(in);
            String orgSize = StringValue.readString(in);
            int t = in.readInt();
            List<String> traits = t < 0 ? null : new ArrayList<>(t);
            for (int i = 0; i < t; i++) {
                traits.add(StringValue.readString(in));
            }
            profile = new Profile(gender, ageBand, category, ownership, orgSize, traits);
        }
        String comment = StringValue.readString(in);
        int suppressed = in.readInt();
        Instant startedTs = instant(in);
        RequestMeta meta = null;
        if (in.readBoolean()) {
            String ip = StringValue.readString(in);
            String ua = StringValue.readString(in);
            Long fill = in.readBoolean() ? in.readLong() : null;
            String entry = StringValue.readString(in);
            byte network = version >= 2 ? in.readByte() : -1;
            meta = new RequestMeta(ip, ua, fill, entry, network < 0 ? null : network == 1);
        }
        return new SurveyResponse(responseId, surveyId, surveyVersion, audience, channel, mode, region, office,
                touchpoint, employee, clientTs, receivedTs, answers, profile, comment, suppressed, startedTs, meta);
    }

    /** An optional instant (also for the other serializers of this package). */
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

    private static <E> E byOrdinal(E[] values, byte ordinal) {
        return ordinal < 0 ? null : values[ordinal];
    }

    @Override
    public TypeSerializerSnapshot<SurveyResponse> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; the format version travels with every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SurveyResponse> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
