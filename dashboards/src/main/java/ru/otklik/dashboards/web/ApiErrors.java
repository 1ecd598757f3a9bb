package ru.otklik.dashboards.web;

import io.javalin.http.Context;

/** JSON error bodies: {@code {"error": code, "message": text}}. */
final class ApiErrors {

    private ApiErrors() {
    }

    static void send(Context ctx, int status, String code, String message) {
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(JsonBody.write(java.util.Map.of("error", code, "message", message)));
    }
}
