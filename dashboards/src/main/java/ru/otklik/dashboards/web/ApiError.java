package ru.otklik.dashboards.web;

import io.javalin.http.HttpResponseException;
import java.util.Map;

/** A refusal thrown by a handler; {@link DashboardsWeb}'s one handler answers it as {@link ApiErrors} JSON. */
final class ApiError extends HttpResponseException {

    private final String code;

    ApiError(int status, String code, String message) {
        super(status, message, Map.of());
        this.code = code;
    }

    String code() {
        return code;
    }
}
