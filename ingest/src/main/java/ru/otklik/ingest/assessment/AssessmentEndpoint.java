package ru.otklik.ingest.assessment;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.RaterLinkToken;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.ProblemException;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.kafka.KafkaUnavailable;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.metrics.IngestMetrics;

/**
 * The 360 rater's pages (domain §5): {@code /a/{token}} lists the rater's own assignments, {@code /a/{token}/t/
 * {pseudonym}} is the form about one target, {@code .../draft} saves it half-filled and {@code .../submit} sends
 * it for good. The signed token is checked before the operational store is touched; every lookup after it is
 * bound to the rater key it carries, so nothing of another rater is reachable.
 *
 * <p>A submission goes to Kafka first and is recorded in {@code assessment_submissions} only after the
 * acknowledgement; a crash between the two leaves no record, and the retry is the same submission id. One
 * rater's submission for one target is final: a second one is refused with 409, never replaces the first.
 *
 * <p>Cross-site requests: like the questionnaire's, the POSTs are authorised by the unguessable signed token in
 * their path (no cookie, no ambient credential), so a page on another site cannot forge one without already
 * holding the link; the pages forbid framing and leaking the token through Referer.
 */
public final class AssessmentEndpoint {

    public static final String ENDPOINT = "assessment";
    public static final String HOME_PATH = "/a/{token}";
    public static final String FORM_PATH = "/a/{token}/t/{target}";
    public static final String DRAFT_PATH = FORM_PATH + "/draft";
    public static final String SUBMIT_PATH = FORM_PATH + "/submit";

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentEndpoint.class);

    private final LinkKeys keys;
    private final AssessmentStore store; // null without an operational store
    private final ResponsePublisher publisher;
    private final DeadLetterWriter deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxBodyBytes;
    /** rater key + target being submitted now: a second submit of the same target waits for no race. */
    private final Map<String, Boolean> submitting = new ConcurrentHashMap<>();

    public AssessmentEndpoint(LinkKeys keys, AssessmentStore store, ResponsePublisher publisher,
                              DeadLetterWriter deadLetters, IngestMetrics metrics, Clock clock, int maxBodyBytes) {
        this.keys = keys;
        this.store = store;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Paths whose 404 is an HTML page of ours. */
    public static boolean rendersOwnPages(String path) {
        return path.startsWith("/a/");
    }

    public static void notFound(Context ctx) {
        pageHeaders(ctx);
        ctx.status(HttpStatus.NOT_FOUND).html(AssessmentPage.notFound());
    }

    private static String lang(Context ctx) {
        return "en".equals(ctx.queryParam("lang")) ? "en" : "ru";
    }

    // ---- GET /a/{token}

    public void home(Context ctx) {
        pageHeaders(ctx);
        String lang = lang(ctx);
        Optional<AssessmentStore.Rater> rater = openRater(ctx, lang);
        if (rater.isEmpty()) {
            return;
        }
        overview(ctx, rater.get(), lang, null);
        LOG.info("event=assessment_home_shown session={}", rater.get().sessionId());
    }

    private void overview(Context ctx, AssessmentStore.Rater rater, String lang, LocalizedText banner) {
        ctx.html(AssessmentPage.overview(new AssessmentPage.Overview(ctx.pathParam("token"), lang, rater.sessionName(),
                rater.deadline(), store.assignments(rater), banner)));
    }

    // ---- GET /a/{token}/t/{target}

    public void form(Context ctx) {
        pageHeaders(ctx);
        String lang = lang(ctx);
        Optional<Opened> opened = openAssignment(ctx, lang);
        if (opened.isEmpty()) {
            return;
        }
        Opened o = opened.get();
        Map<String, String> draft = store.draft(o.rater().raterKey(), o.assignment().targetId()).orElse(Map.of());
        render(ctx, o, lang, RaterForm.ofValues(o.model(), o.assignment().roleCode(), draft), Map.of(), null);
    }

    // ---- POST .../draft

    public void draft(Context ctx) {
        pageHeaders(ctx);
        RequestBody body = RequestBody.read(ctx, maxBodyBytes);
        if (body.truncated()) {
            throw new ProblemException(413, ENDPOINT, Problem.invalid(RequestBody.tooLarge(maxBodyBytes)));
        }
        Map<String, List<String>> fields = fields(body);
        String lang = "en".equals(first(fields, "lang")) ? "en" : "ru";
        Optional<Opened> opened = openAssignment(ctx, lang);
        if (opened.isEmpty()) {
            return;
        }
        Opened o = opened.get();
        RaterForm form = RaterForm.of(o.model(), o.assignment().roleCode(), fields);
        List<Violation> violations = form.shapeViolations();
        if (!violations.isEmpty()) {
            refuse(ctx, o, lang, form, violations);
            return;
        }
        if (!store.saveDraft(o.rater().raterKey(), o.assignment().targetId(), form.values(), clock.instant())) {
            alreadySubmitted(ctx, lang);
            return;
        }
        LOG.info("event=assessment_draft_saved session={} target={} answers={}", o.rater().sessionId(),
                o.assignment().targetPseudonym(), form.values().size());
        render(ctx, o, lang, form, Map.of(), AssessmentPage.DRAFT_SAVED);
    }

    // ---- POST .../submit

    public void submit(Context ctx) {
        pageHeaders(ctx);
        RequestBody body = RequestBody.read(ctx, maxBodyBytes);
        if (body.truncated()) {
            throw new ProblemException(413, ENDPOINT, Problem.invalid(RequestBody.tooLarge(maxBodyBytes)));
        }
        Map<String, List<String>> fields = fields(body);
        String lang = "en".equals(first(fields, "lang")) ? "en" : "ru";
        Optional<Opened> opened = openAssignment(ctx, lang);
        if (opened.isEmpty()) {
            return;
        }
        Opened o = opened.get();
        String raterKey = o.rater().raterKey();
        String targetId = o.assignment().targetId();
        RaterForm form = RaterForm.of(o.model(), o.assignment().roleCode(), fields);
        List<Violation> violations = form.violations();
        if (!violations.isEmpty()) {
            refuse(ctx, o, lang, form, violations);
            return;
        }
        String guard = raterKey + "\n" + targetId;
        if (submitting.putIfAbsent(guard, Boolean.TRUE) != null) {
            alreadySubmitted(ctx, lang);
            return;
        }
        boolean handedOver = false;
        try {
            if (store.submitted(raterKey, targetId)) {
                alreadySubmitted(ctx, lang);
                return;
            }
            RaterSubmission submission = form.toSubmission(o.rater().sessionId(), o.assignment().targetPseudonym(),
                    raterKey, o.rater().modelVersion(), clock.instant());
            handedOver = true;
            ctx.future(() -> publisher.publishAssessment(submission).handle((ok, error) -> {
                try {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : error;
                        KafkaUnavailable.answer(ctx, metrics, ENDPOINT, cause); // 503 + Retry-After
                        render(ctx, o, lang, form, Map.of(), AssessmentPage.RETRY);
                        return null;
                    }
                    boolean first;
                    try {
                        first = store.recordSubmission(targetId, submission);
                    } catch (RuntimeException e) {
                        // in Kafka, not recorded: the rater's retry is the same submission id, so harmless
                        LOG.error("event=assessment_submission_not_recorded session={} target={} submission={} error=\"{}\"",
                                submission.sessionId(), submission.targetId(), submission.submissionId(), e.getMessage());
                        ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
                        render(ctx, o, lang, form, Map.of(), AssessmentPage.RETRY);
                        return null;
                    }
                    if (!first) {
                        alreadySubmitted(ctx, lang);
                        return null;
                    }
                    metrics.accepted(ENDPOINT, 1);
                    LOG.info("event=assessment_submitted session={} target={} role={} submission={} answers={}",
                            submission.sessionId(), submission.targetId(), submission.roleCode(),
                            submission.submissionId(), submission.answers().size());
                    ctx.status(HttpStatus.OK);
                    overview(ctx, o.rater(), lang, AssessmentPage.THANKS);
                    return null;
                } finally {
                    submitting.remove(guard);
                }
            }));
        } finally {
            if (!handedOver) {
                submitting.remove(guard);
            }
        }
    }

    // ---- shared steps

    private record Opened(AssessmentStore.Rater rater, AssessmentStore.Assignment assignment, CompetencyModel model) {
    }

    /** The rater of a genuine token whose session is open now; else the page saying why, and empty. */
    private Optional<AssessmentStore.Rater> openRater(Context ctx, String lang) {
        Optional<String> raterKey = RaterLinkToken.verify(keys, ctx.pathParam("token")); // before any lookup
        if (raterKey.isEmpty()) {
            LOG.info("event=assessment_link_refused method={} reason=signature", ctx.method()); // never the token
            notFound(ctx);
            return Optional.empty();
        }
        if (store == null) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).html(AssessmentPage.message(lang, AssessmentPage.TITLE,
                    AssessmentPage.UNAVAILABLE.in(lang), "unavailable", null));
            LOG.warn("event=assessment_unavailable reason=\"no operational store (OTKLIK_POSTGRES_URL)\"");
            return Optional.empty();
        }
        Optional<AssessmentStore.Rater> rater = store.rater(raterKey.get());
        if (rater.isEmpty()) {
            LOG.info("event=assessment_link_refused method={} reason=unknown-rater", ctx.method());
            notFound(ctx);
            return Optional.empty();
        }
        AssessmentStore.Rater r = rater.get();
        Instant now = clock.instant();
        if ("closed".equals(r.status()) || now.isAfter(r.deadline())) {
            ctx.status(HttpStatus.GONE).html(AssessmentPage.message(lang, AssessmentPage.CLOSED_TITLE,
                    AssessmentPage.CLOSED.in(lang), "closed", null));
            LOG.info("event=assessment_closed_shown session={} method={}", r.sessionId(), ctx.method());
            return Optional.empty();
        }
        if (!"launched".equals(r.status()) || (r.startsAt() != null && now.isBefore(r.startsAt()))) {
            String text = r.startsAt() != null && now.isBefore(r.startsAt())
                    ? String.format(AssessmentPage.STARTS_ON.in(lang), AssessmentPage.date(r.startsAt(), lang))
                    : AssessmentPage.NOT_LAUNCHED.in(lang);
            ctx.status(HttpStatus.FORBIDDEN).html(AssessmentPage.message(lang, AssessmentPage.NOT_STARTED_TITLE, text,
                    "not-started", null));
            LOG.info("event=assessment_not_started_shown session={} method={}", r.sessionId(), ctx.method());
            return Optional.empty();
        }
        return rater;
    }

    private Optional<Opened> openAssignment(Context ctx, String lang) {
        Optional<AssessmentStore.Rater> rater = openRater(ctx, lang);
        if (rater.isEmpty()) {
            return Optional.empty();
        }
        Optional<AssessmentStore.Assignment> assignment = store.assignment(rater.get(), ctx.pathParam("target"));
        if (assignment.isEmpty()) { // not this rater's target: the same page as a wrong link
            LOG.info("event=assessment_link_refused method={} reason=not-assigned", ctx.method());
            notFound(ctx);
            return Optional.empty();
        }
        if (assignment.get().state() == AssessmentStore.State.DONE) {
            alreadySubmitted(ctx, lang);
            return Optional.empty();
        }
        return Optional.of(new Opened(rater.get(), assignment.get(), store.model(rater.get().modelVersion())));
    }

    private Map<String, List<String>> fields(RequestBody body) {
        try {
            return body.form();
        } catch (RequestBody.Unreadable e) {
            throw new ProblemException(400, ENDPOINT, Problem.invalid(e.violations()));
        }
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** 400: the form again, each problem named at its field; the refused request kept as a dead letter. */
    private void refuse(Context ctx, Opened o, String lang, RaterForm form, List<Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.forEach(v -> errors.putIfAbsent(v.field(), v.rule()));
        // what was refused, as parsed (no token, no rater key): the target and the fields
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("sessionId", o.rater().sessionId());
        kept.put("targetId", o.assignment().targetPseudonym());
        kept.put("fields", form.values());
        deadLetters.write(ENDPOINT, 400, "invalid", violations, RequestBody.of(EventJson.toJson(kept)),
                ClientAddress.of(ctx), null);
        ctx.status(HttpStatus.BAD_REQUEST);
        render(ctx, o, lang, form, errors, AssessmentPage.ERRORS);
        LOG.info("event=assessment_rejected status=400 session={} target={} fields={}", o.rater().sessionId(),
                o.assignment().targetPseudonym(), errors);
    }

    private void render(Context ctx, Opened o, String lang, RaterForm values, Map<String, String> errors,
                        LocalizedText banner) {
        ctx.html(AssessmentPage.form(new AssessmentPage.Form(ctx.pathParam("token"), lang, o.rater().sessionName(),
                o.rater().deadline(), o.model(), o.assignment(), values, errors, banner)));
    }

    private void alreadySubmitted(Context ctx, String lang) {
        ctx.status(HttpStatus.CONFLICT).html(AssessmentPage.message(lang, AssessmentPage.ALREADY_TITLE,
                AssessmentPage.ALREADY.in(lang), "answered", "/a/" + ctx.pathParam("token")
                        + ("en".equals(lang) ? "?lang=en" : "")));
        metrics.rejected(ENDPOINT, "already-submitted");
        LOG.info("event=assessment_already_submitted method={}", ctx.method());
    }

    /** The token in the URL is the capability: it must not leak through Referer, framing or shared caches. */
    private static void pageHeaders(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
                .header("Cache-Control", "private, no-store");
    }
}
