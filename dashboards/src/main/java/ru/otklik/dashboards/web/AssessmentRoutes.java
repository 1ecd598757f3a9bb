package ru.otklik.dashboards.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.assessment.AssessmentSessions;
import ru.otklik.dashboards.assessment.AssessmentSettings;
import ru.otklik.dashboards.assessment.CompetencyTemplate;
import ru.otklik.dashboards.assessment.ImportRefused;
import ru.otklik.dashboards.assessment.OrgDirectory;
import ru.otklik.dashboards.assessment.OrgStructure;
import ru.otklik.dashboards.assessment.TabularFile;
import ru.otklik.dashboards.store.OutboxRelay;

/**
 * The 360 administration API (domain §5): the organisation structure and competency models imported from
 * CSV/XLSX files (the file is the request body; a refused file answers 422 with every problem by row and
 * column, and nothing is imported), sessions, their interaction matrices (filled from the structure, edited,
 * approved per target), launch and close. Regional managers and federal users administer 360; a session is
 * administered by whoever created it and by federal users (404 for anyone else: no hint that it exists).
 * Every change needs the anti-CSRF token.
 */
final class AssessmentRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentRoutes.class);
    private static final String BASE = "/api/v1/assessment";

    private final SessionGuard guard;
    private final OfficeDirectory offices;
    private final OrgDirectory org;
    private final AssessmentSessions sessions;
    private final AssessmentSettings settings;
    private final OutboxRelay<AssessmentSessions.PendingAssignments> relay;
    private final ru.otklik.dashboards.assessment.RaterReminders reminders;

    /** @param org, {@code sessions} and {@code relay} null without an operational store (answers 503) */
    AssessmentRoutes(SessionGuard guard, OfficeDirectory offices, OrgDirectory org, AssessmentSessions sessions,
                     AssessmentSettings settings, OutboxRelay<AssessmentSessions.PendingAssignments> relay,
                     ru.otklik.dashboards.assessment.RaterReminders reminders) {
        this.reminders = reminders;
        this.guard = guard;
        this.offices = offices;
        this.org = org;
        this.sessions = sessions;
        this.settings = settings;
        this.relay = relay;
    }

    void register(RoutesConfig routes) {
        routes.post(BASE + "/structure", guard.apiChange((ctx, viewer) -> {
            administrator(viewer);
            OrgStructure structure = OrgStructure.parse(file(ctx), offices);
            OrgDirectory.Imported imported = org().replace(structure);
            LOG.info("event=structure_imported by={} employees={} added={} deactivated={}", viewer.user().username(),
                    imported.employees(), imported.added(), imported.deactivated());
            json(ctx, 200, imported);
        }));
        routes.get(BASE + "/employees", guard.api((ctx, viewer) -> {
            administrator(viewer);
            json(ctx, 200, Map.of("employees", org().activeEmployees()));
        }));
        routes.post(BASE + "/models", guard.apiChange((ctx, viewer) -> {
            administrator(viewer);
            String name = ctx.queryParam("name");
            if (name == null || name.isBlank() || name.length() > 200) {
                throw new ApiError(400, "bad_request", "name (query parameter) must have 1 to 200 characters");
            }
            CompetencyModel model = CompetencyTemplate.parse(name.strip(), file(ctx),
                    new LinkedHashSet<>(store().roleCodes()));
            long version = store().saveModel(model, viewer.user().username());
            json(ctx, 201, Map.of("modelVersion", version, "model", model));
        }));
        routes.get(BASE + "/models/{version}", guard.api((ctx, viewer) -> {
            administrator(viewer);
            long version = longParam(ctx.pathParam("version"), "version");
            json(ctx, 200, store().model(version).orElseThrow(() -> new ApiError(404, "not_found", "no such model")));
        }));
        routes.get(BASE + "/roles", guard.api((ctx, viewer) -> {
            administrator(viewer);
            json(ctx, 200, Map.of("roles", store().roles().values()));
        }));
        routes.post(BASE + "/roles", guard.apiChange((ctx, viewer) -> {
            if (viewer.user().role() != Role.FEDERAL && viewer.user().role() != Role.ADMIN) {
                throw new ApiError(403, "forbidden", "rater roles are set for everyone: federal users and admins set them");
            }
            JsonNode body = JsonBody.readObject(ctx);
            ru.otklik.common.assessment.RaterRole role;
            try {
                role = new ru.otklik.common.assessment.RaterRole(text(body, "code"),
                        new ru.otklik.common.survey.LocalizedText(text(body, "nameRu"),
                                body.hasNonNull("nameEn") ? body.get("nameEn").asText() : null),
                        (int) number(body, "anonymityThreshold"), (int) number(body, "commentThreshold"));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_request", e.getMessage());
            }
            if (role.anonymityThreshold() > 100 || role.commentThreshold() > 100) {
                throw new ApiError(400, "bad_request", "thresholds are at most 100");
            }
            store().saveRole(role);
            LOG.info("event=rater_role_saved role={} anonymity={} comments={} by={}", role.code(),
                    role.anonymityThreshold(), role.commentThreshold(), viewer.user().username());
            json(ctx, 200, role);
        }));
        routes.post(BASE + "/sessions", guard.apiChange((ctx, viewer) -> {
            administrator(viewer);
            JsonNode body = JsonBody.readObject(ctx);
            Instant startsAt = body.hasNonNull("startsAt") ? instant(body, "startsAt") : null;
            AssessmentSessions.Session s = store().create(text(body, "sessionId"), text(body, "name"),
                    number(body, "modelVersion"), !body.has("anonymous") || body.get("anonymous").asBoolean(true),
                    startsAt, instant(body, "deadline"), viewer.user().username());
            json(ctx, 201, s);
        }));
        routes.get(BASE + "/sessions", guard.api((ctx, viewer) -> {
            administrator(viewer);
            json(ctx, 200, Map.of("sessions", store().sessions().stream().filter(s -> administers(viewer, s)).toList()));
        }));
        routes.get(BASE + "/sessions/{session}", guard.api((ctx, viewer) -> {
            AssessmentSessions.Session s = administered(ctx, viewer);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("session", s);
            view.put("matrix", store().matrix(s.sessionId()));
            view.put("history", store().history(s.sessionId()));
            if (!"draft".equals(s.status())) {
                List<Map<String, String>> links = new ArrayList<>();
                store().raterKeys(s.sessionId()).forEach((rater, key) ->
                        links.add(Map.of("raterId", rater, "link", settings.raterLink(key))));
                view.put("raterLinks", links);
                if (reminders != null) {
                    view.put("reminders", reminders.counts(s.sessionId()));
                }
            }
            json(ctx, 200, view);
        }));
        routes.post(BASE + "/sessions/{session}/matrix/fill", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = administered(ctx, viewer);
            JsonNode body = JsonBody.readObject(ctx);
            JsonNode targets = body.get("targets");
            if (targets == null || !targets.isArray() || targets.isEmpty() || targets.size() > 1000) {
                throw new ApiError(400, "bad_request", "targets must be a list of 1 to 1000 employee ids");
            }
            List<String> ids = new ArrayList<>();
            targets.forEach(t -> ids.add(t.asText()));
            int added = store().fillFromStructure(s.sessionId(), ids, viewer.user().username());
            changed(s);
            json(ctx, 200, Map.of("added", added));
        }));
        routes.post(BASE + "/sessions/{session}/matrix", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = administered(ctx, viewer);
            JsonNode body = JsonBody.readObject(ctx);
            store().setRater(s.sessionId(), text(body, "targetId"), text(body, "raterId"), text(body, "role"),
                    viewer.user().username());
            changed(s);
            json(ctx, 200, Map.of("matrix", store().matrix(s.sessionId())));
        }));
        routes.post(BASE + "/sessions/{session}/matrix/remove", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = administered(ctx, viewer);
            JsonNode body = JsonBody.readObject(ctx);
            store().removeRater(s.sessionId(), text(body, "targetId"), text(body, "raterId"), viewer.user().username());
            changed(s);
            json(ctx, 200, Map.of("matrix", store().matrix(s.sessionId())));
        }));
        routes.post(BASE + "/sessions/{session}/targets/{target}/approve", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = administered(ctx, viewer);
            store().approve(s.sessionId(), ctx.pathParam("target"), viewer.user().username());
            LOG.info("event=matrix_approved session={} target={} by={}", s.sessionId(), ctx.pathParam("target"),
                    viewer.user().username());
            json(ctx, 200, Map.of("approved", ctx.pathParam("target"), "by", viewer.user().username()));
        }));
        routes.post(BASE + "/sessions/{session}/launch", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = store().launch(administered(ctx, viewer).sessionId(), viewer.user().username());
            relay().wake();
            LOG.info("event=session_launched session={} by={}", s.sessionId(), viewer.user().username());
            json(ctx, 200, s);
        }));
        routes.post(BASE + "/sessions/{session}/report-access", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = administered(ctx, viewer);
            JsonNode see = JsonBody.readObject(ctx).get("targetsSee");
            if (see == null || !see.isBoolean()) {
                throw new ApiError(400, "bad_request", "targetsSee is required (true or false)");
            }
            store().setTargetsSeeReports(s.sessionId(), see.asBoolean());
            LOG.info("event=report_access session={} targets_see={} by={}", s.sessionId(), see.asBoolean(),
                    viewer.user().username());
            json(ctx, 200, Map.of("sessionId", s.sessionId(), "targetsSee", see.asBoolean()));
        }));
        routes.post(BASE + "/sessions/{session}/remind", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = administered(ctx, viewer);
            if (!"launched".equals(s.status())) {
                throw new ApiError(409, "conflict", "only a launched session's raters are reminded; this one is " + s.status());
            }
            if (reminders == null) {
                throw new ApiError(503, "unavailable", "the operational store is not configured");
            }
            int queued = reminders.queueNow(s.sessionId(), java.time.Instant.now());
            LOG.info("event=reminders_queued session={} raters={} by={}", s.sessionId(), queued, viewer.user().username());
            json(ctx, 202, Map.of("sessionId", s.sessionId(), "queued", queued));
        }));
        routes.post(BASE + "/sessions/{session}/close", guard.apiChange((ctx, viewer) -> {
            AssessmentSessions.Session s = store().close(administered(ctx, viewer).sessionId(), viewer.user().username());
            relay().wake();
            LOG.info("event=session_closed session={} by={}", s.sessionId(), viewer.user().username());
            json(ctx, 200, s);
        }));
    }

    /** A change of a running session goes to Kafka at once (the relay would take it at its interval anyway). */
    private void changed(AssessmentSessions.Session s) {
        if (!"draft".equals(s.status())) {
            relay().wake();
        }
    }

    private static void administrator(Viewer viewer) {
        if (viewer.user().role() == Role.OFFICE) {
            throw new ApiError(403, "forbidden", "360 assessments are administered by regional managers and federal users");
        }
    }

    private static boolean administers(Viewer viewer, AssessmentSessions.Session s) {
        return viewer.user().role() == Role.FEDERAL || s.createdBy().equals(viewer.user().username());
    }

    private AssessmentSessions.Session administered(Context ctx, Viewer viewer) {
        administrator(viewer);
        return store().session(ctx.pathParam("session")).filter(s -> administers(viewer, s))
                .orElseThrow(() -> new ApiError(404, "not_found", "no such session"));
    }

    /** The uploaded file: the request body, named by the {@code name} of the query or {@code X-File-Name}. */
    private static TabularFile file(Context ctx) {
        long length = ctx.contentLength();
        if (length > TabularFile.MAX_BYTES) {
            throw new ApiError(413, "too_large", "the file must be at most " + TabularFile.MAX_BYTES + " bytes");
        }
        String fileName = ctx.header("X-File-Name");
        String type = String.valueOf(ctx.contentType()).toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("text/csv") && !type.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml")
                && !type.startsWith("application/octet-stream")) {
            throw new ApiError(415, "unsupported_media_type", "send the file as text/csv or as an XLSX workbook"
                    + " (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)");
        }
        return TabularFile.read(fileName == null && type.contains("spreadsheetml") ? "upload.xlsx" : fileName,
                ctx.bodyAsBytes());
    }

    private OrgDirectory org() {
        if (org == null) {
            throw unavailable();
        }
        return org;
    }

    private AssessmentSessions store() {
        if (sessions == null) {
            throw unavailable();
        }
        return sessions;
    }

    private OutboxRelay<AssessmentSessions.PendingAssignments> relay() {
        if (relay == null) {
            throw unavailable();
        }
        return relay;
    }

    private static ApiError unavailable() {
        return new ApiError(503, "operational_store_unavailable", "360 assessments need the operational store"
                + " (OTKLIK_POSTGRES_URL)");
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ApiError(400, "bad_request", field + " is required (a string)");
        }
        return v.asText().strip();
    }

    private static long number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new ApiError(400, "bad_request", field + " is required (a whole number)");
        }
        return v.asLong();
    }

    private static Instant instant(JsonNode body, String field) {
        try {
            return Instant.parse(text(body, field));
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "bad_request", field + " must be an ISO-8601 instant, e.g. 2026-12-31T18:00:00Z");
        }
    }

    private static long longParam(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_request", name + " must be a whole number");
        }
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        // the events' mapping: instants as ISO-8601 text, like everything else about sessions
        ctx.result(ru.otklik.common.response.EventJson.toJson(body));
    }
}
