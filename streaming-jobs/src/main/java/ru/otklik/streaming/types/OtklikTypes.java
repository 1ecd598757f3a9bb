package ru.otklik.streaming.types;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.source.SourceRecord;

/**
 * The type information of the job's own records, each with a hand-written serializer: the job runs
 * with {@code pipeline.generic-types: false}, so nothing silently falls back to Kryo.
 */
public final class OtklikTypes {

    public static final TypeInformation<SurveyResponse> SURVEY_RESPONSE =
            new Singleton<>(SurveyResponse.class, SurveyResponseSerializer.INSTANCE);
    public static final TypeInformation<SourceRecord> SOURCE_RECORD =
            new Singleton<>(SourceRecord.class, FlowSerializers.SourceRecordSerializer.INSTANCE);
    public static final TypeInformation<ResponseChange> RESPONSE_CHANGE =
            new Singleton<>(ResponseChange.class, FlowSerializers.ResponseChangeSerializer.INSTANCE);
    public static final TypeInformation<EncodedRow> ENCODED_ROW =
            new Singleton<>(EncodedRow.class, FlowSerializers.EncodedRowSerializer.INSTANCE);

    public static final TypeInformation<ru.otklik.common.alert.AlertEvent> ALERT_EVENT =
            new Singleton<>(ru.otklik.common.alert.AlertEvent.class, FlowSerializers.AlertEventSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.common.alert.FlagReviewEvent> FLAG_REVIEW =
            new Singleton<>(ru.otklik.common.alert.FlagReviewEvent.class, FlowSerializers.FlagReviewSerializer.INSTANCE);
    /** Keyed state of the drop stage (see {@code DropAlertStage}). */
    public static final TypeInformation<ru.otklik.streaming.alert.internal.OfficeDrops> OFFICE_DROPS =
            new Singleton<>(ru.otklik.streaming.alert.internal.OfficeDrops.class,
                    ru.otklik.streaming.alert.internal.AlertStateSerializers.OfficeDropsSerializer.INSTANCE);
    /** Where an item waits in an alert stage's event-time queue (a map state key). */
    public static final TypeInformation<ru.otklik.streaming.alert.internal.QueueSlot> QUEUE_SLOT =
            new Singleton<>(ru.otklik.streaming.alert.internal.QueueSlot.class,
                    ru.otklik.streaming.alert.internal.AlertStateSerializers.QueueSlotSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.alert.DropObservation> DROP_OBSERVATION =
            new Singleton<>(ru.otklik.streaming.alert.DropObservation.class,
                    FlowSerializers.DropObservationSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.alert.FraudSighting> FRAUD_SIGHTING =
            new Singleton<>(ru.otklik.streaming.alert.FraudSighting.class, FlowSerializers.FraudSightingSerializer.INSTANCE);

    public static final TypeInformation<ru.otklik.streaming.alert.internal.FraudCluster> FRAUD_CLUSTER =
            new Singleton<>(ru.otklik.streaming.alert.internal.FraudCluster.class,
                    ru.otklik.streaming.alert.internal.AlertStateSerializers.FraudClusterSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.common.link.LinkReuse> LINK_REUSE =
            new Singleton<>(ru.otklik.common.link.LinkReuse.class, FlowSerializers.LinkReuseSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.alert.internal.ReusedLink> REUSED_LINK =
            new Singleton<>(ru.otklik.streaming.alert.internal.ReusedLink.class,
                    ru.otklik.streaming.alert.internal.AlertStateSerializers.ReusedLinkSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.alert.OfficeShareDay> OFFICE_SHARE_DAY =
            new Singleton<>(ru.otklik.streaming.alert.OfficeShareDay.class, FlowSerializers.OfficeShareDaySerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.alert.internal.OfficeShares> OFFICE_SHARES =
            new Singleton<>(ru.otklik.streaming.alert.internal.OfficeShares.class,
                    ru.otklik.streaming.alert.internal.AlertStateSerializers.OfficeSharesSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.alert.KioskContact> KIOSK_CONTACT =
            new Singleton<>(ru.otklik.streaming.alert.KioskContact.class, FlowSerializers.KioskContactSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.alert.internal.KioskSilence> KIOSK_SILENCE =
            new Singleton<>(ru.otklik.streaming.alert.internal.KioskSilence.class,
                    ru.otklik.streaming.alert.internal.AlertStateSerializers.KioskSilenceSerializer.INSTANCE);

    /** A case for Kafka topic {@code feedback.negative} (see {@code NegativeFeedbackCases}). */
    public static final TypeInformation<ru.otklik.common.feedback.NegativeFeedback> NEGATIVE_FEEDBACK =
            new Singleton<>(ru.otklik.common.feedback.NegativeFeedback.class,
                    FlowSerializers.NegativeFeedbackSerializer.INSTANCE);

    /** A record of the 360 topics (see {@code AssessmentSource}). */
    public static final TypeInformation<ru.otklik.streaming.assessment.AssessmentRecord> ASSESSMENT_RECORD =
            new Singleton<>(ru.otklik.streaming.assessment.AssessmentRecord.class,
                    ru.otklik.streaming.assessment.internal.AssessmentSerializers.AssessmentRecordSerializer.INSTANCE);
    /** Keyed state of the 360 stage: the submissions kept (counted or waiting), per session and per target. */
    public static final TypeInformation<ru.otklik.common.assessment.RaterSubmission> RATER_SUBMISSION =
            new Singleton<>(ru.otklik.common.assessment.RaterSubmission.class,
                    ru.otklik.streaming.assessment.internal.AssessmentSerializers.RaterSubmissionSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.assessment.internal.SessionState> ASSESSMENT_SESSION =
            new Singleton<>(ru.otklik.streaming.assessment.internal.SessionState.class,
                    ru.otklik.streaming.assessment.internal.AssessmentSerializers.SessionStateSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.assessment.internal.TargetState> ASSESSMENT_TARGET =
            new Singleton<>(ru.otklik.streaming.assessment.internal.TargetState.class,
                    ru.otklik.streaming.assessment.internal.AssessmentSerializers.TargetStateSerializer.INSTANCE);

    /** The composite index's records (see {@code CompositeIndexStage}) and its region stage's state. */
    public static final TypeInformation<ru.otklik.streaming.composite.CompositeInput> COMPOSITE_INPUT =
            new Singleton<>(ru.otklik.streaming.composite.CompositeInput.class,
                    ru.otklik.streaming.composite.internal.CompositeSerializers.CompositeInputSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.composite.RegionIndexPart> REGION_INDEX_PART =
            new Singleton<>(ru.otklik.streaming.composite.RegionIndexPart.class,
                    ru.otklik.streaming.composite.internal.CompositeSerializers.RegionIndexPartSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.common.checklist.ObjectiveReport> OBJECTIVE_REPORT =
            new Singleton<>(ru.otklik.common.checklist.ObjectiveReport.class,
                    ru.otklik.streaming.composite.internal.CompositeSerializers.ObjectiveReportSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.common.methodology.Methodology> METHODOLOGY =
            new Singleton<>(ru.otklik.common.methodology.Methodology.class,
                    ru.otklik.streaming.composite.internal.CompositeSerializers.MethodologySerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.composite.internal.OfficeMonth> COMPOSITE_OFFICE_MONTH =
            new Singleton<>(ru.otklik.streaming.composite.internal.OfficeMonth.class,
                    ru.otklik.streaming.composite.internal.CompositeSerializers.OfficeMonthSerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.composite.internal.Tally> COMPOSITE_TALLY =
            new Singleton<>(ru.otklik.streaming.composite.internal.Tally.class,
                    ru.otklik.streaming.composite.internal.CompositeSerializers.TallySerializer.INSTANCE);
    public static final TypeInformation<ru.otklik.streaming.composite.internal.Emitted> COMPOSITE_EMITTED =
            new Singleton<>(ru.otklik.streaming.composite.internal.Emitted.class,
                    ru.otklik.streaming.composite.internal.CompositeSerializers.EmittedSerializer.INSTANCE);

    private OtklikTypes() {
    }

    /** Type information backed by one stateless serializer. */
    private static final class Singleton<T> extends TypeInformation<T> {
        private final Class<T> type;
        private final TypeSerializer<T> serializer;

        Singleton(Class<T> type, TypeSerializer<T> serializer) {
            this.type = type;
            this.serializer = serializer;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Singleton<?> other && other.type.equals(type);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type);
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof Singleton<?>;
        }
    }
}
