package ru.otklik.streaming.composite;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.checklist.ChecklistCatalogue;
import ru.otklik.common.checklist.ChecklistIndicator;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.checklist.ObjectiveScore;
import ru.otklik.common.checklist.ObjectiveScoring;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.methodology.CompositeIndex;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.CompositeIndexRow;
import ru.otklik.common.store.Tables;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.streaming.aggregate.ResponseChange;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.composite.internal.Emitted;
import ru.otklik.streaming.composite.internal.OfficeMonth;
import ru.otklik.streaming.composite.internal.Tally;
import ru.otklik.streaming.source.DeadLetterSplit;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * The composite client-centricity index (domain §7) into {@code composite_index}: per region, the clean answers to
 * the 1–10 items by (office, local month, question), every office's newest objective report per period and every
 * methodology version; for each version and each of its periods in force that has input in the region, the office,
 * managing-office and region figures from the pure functions of common ({@link CompositeIndex#compute},
 * {@link ObjectiveScoring#credited}); each region's part to one federal key ({@link Federal},
 * {@link CompositeIndex#federal}). A change marks its (version, period) dirty; dirty ones are computed once per emit
 * interval of event time (one timer per next firing).
 *
 * <p>A row's {@code version} is {@code 2 × inputs + (live ? 0 : 1)}, inputs = the responses' changes in the
 * period's months plus the offices' latest report revisions for the period in the region (federal: the sum over the regions' latest
 * parts): it only grows, and a replay of the same topics ends on the same final rows. {@code live} is whether the
 * period holds the region's newest input's local date; when that moves out of a period, its rows are written once
 * more with live 0.
 */
public final class CompositeIndexStage {

    /** Each region's part of the federal figures, per (methodology version, period) computed. */
    public static final OutputTag<RegionIndexPart> PARTS = new OutputTag<>("composite-region-parts",
            OtklikTypes.REGION_INDEX_PART);

    private CompositeIndexStage() {
    }

    /** One record per counted, retracted or readmitted response with answers to 1–10 items. */
    public static RichFlatMapFunction<ResponseChange, CompositeInput> subjective() {
        return new SubjectiveInputs();
    }

    /** Every methodology version once per region of the directory (the reports pass as they are). */
    public static RichFlatMapFunction<CompositeInput, CompositeInput> toRegions() {
        return new ToRegions();
    }

    static final class SubjectiveInputs extends RichFlatMapFunction<ResponseChange, CompositeInput> {
        private transient SurveyCatalog surveys;

        @Override
        public void open(OpenContext context) {
            surveys = SurveyCatalog.builtIn();
        }

        @Override
        public void flatMap(ResponseChange c, Collector<CompositeInput> out) {
            if (surveys == null) {
                surveys = SurveyCatalog.builtIn();
            }
            of(c, surveys).ifPresent(out::collect);
        }
    }

    /** What a response change adds to (or takes from) its office's month, if it answers any 1–10 item. */
    public static Optional<CompositeInput> of(ResponseChange c, SurveyCatalog surveys) {
        SurveyResponse r = c.response();
        if (r.channel() == Channel.RATER360 || r.clientTs() == null || r.regionCode() == null) {
            return Optional.empty();
        }
        SurveyDefinition survey = surveys.find(r.surveyId(), r.surveyVersion()).orElse(null);
        if (survey == null) {
            return Optional.empty();
        }
        List<CompositeInput.Answered> answers = new ArrayList<>();
        for (var e : r.answers().entrySet()) {
            Optional<Question> q = survey.question(e.getKey());
            if (q.isPresent() && q.get().type() == QuestionType.SCALE_1_10 && e.getValue().isScore()) {
                answers.add(new CompositeInput.Answered(e.getKey(), e.getValue().score() >= Indicators.POSITIVE_FROM));
            }
        }
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        LocalDate local = r.clientTs().atZone(RegionTimeZone.of(r.regionCode())).toLocalDate();
        int sign = c.kind() == ResponseChange.Kind.RETRACT ? -1 : 1;
        return Optional.of(CompositeInput.of(r.regionCode(), new CompositeInput.Subjective(r.officeCode(),
                ReportingPeriod.of(ReportingPeriod.Kind.MONTH, local).code(), r.clientTs().toEpochMilli(), sign,
                answers)));
    }

    static final class ToRegions extends RichFlatMapFunction<CompositeInput, CompositeInput> {
        private transient OfficeDirectory directory;

        @Override
        public void flatMap(CompositeInput in, Collector<CompositeInput> out) {
            if (directory == null) {
                directory = OfficeDirectory.pilot();
            }
            if (in.methodology() == null) {
                out.collect(in);
                return;
            }
            for (String region : directory.regions().keySet()) {
                out.collect(CompositeInput.of(region, in.methodology()));
            }
        }
    }

    /** Dead letters of the two topics to {@code stream_dead_letters}, the usable records on. */
    public static final class Split extends ProcessFunction<CompositeInput, CompositeInput> {
        @Override
        public void processElement(CompositeInput r, Context ctx, Collector<CompositeInput> out) {
            if (r.isValid()) {
                out.collect(r);
            } else {
                ctx.output(DeadLetterSplit.DEAD_LETTERS, EncodedRow.of(Tables.STREAM_DEAD_LETTERS, r.deadLetter()));
            }
        }
    }

    static long nextFiring(long watermark, long interval) {
        if (watermark >= Long.MAX_VALUE - interval) {
            return Long.MAX_VALUE;
        }
        // before the first watermark: the first one fires it
        return Math.floorDiv(Math.max(0, watermark), interval) * interval + interval;
    }

    static void emit(List<CompositeIndexRow> rows, Collector<EncodedRow> out) {
        if (!rows.isEmpty()) {
            out.collect(new EncodedRow(Tables.idOf(Tables.COMPOSITE_INDEX), rows.size(),
                    Tables.COMPOSITE_INDEX.encode(rows), true));
        }
    }

    /** The rows of one scope's result: the index, each group, each indicator. */
    public static List<CompositeIndexRow> rows(int methodologyVersion, ReportingPeriod period, String scopeLevel,
                                               String scopeCode, String regionCode, CompositeIndex.Result r,
                                               int indexN, boolean live, long updatedTs, long version) {
        List<CompositeIndexRow> rows = new ArrayList<>();
        long start = period.start().toEpochDay();
        rows.add(new CompositeIndexRow(methodologyVersion, period.code(), start, scopeLevel, scopeCode, regionCode,
                "index", "", "", "", r.index() != null, r.index() == null ? 0 : r.index(),
                r.index() == null ? "no_data" : CompositeIndex.OK, indexN, 0, 0, 0, 0, live, updatedTs, version));
        for (CompositeIndex.GroupValue g : r.groups()) {
            rows.add(new CompositeIndexRow(methodologyVersion, period.code(), start, scopeLevel, scopeCode, regionCode,
                    "group", g.code(), "", "", g.value() != null, g.value() == null ? 0 : g.value(),
                    g.value() == null ? "no_data" : CompositeIndex.OK, g.counted(), 0, 0, 0, g.weight(), live,
                    updatedTs, version));
        }
        for (CompositeIndex.IndicatorValue v : r.indicators()) {
            rows.add(new CompositeIndexRow(methodologyVersion, period.code(), start, scopeLevel, scopeCode, regionCode,
                    "indicator", v.code(), v.group(), v.kind().code(), v.value() != null,
                    v.value() == null ? 0 : v.value(), v.status(), v.n(), v.positive(), v.points(), v.maxPoints(), 0,
                    live, updatedTs, version));
        }
        return rows;
    }

    /**
     * One firing per pending batch: at the next emit boundary of event time, and — because event time follows the
     * responses alone, which stand still at night — also on the wall clock {@code quietMillis} later, whichever comes
     * first (the other is deleted). A checklist review at 23:00 is then written within seconds, not with the first
     * answer of the morning; the rows stay the same, since what is written depends only on what was counted.
     */
    static void arm(TimerService timers, long eventAt, long quietMillis, ValueState<Long> timer,
                    ValueState<Long> wallTimer) throws Exception {
        timers.registerEventTimeTimer(eventAt);
        timer.update(eventAt);
        long wallAt = timers.currentProcessingTime() + quietMillis;
        timers.registerProcessingTimeTimer(wallAt);
        wallTimer.update(wallAt);
    }

    static void disarm(TimerService timers, ValueState<Long> timer, ValueState<Long> wallTimer) throws Exception {
        Long at = timer.value();
        if (at != null) {
            timers.deleteEventTimeTimer(at);
        }
        Long wallAt = wallTimer.value();
        if (wallAt != null) {
            timers.deleteProcessingTimeTimer(wallAt);
        }
        timer.clear();
        wallTimer.clear();
    }

    static int groupsWithValue(CompositeIndex.Result r) {
        return (int) r.groups().stream().filter(g -> g.value() != null).count();
    }

    /** The region stage, keyed by region code. */
    public static final class Regions extends KeyedProcessFunction<String, CompositeInput, EncodedRow> {
        private final long interval;
        private transient OfficeDirectory directory;
        private transient ChecklistCatalogue catalogue;
        private transient MapState<Integer, Methodology> methodologies;
        private transient MapState<String, OfficeMonth> months;
        private transient MapState<String, Tally> monthTallies;
        private transient MapState<String, ObjectiveReport> reports;
        private transient MapState<String, Tally> reportTallies;
        private transient MapState<String, Boolean> offices;
        private transient MapState<String, Boolean> dirty;
        private transient MapState<String, Emitted> emitted;
        private transient ValueState<Long> newest;
        private transient ValueState<Long> timer;
        private transient ValueState<Long> wallTimer;
        private final long quietMillis;

        public Regions(Duration emitInterval) {
            this(emitInterval, emitInterval.multipliedBy(5));
        }

        /** @param quietAfter how long a change may wait for event time before the wall clock writes it */
        public Regions(Duration emitInterval, Duration quietAfter) {
            this.interval = Math.max(1, emitInterval.toMillis());
            this.quietMillis = Math.max(interval, quietAfter.toMillis());
        }

        @Override
        public void open(OpenContext context) {
            directory = OfficeDirectory.pilot();
            catalogue = ChecklistCatalogue.standard();
            var rc = getRuntimeContext();
            methodologies = rc.getMapState(new MapStateDescriptor<>("methodologies", Types.INT, OtklikTypes.METHODOLOGY));
            months = rc.getMapState(new MapStateDescriptor<>("office-months", Types.STRING,
                    OtklikTypes.COMPOSITE_OFFICE_MONTH));
            monthTallies = rc.getMapState(new MapStateDescriptor<>("month-tallies", Types.STRING,
                    OtklikTypes.COMPOSITE_TALLY));
            reports = rc.getMapState(new MapStateDescriptor<>("reports", Types.STRING, OtklikTypes.OBJECTIVE_REPORT));
            reportTallies = rc.getMapState(new MapStateDescriptor<>("report-tallies", Types.STRING,
                    OtklikTypes.COMPOSITE_TALLY));
            offices = rc.getMapState(new MapStateDescriptor<>("offices", Types.STRING, Types.BOOLEAN));
            dirty = rc.getMapState(new MapStateDescriptor<>("dirty", Types.STRING, Types.BOOLEAN));
            emitted = rc.getMapState(new MapStateDescriptor<>("emitted", Types.STRING, OtklikTypes.COMPOSITE_EMITTED));
            newest = rc.getState(new ValueStateDescriptor<>("newest", Types.LONG));
            timer = rc.getState(new ValueStateDescriptor<>("timer", Types.LONG));
            wallTimer = rc.getState(new ValueStateDescriptor<>("wall-timer", Types.LONG));
        }

        @Override
        public void processElement(CompositeInput in, Context ctx, Collector<EncodedRow> out) throws Exception {
            boolean changed;
            if (in.subjective() != null) {
                changed = subjective(in.subjective());
            } else if (in.report() != null) {
                changed = report(in.report());
            } else if (in.methodology() != null) {
                changed = methodology(in.methodology());
            } else {
                return;
            }
            if (changed && timer.value() == null) {
                long at = nextFiring(ctx.timerService().currentWatermark(), interval);
                if (at == Long.MAX_VALUE) { // event time has ended (all inputs finished): no timer fires any more
                    onTimer(at, null, ctx, out);
                    return;
                }
                arm(ctx.timerService(), at, quietMillis, timer, wallTimer);
            }
        }

        private boolean subjective(CompositeInput.Subjective s) throws Exception {
            String key = s.officeCode() + '\n' + s.month();
            OfficeMonth m = months.get(key);
            if (m == null) {
                m = new OfficeMonth();
            }
            for (CompositeInput.Answered a : s.answers()) {
                m.add(a.questionId(), a.positive() ? s.sign() : 0, s.sign());
            }
            months.put(key, m);
            Tally t = monthTallies.get(s.month());
            monthTallies.put(s.month(), (t == null ? Tally.NONE : t).plus(s.clientTsMillis()));
            offices.put(s.officeCode(), true);
            touch(s.clientTsMillis());
            LocalDate monthStart = ReportingPeriod.parse(s.month()).start();
            for (Methodology v : methodologies.values()) {
                markIfInForce(v, ReportingPeriod.of(v.period(), monthStart));
            }
            return true;
        }

        private boolean report(ObjectiveReport r) throws Exception {
            String key = r.officeCode() + '\n' + r.period();
            ObjectiveReport old = reports.get(key);
            if (old != null && old.revision() >= r.revision()) {
                return false; // an older (or the same) revision: at least once
            }
            reports.put(key, r);
            long at = r.changedAt().toEpochMilli();
            Tally t = reportTallies.get(r.period());
            // the sum of the offices' latest revisions, not the number of reports applied: a replay that meets an older
            // revision after a newer one (ignored) or before it (applied, then replaced) ends with the same sum
            reportTallies.put(r.period(), (t == null ? Tally.NONE : t).plus(r.revision() - (old == null ? 0 : old.revision()), at));
            offices.put(r.officeCode(), true);
            touch(at);
            ReportingPeriod p = ReportingPeriod.parse(r.period());
            for (Methodology v : methodologies.values()) {
                if (v.period() == p.kind()) {
                    markIfInForce(v, p);
                }
            }
            return true;
        }

        private boolean methodology(Methodology v) throws Exception {
            if (methodologies.contains(v.version())) {
                return false; // immutable: one number is one version
            }
            methodologies.put(v.version(), v);
            boolean any = false;
            for (String month : monthTallies.keys()) {
                any |= markIfInForce(v, ReportingPeriod.of(v.period(), ReportingPeriod.parse(month).start()));
            }
            for (String period : reportTallies.keys()) {
                ReportingPeriod p = ReportingPeriod.parse(period);
                if (p.kind() == v.period()) {
                    any |= markIfInForce(v, p);
                }
            }
            return any;
        }

        private boolean markIfInForce(Methodology v, ReportingPeriod p) throws Exception {
            if (v.inForce(p)) {
                dirty.put(v.version() + "\n" + p.code(), true);
                return true;
            }
            return false;
        }

        private void touch(long millis) throws Exception {
            Long n = newest.value();
            if (n == null || millis > n) {
                newest.update(millis);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
            onTimer(timestamp, ctx, null, out);
        }

        private void onTimer(long timestamp, OnTimerContext timerCtx, Context ctx, Collector<EncodedRow> out)
                throws Exception {
            disarm(timerCtx != null ? timerCtx.timerService() : ctx.timerService(), timer, wallTimer);
            String region = timerCtx != null ? timerCtx.getCurrentKey() : ctx.getCurrentKey();
            Long n = newest.value();
            LocalDate today = n == null ? LocalDate.MIN
                    : Instant.ofEpochMilli(n).atZone(RegionTimeZone.of(region)).toLocalDate();
            // a period the region's time has left is written once more, no longer live
            for (Map.Entry<String, Emitted> e : emitted.entries()) {
                if (e.getValue().live() && !ReportingPeriod.parse(periodOf(e.getKey())).contains(today)) {
                    dirty.put(e.getKey(), true);
                }
            }
            List<String> keys = new ArrayList<>();
            for (String k : dirty.keys()) {
                keys.add(k);
            }
            java.util.Collections.sort(keys);
            dirty.clear();
            List<CompositeIndexRow> rows = new ArrayList<>();
            for (String k : keys) {
                Methodology v = methodologies.get(Integer.parseInt(k.substring(0, k.indexOf('\n'))));
                ReportingPeriod p = ReportingPeriod.parse(periodOf(k));
                RegionIndexPart part = compute(region, v, p, today, rows);
                emitted.put(k, new Emitted(part.version(), part.live()));
                if (timerCtx != null) {
                    timerCtx.output(PARTS, part);
                } else {
                    ctx.output(PARTS, part);
                }
            }
            emit(rows, out);
        }

        private static String periodOf(String key) {
            return key.substring(key.indexOf('\n') + 1);
        }

        private RegionIndexPart compute(String region, Methodology v, ReportingPeriod p, LocalDate today,
                                        List<CompositeIndexRow> rows) throws Exception {
            List<Office> listed = directory.officesOf(region);
            RegionNetwork network = listed.isEmpty() ? RegionNetwork.DECENTRALISED : listed.get(0).network();
            var variant = v.variant(network);
            TreeSet<String> codes = new TreeSet<>();
            listed.forEach(o -> codes.add(o.code()));
            for (String o : offices.keys()) {
                codes.add(o);
            }
            List<String> monthCodes = new ArrayList<>();
            for (LocalDate d = p.start(); d.isBefore(p.end()); d = d.plusMonths(1)) {
                monthCodes.add(ReportingPeriod.of(ReportingPeriod.Kind.MONTH, d).code());
            }
            long inputs = 0;
            long newestMillis = 0;
            for (String m : monthCodes) {
                Tally t = monthTallies.get(m);
                if (t != null) {
                    inputs += t.inputs();
                    newestMillis = Math.max(newestMillis, t.newestMillis());
                }
            }
            Tally rt = reportTallies.get(p.code());
            if (rt != null) {
                inputs += rt.inputs();
                newestMillis = Math.max(newestMillis, rt.newestMillis());
            }
            boolean live = p.contains(today);
            long version = 2 * inputs + (live ? 0 : 1);
            long updated = newestMillis / 1000;
            Optional<String> managing = directory.managingOffice(region);
            ObjectiveReport managingReport = managing.isPresent() ? reports.get(managing.get() + '\n' + p.code()) : null;

            Map<String, CompositeIndex.SubjectiveCounts> pooled = new TreeMap<>();
            Map<ChecklistIndicator, List<ObjectiveScore>> scores = new EnumMap<>(ChecklistIndicator.class);
            for (String office : codes) {
                Map<String, CompositeIndex.SubjectiveCounts> own = new HashMap<>();
                boolean hasInput = false;
                for (String m : monthCodes) {
                    OfficeMonth om = months.get(office + '\n' + m);
                    if (om != null) {
                        om.addTo(own);
                        hasInput = true;
                    }
                }
                ObjectiveReport report = reports.get(office + '\n' + p.code());
                hasInput |= report != null;
                own.forEach((q, c) -> pooled.merge(q, c, CompositeIndex.SubjectiveCounts::plus));
                Map<String, CompositeIndex.ObjectiveFigure> objective = new HashMap<>();
                for (ChecklistIndicator i : ChecklistIndicator.values()) {
                    ObjectiveScore s = ObjectiveScoring.credited(i, report, managing.isPresent(), managingReport,
                            catalogue, v.objectiveRules());
                    scores.computeIfAbsent(i, k -> new ArrayList<>()).add(s);
                    objective.put(i.code(), CompositeIndex.ObjectiveFigure.ofOffice(s));
                }
                if (hasInput) {
                    CompositeIndex.Result r = CompositeIndex.compute(variant, v.minimumSample(),
                            new CompositeIndex.Inputs(own, objective));
                    rows.addAll(rows(v.version(), p, "office", office, region, r, groupsWithValue(r), live, updated,
                            version));
                }
            }
            Map<String, CompositeIndex.ObjectiveFigure> objective = new HashMap<>();
            for (ChecklistIndicator i : ChecklistIndicator.values()) {
                objective.put(i.code(), CompositeIndex.ObjectiveFigure.meanOf(
                        scores.getOrDefault(i, List.of()), v.objectiveRules().maxPoints(i)));
            }
            CompositeIndex.Inputs inputsOfRegion = new CompositeIndex.Inputs(pooled, objective);
            CompositeIndex.Result r = CompositeIndex.compute(variant, v.minimumSample(), inputsOfRegion);
            if (managing.isPresent()) { // it manages every office of its region: the region's figures
                rows.addAll(rows(v.version(), p, "managing", managing.get(), region, r, groupsWithValue(r), live,
                        updated, version));
            }
            rows.addAll(rows(v.version(), p, "region", region, region, r, groupsWithValue(r), live, updated, version));
            return new RegionIndexPart(v.version(), p.code(), p.start().toEpochDay(), v.minimumSample(),
                    new CompositeIndex.RegionPart(region, r, inputsOfRegion), version, live, updated);
        }
    }

    /** The federal stage: one key, every region's latest part per (methodology version, period). */
    public static final class Federal extends KeyedProcessFunction<String, RegionIndexPart, EncodedRow> {
        private final long interval;
        private transient MapState<String, RegionIndexPart> parts;
        private transient MapState<String, Boolean> dirty;
        private transient ValueState<Long> timer;
        private transient ValueState<Long> wallTimer;
        private final long quietMillis;

        public Federal(Duration emitInterval) {
            this(emitInterval, emitInterval.multipliedBy(5));
        }

        /** @param quietAfter how long a change may wait for event time before the wall clock writes it */
        public Federal(Duration emitInterval, Duration quietAfter) {
            this.interval = Math.max(1, emitInterval.toMillis());
            this.quietMillis = Math.max(interval, quietAfter.toMillis());
        }

        @Override
        public void open(OpenContext context) {
            var rc = getRuntimeContext();
            parts = rc.getMapState(new MapStateDescriptor<>("parts", Types.STRING, OtklikTypes.REGION_INDEX_PART));
            dirty = rc.getMapState(new MapStateDescriptor<>("dirty", Types.STRING, Types.BOOLEAN));
            timer = rc.getState(new ValueStateDescriptor<>("timer", Types.LONG));
            wallTimer = rc.getState(new ValueStateDescriptor<>("wall-timer", Types.LONG));
        }

        @Override
        public void processElement(RegionIndexPart part, Context ctx, Collector<EncodedRow> out) throws Exception {
            String key = part.methodologyVersion() + "\n" + part.period();
            parts.put(key + '\n' + part.part().regionCode(), part);
            dirty.put(key, true);
            if (timer.value() == null) {
                long at = nextFiring(ctx.timerService().currentWatermark(), interval);
                if (at == Long.MAX_VALUE) { // event time has ended: no timer fires any more
                    onTimer(at, null, out);
                    return;
                }
                arm(ctx.timerService(), at, quietMillis, timer, wallTimer);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
            if (ctx != null) {
                disarm(ctx.timerService(), timer, wallTimer);
            } else {
                timer.clear();
                wallTimer.clear();
            }
            TreeSet<String> keys = new TreeSet<>();
            for (String k : dirty.keys()) {
                keys.add(k);
            }
            dirty.clear();
            Map<String, List<RegionIndexPart>> byKey = new TreeMap<>();
            for (RegionIndexPart part : parts.values()) {
                String k = part.methodologyVersion() + "\n" + part.period();
                if (keys.contains(k)) {
                    byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(part);
                }
            }
            List<CompositeIndexRow> rows = new ArrayList<>();
            for (List<RegionIndexPart> list : byKey.values()) {
                list.sort(java.util.Comparator.comparing(x -> x.part().regionCode()));
                RegionIndexPart first = list.get(0);
                long version = 0;
                long updated = 0;
                boolean live = false;
                List<CompositeIndex.RegionPart> regionParts = new ArrayList<>();
                for (RegionIndexPart x : list) {
                    version += x.version();
                    updated = Math.max(updated, x.updatedTs());
                    live |= x.live();
                    regionParts.add(x.part());
                }
                CompositeIndex.Result r = CompositeIndex.federal(regionParts, first.minimumSample());
                int withValue = (int) list.stream().filter(x -> x.part().result().index() != null).count();
                rows.addAll(rows(first.methodologyVersion(), ReportingPeriod.parse(first.period()), "federal", "RU", "",
                        r, withValue, live, updated, version));
            }
            emit(rows, out);
        }
    }
}
