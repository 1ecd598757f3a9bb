package ru.otklik.streaming.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ru.otklik.common.assessment.ExtraAnswer;
import ru.otklik.common.assessment.IndicatorAnswer;
import ru.otklik.common.assessment.RaterAssignment;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.assessment.SessionAssignments;

/** Small builders of 360 events for the tests. */
public final class Assessments {

    public static final Instant AT = Instant.parse("2026-11-20T09:30:00Z");

    private Assessments() {
    }

    /** An answer: {@code points} null = cannot judge. */
    public static IndicatorAnswer answer(String competency, String indicator, Integer points) {
        return new IndicatorAnswer(indicator, competency, points == null ? "cj" : "o" + points, points, null);
    }

    public static IndicatorAnswer answer(String competency, String indicator, Integer points, String comment) {
        return new IndicatorAnswer(indicator, competency, points == null ? "cj" : "o" + points, points, comment);
    }

    public static RaterSubmission submission(String session, String target, String rater, String role, long model,
                                             int scaleMax, long minute, IndicatorAnswer... answers) {
        return new RaterSubmission(RaterSubmission.idOf(session, target, rater), session, target, rater, role, model,
                scaleMax, AT.plusSeconds(60 * minute), List.of(answers),
                List.of(new ExtraAnswer("X1", "extra text of " + rater)));
    }

    /** Assignments of {@code lines}: rater, target, role, rater, target, role, … */
    public static SessionAssignments assignments(String session, long version, String status, long model,
                                                 String... lines) {
        List<RaterAssignment> list = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 3) {
            list.add(new RaterAssignment(lines[i], lines[i + 1], lines[i + 2]));
        }
        return new SessionAssignments(session, version, status, model, true, AT.plusSeconds(14 * 86_400),
                AT.minusSeconds(86_400), list);
    }
}
