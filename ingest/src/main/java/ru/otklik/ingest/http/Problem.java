package ru.otklik.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import ru.otklik.common.validation.Violation;

/** The JSON body of every refusal: a stable error code, an optional reason, and the violations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String error, String reason, List<Violation> violations) {

    public static Problem invalid(List<Violation> violations) {
        return new Problem("invalid", null, violations);
    }

    public static Problem of(String error, String reason) {
        return new Problem(error, reason, null);
    }
}
