package ru.otklik.ingest.http;

import io.javalin.http.HttpResponseException;
import java.util.Map;

/**
 * A refusal thrown by a handler or filter; the service's one exception handler answers it as
 * {@link Problem} JSON with {@link #status()} and keeps it in the dead-letter topic under
 * {@link #endpoint()} with {@link #reason()}.
 */
public final class ProblemException extends HttpResponseException {

    private final transient Problem problem;
    private final String endpoint;

    public ProblemException(int status, String endpoint, Problem problem) {
        super(status, problem.error(), Map.of());
        this.problem = problem;
        this.endpoint = endpoint;
    }

    public Problem problem() {
        return problem;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The reason kept with the dead letter: the first violation's rule, else the problem's reason or error. */
    public String reason() {
        if (problem.violations() != null && !problem.violations().isEmpty()) {
            return problem.violations().get(0).rule();
        }
        return problem.reason() != null ? problem.reason() : problem.error();
    }
}
