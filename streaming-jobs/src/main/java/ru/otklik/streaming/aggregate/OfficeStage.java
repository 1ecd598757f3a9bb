package ru.otklik.streaming.aggregate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.AnswerRow;
import ru.otklik.common.store.LateEventRow;
import ru.otklik.common.store.ResponseRow;
import ru.otklik.common.store.Tables;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.streaming.aggregate.internal.AggregatingOperator;
import ru.otklik.streaming.aggregate.internal.Counts;
import ru.otklik.streaming.aggregate.internal.ItemKey;
import ru.otklik.streaming.aggregate.internal.MinuteCell;
import ru.otklik.streaming.aggregate.internal.OfficeCell;
import ru.otklik.streaming.aggregate.internal.Place;
import ru.otklik.streaming.aggregate.internal.RowBatch;
import ru.otklik.streaming.aggregate.internal.ScopeAggregates;
import ru.otklik.streaming.aggregate.internal.SeenResponses;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by office, the one pass every response makes: it lets each response id through once (a
 * resend or the same tap in two kiosk batches counts once), diverts responses older than the late
 * horizon to {@code late_events}, writes the raw {@code responses}/{@code answers} rows, and gathers
 * the answers into the office's cells. Every emit interval (and before every checkpoint) the cells
 * are applied to the office's windows, breakdowns (channel, touchpoint, employee), hourly/daily
 * history and minute buckets, what changed is written, and the office's share of its region and of
 * the federal total leaves as one {@link AreaDelta} each — never one record per answer.
 *
 * <p>A {@link ResponseChange.Kind#RETRACT RETRACT} of a counted response leaves the raw figures as
 * they are (flags never delete) and adds exactly what the response added to the key's excluded
 * answers, so the clean figures (raw minus excluded) lose it, also in windows it was counted in long
 * before; a {@link ResponseChange.Kind#READMIT READMIT} takes it out of the excluded answers again.
 */
public final class OfficeStage extends AggregatingOperator<ResponseChange, AreaDelta, OfficeStage.OfficePending>
        implements OneInputStreamOperator<ResponseChange, AreaDelta>,
        TwoInputStreamOperator<ResponseChange, ResponseChange, AreaDelta> {

    public static final OutputTag<EncodedRow> ROWS = new OutputTag<>("office-rows", OtklikTypes.ENCODED_ROW);
    /**
     * What this stage did to the figures, response by response: each counted response once, and each
     * retraction or readmission that changed something; still partitioned by office (for the stages
     * that follow it, e.g. the drop test). Only while aggregating.
     */
    public static final OutputTag<ResponseChange> COUNTED_RESPONSES = new OutputTag<>("office-counted", OtklikTypes.RESPONSE_CHANGE);

    private static final byte COUNTED = 1;
    /** Beyond the late horizon, how long a history bucket is kept: the stages' watermarks differ a little. */
    public static final Duration HISTORY_SLACK = Duration.ofDays(1);

    private final long lateHorizonMillis;
    private final Duration dedupRetention;
    private final boolean aggregating;
    private final int maxCells;
    private transient SeenResponses seen;
    private transient SurveyCatalog surveys;
    private transient Map<String, Map<String, QuestionType>> types;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter retracted;
    private transient RowBatch raw;

    /**
     * @param aggregating false: only dedup, late events and the raw rows (the benchmark's sink ceiling)
     * @param maxCells    apply the gathered cells early when an office holds this many (bounds memory)
     */
    public OfficeStage(Duration emitInterval, Duration lateHorizon, Duration dedupRetention, int minimumSample,
                       boolean aggregating, int maxCells) {
        super(emitInterval.toMillis(), minimumSample, lateHorizon.plus(HISTORY_SLACK).toSeconds());
        this.lateHorizonMillis = lateHorizon.toMillis();
        this.dedupRetention = dedupRetention;
        this.aggregating = aggregating;
        this.maxCells = maxCells;
    }

    /** See {@link AggregatingOperator#catchUp}: this stage sees every response, so it is the one that knows. */
    public OfficeStage catchingUp(long responsesPerSecond, Duration interval) {
        catchUp(responsesPerSecond, interval);
        return this;
    }

    /** The cells gathered for one office since they were last applied. */
    public static final class OfficePending extends AggregatingOperator.Pending {
        final Map<OfficeCell, long[]> cells = new HashMap<>();
        /** Excluded answers gathered: + for a retraction, − for a readmission. */
        final Map<OfficeCell, long[]> excludedCells = new HashMap<>();
        String regionCode;

        @Override
        public boolean hasDeltas() {
            return !cells.isEmpty() || !excludedCells.isEmpty();
        }
    }

    @Override
    protected OutputTag<EncodedRow> rowsTag() {
        return ROWS;
    }

    @Override
    protected String statePrefix() {
        return "office";
    }

    @Override
    protected long minuteRetentionSeconds() {
        return lateHorizonMillis / 1000;
    }

    @Override
    protected OfficePending newPending() {
        return new OfficePending();
    }

    @Override
    protected Place placeOf(String key, String regionCode) {
        return Place.office(key, regionCode == null ? "" : regionCode);
    }

    @Override
    public void open() throws Exception {
        super.open();
        seen = new SeenResponses(this, "office", dedupRetention);
        surveys = SurveyCatalog.builtIn();
        types = new HashMap<>();
        duplicates = getMetricGroup().counter("duplicateResponses");
        late = getMetricGroup().counter("tooLateResponses");
        retracted = getMetricGroup().counter("retractedResponses");
        raw = new RowBatch();
    }

    /** Responses (first input): see {@link #processElement}. */
    @Override
    public void processElement1(StreamRecord<ResponseChange> element) throws Exception {
        processElement(element);
    }

    /** Exclusions and readmissions from the fraud flags (second input, keyed by office as well). */
    @Override
    public void processElement2(StreamRecord<ResponseChange> element) throws Exception {
        processElement(element);
    }

    /**
     * The state remembered per id is a small count: at least {@link #COUNTED} once counted, plus one per
     * flag that excludes it at the moment (several flags may name one response: a burst and a duplicate);
     * zero or less while it is not counted yet, minus the exclusions that came before it (a flag's
     * exclusion travels another path than the response and may overtake it). The clean figures lose a
     * response at its first exclusion and get it back when the last one is lifted.
     */
    @Override
    public void processElement(StreamRecord<ResponseChange> element) throws Exception {
        ResponseChange change = element.getValue();
        countInput();
        SurveyResponse r = change.response();
        String id = r.responseId();
        Byte state = seen.get(id);
        switch (change.kind()) {
            case ADD -> {
                if (state != null && state >= COUNTED) {
                    duplicates.inc();
                    return;
                }
                long watermark = timers.currentWatermark();
                if (watermark != Long.MIN_VALUE && r.clientTs().toEpochMilli() < watermark - lateHorizonMillis) {
                    late.inc();
                    raw.add(Tables.LATE_EVENTS, LateEventRow.of(r, watermark, "older than late horizon of "
                            + Duration.ofMillis(lateHorizonMillis)));
                    drainRaw();
                    return;
                }
                int waiting = state == null ? 0 : -state;
                if (state == null) {
                    seen.add(id, COUNTED);
                } else {
                    seen.update(id, (byte) (COUNTED + waiting));
                }
                raw.add(Tables.RESPONSES, ResponseRow.of(r));
                for (AnswerRow a : AnswerRow.of(r)) {
                    raw.add(Tables.ANSWERS, a);
                }
                drainRaw();
                gather(r, 1, false);
                if (waiting > 0) {
                    retracted.inc();
                    gather(r, 1, true);
                }
                counted(element, change);
            }
            case RETRACT -> {
                if (state == null) {
                    seen.add(id, (byte) -1);
                } else if (state < COUNTED) {
                    seen.update(id, (byte) Math.max(Byte.MIN_VALUE, state - 1));
                } else {
                    seen.update(id, (byte) Math.min(Byte.MAX_VALUE, state + 1));
                    if (state == COUNTED) {
                        retracted.inc();
                        gather(r, 1, true);
                        counted(element, change);
                    }
                }
            }
            case READMIT -> {
                if (state == null || state == 0 || state == COUNTED) {
                    return; // nothing excludes it
                }
                seen.update(id, (byte) (state < 0 ? state + 1 : state - 1));
                if (state == COUNTED + 1) {
                    gather(r, -1, true);
                    counted(element, change);
                }
            }
        }
    }

    private void counted(StreamRecord<ResponseChange> element, ResponseChange change) {
        if (aggregating) {
            output.collect(COUNTED_RESPONSES, element.replace(change));
        }
    }

    private void drainRaw() {
        raw.drainTo(row -> output.collect(ROWS, new StreamRecord<>(row)), false);
    }

    /** One map update per answer: the answer's cell in this office's pending (raw or excluded) cells. */
    private void gather(SurveyResponse r, int sign, boolean excludedAnswers) throws Exception {
        if (!aggregating) {
            return;
        }
        String office = r.officeCode();
        OfficePending p = pending(office);
        p.regionCode = r.regionCode();
        long seconds = r.clientTs().getEpochSecond();
        long minute = seconds - Math.floorMod(seconds, 60);
        String audience = r.audience().code();
        String channel = r.channel().code();
        String touchpoint = r.touchpointId() == null ? "" : r.touchpointId();
        String employee = r.employeeId() == null ? "" : r.employeeId();
        Map<OfficeCell, long[]> cells = excludedAnswers ? p.excludedCells : p.cells;
        long[] responses = cells.computeIfAbsent(new OfficeCell(audience, channel, touchpoint, employee,
                r.surveyId(), ItemKinds.RESPONSES_ITEM, ItemKinds.RESPONSES, minute), k -> Counts.empty());
        responses[0] += sign;
        responses[1] += (long) sign * r.suppressedPresses();
        Map<String, QuestionType> questionTypes = typesOf(r);
        for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
            if (!a.getValue().isScore()) {
                continue;
            }
            QuestionType type = questionTypes.getOrDefault(a.getKey(), QuestionType.SCALE_1_10);
            long[] counts = cells.computeIfAbsent(new OfficeCell(audience, channel, touchpoint, employee,
                    r.surveyId(), a.getKey(), ItemKinds.of(type), minute), k -> Counts.empty());
            counts[a.getValue().score()] += sign;
        }
        if (cells.size() >= maxCells) { // a replay racing through event time: apply early, write at the tick
            applyDeltas(office, p, watermarkSeconds());
        }
    }

    private Map<String, QuestionType> typesOf(SurveyResponse r) {
        return types.computeIfAbsent(r.surveyId() + "@" + r.surveyVersion(), k -> {
            Map<String, QuestionType> m = new HashMap<>();
            SurveyDefinition s = surveys.find(r.surveyId(), r.surveyVersion()).orElse(null);
            if (s != null) {
                for (Question q : s.questions()) {
                    m.put(q.id(), q.type());
                }
            }
            return m;
        });
    }

    @Override
    protected void applyDeltas(String office, OfficePending p, long watermarkSeconds) throws Exception {
        if (p.regionCode != null && place.value() == null) {
            place.update(p.regionCode);
        }
        if (!p.cells.isEmpty()) {
            ScopeAggregates.Gathered g = new ScopeAggregates.Gathered();
            AreaDelta.Cell[] area = gatherCells(p.cells, g, true, watermarkSeconds);
            aggregates.apply(g, p.changes, this::registerSliceTimer);
            shipToAreas(p.regionCode, area, false);
        }
        if (!p.excludedCells.isEmpty()) {
            ScopeAggregates.Gathered g = new ScopeAggregates.Gathered();
            AreaDelta.Cell[] area = gatherCells(p.excludedCells, g, false, watermarkSeconds);
            excluded.apply(g, p.excludedChanges, this::registerSliceTimer);
            shipToAreas(p.regionCode, area, true);
        }
    }

    /**
     * Gathers an office's cells into its scopes (the office, its channel, touchpoint and employee
     * breakdowns; each audience and all; history; minute buckets if {@code withMinutes}) and sums them
     * per area cell; clears {@code cells}. History buckets that have already left (a retraction of an old
     * response) are skipped: their raw rows are gone too.
     */
    private AreaDelta.Cell[] gatherCells(Map<OfficeCell, long[]> cells, ScopeAggregates.Gathered g,
                                         boolean withMinutes, long watermarkSeconds) {
        Map<AreaCellKey, long[]> area = new HashMap<>();
        byte officeLevel = (byte) ScopeLevel.OFFICE.ordinal();
        long historyFrom = watermarkSeconds == ScopeAggregates.NO_WATERMARK ? Long.MIN_VALUE
                : watermarkSeconds - historyRetentionSeconds;
        for (Map.Entry<OfficeCell, long[]> e : cells.entrySet()) {
            OfficeCell c = e.getKey();
            long[] counts = e.getValue();
            if (Counts.isZero(counts)) {
                continue;
            }
            boolean history = !ItemKinds.isResponses(c.kind()) && c.minute() >= historyFrom;
            for (String audience : new String[] {c.audience(), ScopeLevel.ALL_AUDIENCES}) {
                ScopeAggregates.gather(g, new ItemKey(officeLevel, "", audience, c.surveyId(), c.questionId(),
                        c.kind()), c.minute(), counts, 1, history, watermarkSeconds);
                ScopeAggregates.gather(g, new ItemKey((byte) ScopeLevel.CHANNEL.ordinal(), c.channel(), audience,
                        c.surveyId(), c.questionId(), c.kind()), c.minute(), counts, 1, false, watermarkSeconds);
                if (!c.touchpoint().isEmpty()) {
                    ScopeAggregates.gather(g, new ItemKey((byte) ScopeLevel.TOUCHPOINT.ordinal(), c.touchpoint(),
                            audience, c.surveyId(), c.questionId(), c.kind()), c.minute(), counts, 1, false,
                            watermarkSeconds);
                }
                if (!c.employee().isEmpty()) {
                    ScopeAggregates.gather(g, new ItemKey((byte) ScopeLevel.EMPLOYEE.ordinal(), c.employee(),
                            audience, c.surveyId(), c.questionId(), c.kind()), c.minute(), counts, 1, false,
                            watermarkSeconds);
                }
            }
            if (withMinutes) {
                ScopeAggregates.gatherMinute(g, c.minute(), new MinuteCell(c.audience(), c.channel(), c.surveyId(),
                        c.questionId(), c.kind()), counts, 1);
            }
            Counts.accumulate(area, new AreaCellKey(c.audience(), c.surveyId(), c.questionId(), c.kind(), c.minute()),
                    counts, 1);
        }
        cells.clear();
        List<AreaDelta.Cell> out = new ArrayList<>(area.size());
        area.forEach((k, v) -> {
            if (!Counts.isZero(v)) {
                out.add(new AreaDelta.Cell(k.audience(), k.surveyId(), k.questionId(), k.kind(), k.minute(), v));
            }
        });
        return out.toArray(AreaDelta.Cell[]::new);
    }

    /** The office's share of its region and of the federal total: one partial each, never one per answer. */
    private void shipToAreas(String regionCode, AreaDelta.Cell[] cells, boolean excludedAnswers) {
        if (cells.length == 0 || regionCode == null) {
            return;
        }
        output.collect(new StreamRecord<>(new AreaDelta(AreaDelta.regionKey(regionCode), cells, excludedAnswers)));
        output.collect(new StreamRecord<>(new AreaDelta(AreaDelta.FEDERAL_KEY, cells, excludedAnswers)));
    }

    private record AreaCellKey(String audience, String surveyId, String questionId, byte kind, long minute) {
    }
}
