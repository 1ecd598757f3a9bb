package ru.otklik.streaming.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.assessment.Classification360;
import ru.otklik.common.assessment.IndicatorAnswer;
import ru.otklik.common.assessment.RaterAssignment;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.store.AssessmentCommentRow;
import ru.otklik.common.store.AssessmentCompletionRow;
import ru.otklik.common.store.AssessmentItemRow;
import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.assessment.internal.SessionState;
import ru.otklik.streaming.assessment.internal.TargetState;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.source.DeadLetterSplit;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by 360 session, the figures of domain §5 from the raters' submissions and the session's assignments:
 * {@code assessment_items} (per target, competency, indicator and role group; the competency as a whole with
 * indicator {@code ""}), {@code assessment_comments} and {@code assessment_completion}.
 *
 * <ul>
 * <li>A submission is counted once per {@code submissionId} and model version: a retry or a replay changes
 * nothing. "Cannot judge" answers are counted in {@code cannot_judge} only; extra answers are never counted nor
 * written.</li>
 * <li>Only submissions of the session's current model version are counted. One that comes before the session's
 * assignments, or answers a newer model version than the stage knows yet (the two topics race), waits in state
 * and is counted when the assignments name its version; one of an older version is discarded. When the model
 * version changes, the counted answers of the former one are discarded: their item rows are rewritten with zeros
 * and their comments with an empty comment.</li>
 * <li>Per target the stage keeps, per indicator and role, the counts of its row and, per rater and competency,
 * the rater's points sum and count: a submission rewrites only the rows it touches, of its own target, and the
 * competency rows (each rater's own average summed; above 4.5 / below 4 scaled, see {@link Classification360})
 * follow from the kept cells in a fixed order.</li>
 * <li>Completion (expected and submitted per session, per target and per target and role group) follows the
 * latest assignments (the highest {@code version}); submitted counts the counted submissions whose rater is
 * assigned to their target.</li>
 * </ul>
 *
 * <p>Versions are derived from what a row counts, never from the clock or the order in which the two topics are
 * read, and grow with every change of a row: an indicator row carries {@code modelVersion << 32 | answers in it}
 * (points and cannot judge), a competency row {@code modelVersion << 32 | raters in it}, a comment
 * {@code modelVersion << 32 | 1}, a discarded row {@code newModelVersion << 32}; a completion row
 * {@code assignmentsVersion << 32 | submitted} (its target's, or the session's). The final content and version of
 * every row depend only on the topics' records, so a replay writes the same final rows, and none of them loses to a
 * stale row of an earlier run. (Model and assignments versions are expected to grow, as the operational store
 * gives them.)
 */
public final class Assessment360Stage extends KeyedProcessFunction<String, AssessmentRecord, EncodedRow> {

    private transient ValueState<SessionState> sessions;
    /** submissionId + '\n' + modelVersion to the submission (without extra answers): counted or waiting. */
    private transient MapState<String, RaterSubmission> submissions;
    private transient MapState<String, TargetState> targets;

    @Override
    public void open(OpenContext context) {
        sessions = getRuntimeContext().getState(new ValueStateDescriptor<>("assessment-session",
                OtklikTypes.ASSESSMENT_SESSION));
        submissions = getRuntimeContext().getMapState(new MapStateDescriptor<>("assessment-submissions", Types.STRING,
                OtklikTypes.RATER_SUBMISSION));
        targets = getRuntimeContext().getMapState(new MapStateDescriptor<>("assessment-targets", Types.STRING,
                OtklikTypes.ASSESSMENT_TARGET));
    }

    @Override
    public void processElement(AssessmentRecord record, Context ctx, Collector<EncodedRow> out) throws Exception {
        currentKey = ctx.getCurrentKey();
        if (record.submission() != null) {
            submission(record.submission(), out);
        } else if (record.assignments() != null) {
            assignments(record.assignments(), out);
        }
    }

    private void submission(RaterSubmission s, Collector<EncodedRow> out) throws Exception {
        String key = s.submissionId() + '\n' + s.modelVersion();
        if (submissions.contains(key)) {
            return; // a retry or a replay
        }
        SessionState session = sessions.value();
        if (session != null && session.known() && s.modelVersion() < session.modelVersion) {
            return; // answers to a questionnaire the session no longer has
        }
        submissions.put(key, withoutExtras(s));
        if (session == null || !session.known() || s.modelVersion() != session.modelVersion) {
            if (session == null) {
                sessions.update(new SessionState());
            }
            return; // waits for the assignments that name its model version
        }
        Pass pass = new Pass(session);
        count(s, session, pass);
        sessions.update(session);
        pass.flush(out);
    }

    private void assignments(SessionAssignments a, Collector<EncodedRow> out) throws Exception {
        SessionState session = sessions.value();
        if (session == null) {
            session = new SessionState();
        }
        if (session.known() && a.version() <= session.version) {
            return; // older, or the same again
        }
        boolean wasKnown = session.known();
        long oldModel = session.modelVersion;
        Map<String, TreeMap<String, String>> oldAssignments = new TreeMap<>(session.assignments);
        session.version = a.version();
        session.status = a.status();
        session.modelVersion = a.modelVersion();
        session.deadlineTs = a.deadline() == null ? 0 : Math.max(0, a.deadline().getEpochSecond());
        session.assignments.clear();
        for (RaterAssignment r : a.assignments()) {
            session.assignments.computeIfAbsent(r.targetId(), t -> new TreeMap<>()).put(r.raterKey(), r.roleCode());
        }
        Pass pass = new Pass(session);
        if (!wasKnown || oldModel != session.modelVersion) {
            long zeroVersion = session.modelVersion << 32;
            if (wasKnown) {
                for (Map.Entry<String, TargetState> t : targets.entries()) {
                    pass.zeroTarget(t.getKey(), t.getValue(), zeroVersion);
                }
            }
            targets.clear();
            session.counted = 0;
            TreeMap<String, RaterSubmission> toCount = new TreeMap<>();
            List<String> discarded = new ArrayList<>();
            for (Map.Entry<String, RaterSubmission> e : submissions.entries()) {
                RaterSubmission s = e.getValue();
                if (s.modelVersion() == session.modelVersion) {
                    toCount.put(e.getKey(), s);
                } else if (s.modelVersion() < session.modelVersion || (wasKnown && s.modelVersion() == oldModel)) {
                    discarded.add(e.getKey());
                    if (wasKnown && s.modelVersion() == oldModel) {
                        pass.blankComments(s, zeroVersion);
                    }
                }
            }
            for (String k : discarded) {
                submissions.remove(k);
            }
            for (RaterSubmission s : toCount.values()) {
                count(s, session, pass);
            }
        }
        session.submittedByTarget.clear();
        for (Map.Entry<String, TargetState> t : targets.entries()) {
            long n = submittedAmongAssigned(session, t.getKey(), t.getValue());
            if (n > 0) {
                session.submittedByTarget.put(t.getKey(), n);
            }
        }
        pass.allCompletion(oldAssignments);
        sessions.update(session);
        pass.flush(out);
    }

    /** Counts one submission of the session's current model version into its target's cells. */
    private void count(RaterSubmission s, SessionState session, Pass pass) throws Exception {
        TargetState t = targets.get(s.targetId());
        if (t == null) {
            t = new TargetState();
        }
        t.scaleMax = Math.max(t.scaleMax, s.scaleMax());
        t.counted++;
        t.raters.put(s.raterKey(), s.roleCode());
        long ts = s.submittedAt().getEpochSecond();
        long version = session.modelVersion << 32 | 1;
        for (IndicatorAnswer a : s.answers()) {
            String ik = TargetState.indicatorKey(a.competencyCode(), a.indicatorCode(), s.roleCode());
            TargetState.IndicatorCell cell = t.indicators.computeIfAbsent(ik,
                    k -> new TargetState.IndicatorCell(s.scaleMax()));
            cell.fit(s.scaleMax());
            cell.updatedTs = Math.max(cell.updatedTs, ts);
            TargetState.RaterCell rater = t.raterCells.computeIfAbsent(
                    TargetState.raterKey(a.competencyCode(), s.roleCode(), s.submissionId()),
                    k -> new TargetState.RaterCell());
            rater.updatedTs = Math.max(rater.updatedTs, ts);
            if (a.points() == null) {
                cell.cannotJudge++;
                rater.cannotJudge++;
            } else {
                int p = a.points();
                cell.raters++;
                cell.pointsSum += p;
                cell.distribution[p]++;
                if (Classification360.aboveStrength(p, 1, s.scaleMax())) {
                    cell.above++;
                }
                if (Classification360.belowNeed(p, 1, s.scaleMax())) {
                    cell.below++;
                }
                rater.sum += p;
                rater.count++;
            }
            pass.touch(s.targetId(), ik, TargetState.competencyPrefix(a.competencyCode(), s.roleCode()));
            if (a.comment() != null) {
                pass.comments.put(commentKey(s, a), new AssessmentCommentRow(s.sessionId(), s.targetId(),
                        a.competencyCode(), a.indicatorCode(), s.roleCode(), commentId(s.submissionId(),
                        a.indicatorCode()), a.comment(), Math.floorDiv(ts, 86_400L), version));
            }
        }
        targets.put(s.targetId(), t);
        session.counted++;
        TreeMap<String, String> assigned = session.assignments.get(s.targetId());
        if (assigned != null && assigned.containsKey(s.raterKey())) {
            session.submittedByTarget.merge(s.targetId(), 1L, Long::sum);
            pass.completionTargets.add(s.targetId());
        }
    }

    private static long submittedAmongAssigned(SessionState session, String target, TargetState t) {
        TreeMap<String, String> assigned = session.assignments.get(target);
        if (assigned == null) {
            return 0;
        }
        long n = 0;
        for (String rater : t.raters.keySet()) {
            if (assigned.containsKey(rater)) {
                n++;
            }
        }
        return n;
    }

    private static String commentKey(RaterSubmission s, IndicatorAnswer a) {
        return s.targetId() + '\n' + a.indicatorCode() + '\n' + commentId(s.submissionId(), a.indicatorCode());
    }

    /** The first 32 hex digits of sha-256(submission id + '\n' + indicator code): one rater's comments stay apart. */
    public static String commentId(String submissionId, String indicatorCode) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((submissionId + '\n' + indicatorCode)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RaterSubmission withoutExtras(RaterSubmission s) {
        return s.extraAnswers().isEmpty() ? s : new RaterSubmission(s.submissionId(), s.sessionId(), s.targetId(),
                s.raterKey(), s.roleCode(), s.modelVersion(), s.scaleMax(), s.submittedAt(), s.answers(), List.of());
    }

    /** What one record changes, collected and written at its end: each row once, in a fixed order. */
    private final class Pass {
        private final SessionState session;
        private final TreeMap<String, TreeSet<String>> touchedIndicators = new TreeMap<>();
        private final TreeMap<String, TreeSet<String>> touchedCompetencies = new TreeMap<>();
        private final LinkedHashMap<String, AssessmentItemRow> items = new LinkedHashMap<>();
        private final TreeMap<String, AssessmentCommentRow> comments = new TreeMap<>();
        private final TreeSet<String> completionTargets = new TreeSet<>();
        private Map<String, TreeMap<String, String>> formerAssignments;

        Pass(SessionState session) {
            this.session = session;
        }

        void touch(String target, String indicatorKey, String competencyPrefix) {
            touchedIndicators.computeIfAbsent(target, t -> new TreeSet<>()).add(indicatorKey);
            touchedCompetencies.computeIfAbsent(target, t -> new TreeSet<>()).add(competencyPrefix);
        }

        /** Every row of a target whose answers are discarded, with zeros. */
        void zeroTarget(String target, TargetState t, long version) {
            for (Map.Entry<String, TargetState.IndicatorCell> e : t.indicators.entrySet()) {
                String[] k = e.getKey().split("\n", -1);
                items.put(itemKey(target, k[0], k[1], k[2]), new AssessmentItemRow(session(), target, k[0], k[1], k[2],
                        t.scaleMax, 0, 0, 0, new long[e.getValue().distribution.length], 0, 0, 0, version));
            }
            for (String prefix : competencyPrefixes(t)) {
                String[] k = prefix.split("\n", -1);
                items.put(itemKey(target, k[0], "", k[1]), new AssessmentItemRow(session(), target, k[0], "", k[1],
                        t.scaleMax, 0, 0, 0, new long[0], 0, 0, 0, version));
            }
        }

        void blankComments(RaterSubmission s, long version) {
            for (IndicatorAnswer a : s.answers()) {
                if (a.comment() != null) {
                    comments.put(commentKey(s, a), new AssessmentCommentRow(s.sessionId(), s.targetId(),
                            a.competencyCode(), a.indicatorCode(), s.roleCode(), commentId(s.submissionId(),
                            a.indicatorCode()), "", Math.floorDiv(s.submittedAt().getEpochSecond(), 86_400L), version));
                }
            }
        }

        /** The assignments changed: every completion row, and zeros for the scopes that left the matrix. */
        void allCompletion(Map<String, TreeMap<String, String>> former) {
            formerAssignments = former;
        }

        private String session() {
            return getCurrentKeyOrEmpty();
        }

        void flush(Collector<EncodedRow> out) throws Exception {
            for (Map.Entry<String, TreeSet<String>> e : touchedIndicators.entrySet()) {
                String target = e.getKey();
                TargetState t = targets.get(target);
                long model = session.modelVersion << 32;
                for (String ik : e.getValue()) {
                    String[] k = ik.split("\n", -1);
                    TargetState.IndicatorCell c = t.indicators.get(ik);
                    items.put(itemKey(target, k[0], k[1], k[2]), new AssessmentItemRow(session(), target, k[0], k[1],
                            k[2], t.scaleMax, c.raters, c.cannotJudge, c.pointsSum, c.distribution.clone(), c.above,
                            c.below, c.updatedTs, model | (c.raters + c.cannotJudge)));
                }
                for (String prefix : touchedCompetencies.get(target)) {
                    String[] k = prefix.split("\n", -1);
                    items.put(itemKey(target, k[0], "", k[1]), competencyRow(target, t, k[0], k[1], prefix, model));
                }
            }
            List<AssessmentCompletionRow> completion = completionRows();
            emit(Tables.ASSESSMENT_ITEMS, new ArrayList<>(items.values()), out);
            emit(Tables.ASSESSMENT_COMMENTS, new ArrayList<>(comments.values()), out);
            emit(Tables.ASSESSMENT_COMPLETION, completion, out);
        }

        private AssessmentItemRow competencyRow(String target, TargetState t, String competency, String role,
                                                String prefix, long model) {
            long raters = 0;
            long cannotJudge = 0;
            double pointsSum = 0;
            long above = 0;
            long below = 0;
            long updated = 0;
            SortedMap<String, TargetState.RaterCell> cells = t.raterCells.subMap(prefix, prefix + Character.MAX_VALUE);
            for (TargetState.RaterCell c : cells.values()) {
                cannotJudge += c.cannotJudge;
                updated = Math.max(updated, c.updatedTs);
                if (c.count > 0) {
                    raters++;
                    pointsSum += (double) c.sum / c.count;
                    if (Classification360.aboveStrength(c.sum, c.count, t.scaleMax)) {
                        above++;
                    }
                    if (Classification360.belowNeed(c.sum, c.count, t.scaleMax)) {
                        below++;
                    }
                }
            }
            return new AssessmentItemRow(session(), target, competency, "", role, t.scaleMax, raters, cannotJudge,
                    pointsSum, new long[0], above, below, updated, model | cells.size());
        }

        private List<AssessmentCompletionRow> completionRows() throws Exception {
            if (!session.known()) {
                return List.of();
            }
            long assignments = session.version << 32;
            LinkedHashMap<String, AssessmentCompletionRow> rows = new LinkedHashMap<>();
            if (formerAssignments != null) {
                for (Map.Entry<String, TreeMap<String, String>> e : formerAssignments.entrySet()) {
                    if (session.assignments.containsKey(e.getKey())) {
                        continue;
                    }
                    rows.put(e.getKey() + "\n", completion(e.getKey(), "", 0, 0, assignments));
                    for (String role : new TreeSet<>(e.getValue().values())) {
                        rows.put(e.getKey() + "\n" + role, completion(e.getKey(), role, 0, 0, assignments));
                    }
                }
            }
            Iterable<String> changed = formerAssignments != null ? session.assignments.keySet() : completionTargets;
            for (String target : changed) {
                TreeMap<String, String> assigned = session.assignments.get(target);
                if (assigned == null) {
                    continue;
                }
                TargetState t = targets.get(target);
                TreeMap<String, long[]> byRole = new TreeMap<>();
                if (formerAssignments != null && formerAssignments.containsKey(target)) {
                    for (String role : formerAssignments.get(target).values()) {
                        byRole.put(role, new long[2]); // a role that left the target's matrix: zeros
                    }
                }
                for (Map.Entry<String, String> r : assigned.entrySet()) {
                    long[] n = byRole.computeIfAbsent(r.getValue(), k -> new long[2]);
                    n[0]++;
                    if (t != null && t.raters.containsKey(r.getKey())) {
                        n[1]++;
                    }
                }
                long submitted = session.submittedByTarget.getOrDefault(target, 0L);
                rows.put(target + "\n", completion(target, "", assigned.size(), submitted, assignments | submitted));
                for (Map.Entry<String, long[]> r : byRole.entrySet()) {
                    rows.put(target + "\n" + r.getKey(), completion(target, r.getKey(), r.getValue()[0],
                            r.getValue()[1], assignments | submitted));
                }
            }
            if (formerAssignments != null || !completionTargets.isEmpty()) {
                rows.put("\n", completion("", "", session.expected(), session.submitted(),
                        assignments | session.submitted()));
            }
            return new ArrayList<>(rows.values());
        }

        private AssessmentCompletionRow completion(String target, String role, long expected, long submitted,
                                                   long version) {
            return new AssessmentCompletionRow(session(), target, role, expected, submitted, session.status,
                    session.deadlineTs, version);
        }
    }

    /** The session of the record being processed. */
    private transient String currentKey;

    private String getCurrentKeyOrEmpty() {
        return currentKey == null ? "" : currentKey;
    }

    /** The records the stage can count; dead letters go to {@link DeadLetterSplit#DEAD_LETTERS}, already encoded. */
    public static final class Split extends ProcessFunction<AssessmentRecord, AssessmentRecord> {
        @Override
        public void processElement(AssessmentRecord r, Context ctx, Collector<AssessmentRecord> out) {
            if (r.isValid()) {
                out.collect(r);
            } else {
                ctx.output(DeadLetterSplit.DEAD_LETTERS, EncodedRow.of(Tables.STREAM_DEAD_LETTERS, r.deadLetter()));
            }
        }
    }

    private static String itemKey(String target, String competency, String indicator, String role) {
        return target + '\n' + competency + '\n' + indicator + '\n' + role;
    }

    private static TreeSet<String> competencyPrefixes(TargetState t) {
        TreeSet<String> prefixes = new TreeSet<>();
        for (String k : t.raterCells.keySet()) {
            prefixes.add(k.substring(0, k.lastIndexOf('\n') + 1));
        }
        return prefixes;
    }

    private static <R> void emit(Table<R> table, List<R> rows, Collector<EncodedRow> out) {
        if (!rows.isEmpty()) {
            out.collect(new EncodedRow(Tables.idOf(table), rows.size(), table.encode(rows), true));
        }
    }
}
