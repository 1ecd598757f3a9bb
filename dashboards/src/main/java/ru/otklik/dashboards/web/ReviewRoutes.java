package ru.otklik.dashboards.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.alert.FlagReviewEvent;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.alert.AlertFeedQuery;
import ru.otklik.dashboards.review.FlagReview;
import ru.otklik.dashboards.review.FlagReviews;
import ru.otklik.dashboards.review.ReviewPublisher;

/**
 * {@code POST /api/v1/alerts/{alertId}/review} — a regional manager (their region's offices) or a
 * federal analyst (every office) confirms or dismisses a fraud flag with a reason:
 * {@code {"decision": "confirm"|"dismiss", "reason": "..."}}. Office heads do not review: the flags
 * may be about their own staff. The decision is recorded in the operational store (who, when, why)
 * and then published to Kafka for the clean figures ({@link ReviewPublisher}); {@code GET} of the same
 * path lists every decision on the flag. Refusals: 400 naming the field and rule, 403 for office heads
 * and without the anti-CSRF token, 404 for a flag the viewer cannot see, 409 for an incident that is
 * not a fraud flag, 503 without an operational store.
 */
final class ReviewRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewRoutes.class);
    static final int MIN_REASON = 3;
    static final int MAX_REASON = 1000;

    private final SessionGuard guard;
    private final AlertFeedQuery alerts;
    private final FlagReviews reviews;
    private final ReviewPublisher publisher;

    /** @param reviews and {@code publisher} null when no operational store is configured */
    ReviewRoutes(SessionGuard guard, AlertFeedQuery alerts, FlagReviews reviews, ReviewPublisher publisher) {
        this.guard = guard;
        this.alerts = alerts;
        this.reviews = reviews;
        this.publisher = publisher;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/alerts/{alertId}/review", guard.apiChange((ctx, viewer) -> {
            if (viewer.user().role() == Role.OFFICE) {
                throw new ApiError(403, "forbidden", "flags are reviewed by the regional manager or a federal analyst");
            }
            JsonNode body = JsonBody.readObject(ctx);
            String decision = switch (text(body, "decision")) {
                case "confirm" -> FlagReviewEvent.CONFIRMED;
                case "dismiss" -> FlagReviewEvent.DISMISSED;
                default -> throw new ApiError(400, "bad_request", "decision must be confirm or dismiss");
            };
            String reason = text(body, "reason").strip();
            if (reason.codePointCount(0, reason.length()) < MIN_REASON || reason.codePointCount(0, reason.length()) > MAX_REASON) {
                throw new ApiError(400, "bad_request", "reason must have " + MIN_REASON + " to " + MAX_REASON + " characters");
            }
            AlertFeedQuery.AlertRef alert = visibleAlert(ctx.pathParam("alertId"), viewer);
            if (!AlertFeedQuery.reviewedType(alert.alertType())) {
                throw new ApiError(409, "not_reviewable", "only fraud flags are reviewed; " + alert.alertType()
                        + " incidents close by themselves");
            }
            FlagReview review = store().record(alert.alertId(), alert.alertType(), alert.officeCode(),
                    alert.regionCode(), alert.scopeId(), decision, reason, viewer.user().username(), viewer.user().role().code());
            publisher.wake();
            LOG.info("event=flag_reviewed alert={} decision={} reviewer={} review_id={}", alert.alertId(), decision,
                    viewer.user().username(), review.reviewId());
            ctx.status(201);
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(JsonBody.write(view(review)));
        }));
        routes.get("/api/v1/alerts/{alertId}/reviews", guard.api((ctx, viewer) -> {
            AlertFeedQuery.AlertRef alert = visibleAlert(ctx.pathParam("alertId"), viewer);
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(JsonBody.write(Map.of("alertId", alert.alertId(),
                    "reviews", store().history(alert.alertId()).stream().map(ReviewRoutes::view).toList())));
        }));
    }

    private FlagReviews store() {
        if (reviews == null) {
            throw new ApiError(503, "operational_store_unavailable", "reviews are not recorded here: no operational store"
                    + " is configured (OTKLIK_POSTGRES_URL)");
        }
        return reviews;
    }

    /** The alert if it exists and is within the viewer's scope; 404 alike otherwise (no hint of other regions' flags). */
    private AlertFeedQuery.AlertRef visibleAlert(String alertId, Viewer viewer) {
        Optional<AlertFeedQuery.AlertRef> alert = alerts.find(alertId);
        if (alert.isEmpty() || !viewer.scope().allowsOffice(alert.get().officeCode())) {
            throw new ApiError(404, "not_found", "no such alert");
        }
        return alert.get();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new ApiError(400, "bad_request", field + " is required (a string)");
        }
        return value.asText();
    }

    private static Map<String, Object> view(FlagReview r) {
        return Map.of("reviewId", r.reviewId(), "alertId", r.alertId(), "decision", r.decision(), "reason", r.reason(),
                "reviewer", r.reviewer(), "reviewerRole", r.reviewerRole(),
                "reviewedAt", r.reviewedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
}
