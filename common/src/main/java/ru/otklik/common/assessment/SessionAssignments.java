package ru.otklik.common.assessment;

import java.time.Instant;
import java.util.List;

/**
 * A 360 session's state and its whole interaction matrix, as the dashboards publish it to Kafka topic
 * {@code assessment.assignments} (keyed by session id) when the session launches and on every later change
 * (raters added, closed). The streaming job computes completion from it. A consumer keeps the highest
 * {@code version} per session; an older one is ignored (the topic is written at least once).
 *
 * @param status       {@code launched} or {@code closed}
 * @param modelVersion the competency model version of the session; when it changes, the answers given to the
 *                     former version are discarded
 */
public record SessionAssignments(String sessionId, long version, String status, long modelVersion,
                                 boolean anonymous, Instant deadline, Instant publishedAt,
                                 List<RaterAssignment> assignments) {

    public static final String LAUNCHED = "launched";
    public static final String CLOSED = "closed";

    public SessionAssignments {
        if (!LAUNCHED.equals(status) && !CLOSED.equals(status)) {
            throw new IllegalArgumentException("status must be launched or closed, got " + status);
        }
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }
}
