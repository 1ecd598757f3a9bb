package ru.otklik.streaming.assessment;

import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.store.StreamDeadLetterRow;

/**
 * What one Kafka record of {@code assessment.answers} or {@code assessment.assignments} turned into: a rater's
 * submission, a session's assignments, or the dead letter saying why the job cannot use it. Exactly one is set.
 */
public record AssessmentRecord(RaterSubmission submission, SessionAssignments assignments,
                               StreamDeadLetterRow deadLetter) {

    public static AssessmentRecord of(RaterSubmission submission) {
        return new AssessmentRecord(submission, null, null);
    }

    public static AssessmentRecord of(SessionAssignments assignments) {
        return new AssessmentRecord(null, assignments, null);
    }

    public static AssessmentRecord dead(StreamDeadLetterRow deadLetter) {
        return new AssessmentRecord(null, null, deadLetter);
    }

    public boolean isValid() {
        return deadLetter == null;
    }

    /** The key of the stage: the session the record is about. */
    public String sessionId() {
        return submission != null ? submission.sessionId() : assignments != null ? assignments.sessionId() : "";
    }
}
