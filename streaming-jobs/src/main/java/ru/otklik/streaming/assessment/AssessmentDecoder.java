package ru.otklik.streaming.assessment;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import ru.otklik.common.assessment.IndicatorAnswer;
import ru.otklik.common.assessment.RaterAssignment;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.response.EventJson;
import ru.otklik.streaming.source.DeadLetters;

/**
 * Turns the bytes of one record of the 360 topics into a submission, a session's assignments or a dead letter, and
 * never throws (like {@code RecordDecoder} for responses: a record that stopped the job would stop it again after
 * every restart). A submission must name its session, target, rater and role, carry the deterministic id of
 * {@link RaterSubmission#idOf} (the job counts one submission per id), a scale of 1 to {@link #MAX_SCALE} points,
 * and answer each indicator at most once with points on that scale (or none: cannot judge). Assignments must name
 * their session and, for each line, a rater, a target and a role, each rater and target pair once.
 */
public final class AssessmentDecoder {

    public static final int MAX_SCALE = 100;

    private final DeadLetters deadLetters;

    public AssessmentDecoder(Clock clock) {
        this.deadLetters = new DeadLetters(clock);
    }

    public AssessmentRecord submission(String topic, int partition, long offset, long kafkaTs, byte[] value) {
        return decode(topic, partition, offset, kafkaTs, value, true);
    }

    public AssessmentRecord assignments(String topic, int partition, long offset, long kafkaTs, byte[] value) {
        return decode(topic, partition, offset, kafkaTs, value, false);
    }

    private AssessmentRecord decode(String topic, int partition, long offset, long kafkaTs, byte[] value,
                                    boolean submission) {
        if (value == null || value.length == 0) {
            return dead(topic, partition, offset, kafkaTs, value, "empty", "the record has no value");
        }
        Object event;
        try {
            Class<?> type = submission ? RaterSubmission.class : SessionAssignments.class;
            event = EventJson.mapper().readValue(value, type);
        } catch (Exception | StackOverflowError e) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", DeadLetters.firstLine(e));
        }
        if (event == null) {
            return dead(topic, partition, offset, kafkaTs, value, "undecodable", "JSON null");
        }
        String problem;
        try {
            problem = submission ? problem((RaterSubmission) event) : problem((SessionAssignments) event);
        } catch (RuntimeException e) {
            problem = DeadLetters.firstLine(e);
        }
        if (problem != null) {
            return dead(topic, partition, offset, kafkaTs, value, "invalid", problem);
        }
        return submission ? AssessmentRecord.of((RaterSubmission) event)
                : AssessmentRecord.of((SessionAssignments) event);
    }

    /** Why the job cannot count this submission, or null. */
    static String problem(RaterSubmission s) {
        if (blank(s.sessionId()) || blank(s.targetId()) || blank(s.raterKey()) || blank(s.roleCode())) {
            return "sessionId, targetId, raterKey and roleCode are required";
        }
        if (blank(s.submissionId()) || !s.submissionId().equals(RaterSubmission.idOf(s.sessionId(), s.targetId(),
                s.raterKey()))) {
            return "submissionId is not the id of its session, target and rater";
        }
        if (s.submittedAt() == null) {
            return "submittedAt is required";
        }
        if (s.scaleMax() < 1 || s.scaleMax() > MAX_SCALE) {
            return "scaleMax must be 1 to " + MAX_SCALE + ", got " + s.scaleMax();
        }
        if (s.roleCode().indexOf('\n') >= 0) {
            return "roleCode has a line break";
        }
        Set<String> indicators = new HashSet<>();
        for (IndicatorAnswer a : s.answers()) {
            if (a == null || blank(a.indicatorCode()) || blank(a.competencyCode())) {
                return "every answer needs an indicatorCode and a competencyCode";
            }
            if (a.indicatorCode().indexOf('\n') >= 0 || a.competencyCode().indexOf('\n') >= 0) {
                return "indicator " + a.indicatorCode() + ": a code has a line break";
            }
            if (!indicators.add(a.indicatorCode())) {
                return "indicator " + a.indicatorCode() + " answered twice";
            }
            if (a.points() != null && (a.points() < 0 || a.points() > s.scaleMax())) {
                return "indicator " + a.indicatorCode() + ": points " + a.points() + " off the scale 0.." + s.scaleMax();
            }
        }
        return null;
    }

    /** Why the job cannot use these assignments, or null. */
    static String problem(SessionAssignments a) {
        if (blank(a.sessionId())) {
            return "sessionId is required";
        }
        Set<String> pairs = new HashSet<>();
        for (RaterAssignment r : a.assignments()) {
            if (r == null || blank(r.raterKey()) || blank(r.targetId()) || blank(r.roleCode())) {
                return "every assignment needs a raterKey, a targetId and a roleCode";
            }
            if (!pairs.add(r.raterKey() + '\n' + r.targetId())) {
                return "a rater is assigned to target " + r.targetId() + " twice";
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private AssessmentRecord dead(String topic, int partition, long offset, long kafkaTs, byte[] value, String reason,
                              String detail) {
        return AssessmentRecord.dead(deadLetters.row(topic, partition, offset, kafkaTs, value, reason, detail));
    }
}
