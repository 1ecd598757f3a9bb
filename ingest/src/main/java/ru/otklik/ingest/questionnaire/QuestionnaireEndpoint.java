package ru.otklik.ingest.questionnaire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.link.LinkReuse;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.ProblemException;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.RequestMetadata;
import ru.otklik.ingest.kafka.KafkaUnavailable;
import ru.otklik.ingest.kafka.ResponsePublisher;
import ru.otklik.ingest.link.InvalidLinkToken;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.SurveyLink;
import ru.otklik.ingest.link.UsedLinks;
import ru.otklik.ingest.metrics.IngestMetrics;
import ru.otklik.ingest.questionnaire.RecentSubmissions.Claim;

/**
 * The web questionnaire behind a survey link.
 * <ul>
 * <li>{@code GET /s/{token}}: the form ({@code ?lang=en} for English); 404 page for a bad or
 *     expired token, 409 page for a spent single-use link</li>
 * <li>{@code POST /s/{token}} (form-encoded): 200 thank-you page only after Kafka acknowledged;
 *     400 the form again with the problems marked; 409 a single-use link answered by another
 *     response; 503 the form again with the answers kept when Kafka is down</li>
 * </ul>
 * Office, region, touchpoint and employee come from the token, never from the form. The optional
 * e-mail goes to the {@link ContactStore}, never to Kafka.
 */
public final class QuestionnaireEndpoint {

    public static final String PATH = "/s/{token}";
    public static final String CSS_PATH = QuestionnairePage.ASSETS + ".css";
    public static final String JS_PATH = QuestionnairePage.ASSETS + ".js";
    public static final String ENDPOINT = "questionnaire";
    private static final int REMEMBERED_SUBMISSIONS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(QuestionnaireEndpoint.class);

    private final LinkToken tokens;
    private final SurveyCatalog surveys;
    private final OfficeDirectory offices;
    private final ResponseValidator validator;
    private final ResponsePublisher publisher;
    private final UsedLinks usedLinks;
    private final ContactStore contacts;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final RequestMetadata requestMeta;
    private final DeadLetterWriter deadLetters;
    private final int maxBodyBytes;
    private final RecentSubmissions submissions = new RecentSubmissions(REMEMBERED_SUBMISSIONS);
    /** Single-use link id -> the response being published for it: a second respondent must not race the first. */
    private final Map<String, String> answering = new ConcurrentHashMap<>();
    private final byte[] css = asset("questionnaire.css");
    private final byte[] js = asset("questionnaire.js");

    public QuestionnaireEndpoint(LinkToken tokens, SurveyCatalog surveys, OfficeDirectory offices,
                                 ResponseValidator validator, ResponsePublisher publisher, UsedLinks usedLinks,
                                 ContactStore contacts, IngestMetrics metrics, Clock clock, RequestMetadata requestMeta,
                                 DeadLetterWriter deadLetters, int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.tokens = tokens;
        this.surveys = surveys;
        this.offices = offices;
        this.validator = validator;
        this.publisher = publisher;
        this.usedLinks = usedLinks;
        this.contacts = contacts;
        this.metrics = metrics;
        this.clock = clock;
        this.requestMeta = requestMeta;
        this.deadLetters = deadLetters;
    }

    /** Paths whose 404 is an HTML page of ours, not the JSON problem of the API. */
    public static boolean rendersOwnPages(String path) {
        return path.startsWith("/s/");
    }

    /** What a valid token leads to. */
    private record Target(SurveyLink link, SurveyDefinition survey, Office office) {
    }

    public void show(Context ctx) {
        pageHeaders(ctx);
        Optional<Target> target = target(ctx);
        if (target.isEmpty()) {
            return;
        }
        String lang = "en".equals(ctx.queryParam("lang")) ? "en" : "ru";
        SurveyLink link = target.get().link();
        if (link.singleUse() && usedLinks.isUsed(link.linkId())) {
            alreadyAnswered(ctx, lang);
            return;
        }
        // a fresh id per page load; the page's script keeps it for this tab, so a retry reuses it
        // the first rendering's time travels with the form (hidden field), so the fill duration is known
        ctx.html(QuestionnairePage.form(form(target.get(), ctx, UUID.randomUUID().toString(), lang,
                FormSubmission.startedAt(clock.instant()), Set.of(), null)));
        LOG.info("event=questionnaire_shown office={} survey={} link={} lang={}", link.officeCode(), link.surveyId(),
                link.linkId(), lang);
    }

    public void submit(Context ctx) {
        long started = System.nanoTime();
        pageHeaders(ctx);
        Optional<Target> target = target(ctx);
        if (target.isEmpty()) {
            return;
        }
        SurveyLink link = target.get().link();
        // read here, bounded and as strict UTF-8, not by the servlet container (which guesses a charset,
        // replaces what does not decode and refuses an oversized form by dropping the connection)
        RequestBody body = RequestBody.read(ctx, maxBodyBytes);
        if (body.truncated()) {
            throw new ProblemException(413, ENDPOINT, Problem.invalid(RequestBody.tooLarge(maxBodyBytes)));
        }
        FormSubmission form;
        try {
            form = new FormSubmission(body.form());
        } catch (RequestBody.Unreadable e) {
            throw new ProblemException(400, ENDPOINT, Problem.invalid(e.violations()));
        }
        String lang = form.language();
        String responseId = form.responseId();

        if (link.singleUse()) {
            Optional<String> spentBy = usedLinks.usedBy(link.linkId());
            if (spentBy.isPresent()) {
                if (spentBy.get().equals(responseId)) {
                    thanks(ctx, lang, link, responseId, "repeat");
                } else {
                    reportReuse(ctx, link, spentBy.get(), responseId);
                    alreadyAnswered(ctx, lang);
                }
                return;
            }
        }
        if (responseId != null && submissions.isAcknowledged(link.linkId(), responseId)) {
            thanks(ctx, lang, link, responseId, "repeat");
            return;
        }

        ObjectNode submitted = form.toResponse(link, target.get().survey(), clock.instant());
        Validated<SurveyResponse> validated = validator.validate(submitted);
        List<Violation> violations = new ArrayList<>(validated.violations());
        violations.addAll(form.ownViolations());
        if (!violations.isEmpty()) {
            // the form as the validator saw it, not the raw post: an e-mail must not travel with it
            deadLetters.write(ENDPOINT, 400, "invalid", violations, RequestBody.of(submitted.toString()), ClientAddress.of(ctx), null);
            invalid(ctx, target.get(), form, violations, started);
            return;
        }
        SurveyResponse response = requestMeta.onto(validated.value().withReceivedTs(clock.instant()), ctx,
                Entry.QUESTIONNAIRE);
        if (link.singleUse()) {
            String holder = answering.putIfAbsent(link.linkId(), responseId);
            if (holder != null && !holder.equals(responseId)) {
                reportReuse(ctx, link, holder, responseId);
                alreadyAnswered(ctx, lang);
                return;
            }
        }
        Claim claim = submissions.claim(link.linkId(), responseId);
        if (claim.mine()) {
            publish(response, link, form.email().orElse(null), claim.acknowledged());
        }
        ctx.future(() -> claim.acknowledged().handle((ok, error) -> {
            if (error != null) {
                KafkaUnavailable.answer(ctx, metrics, ENDPOINT, error); // logs and sets 503 + Retry-After
                ctx.html(QuestionnairePage.form(form(target.get(), ctx, responseId, lang, form, Set.of(),
                        PageText.RETRY)));
            } else {
                if (claim.mine()) {
                    metrics.accepted(ENDPOINT, 1);
                }
                thanks(ctx, lang, link, responseId, claim.mine() ? "accepted" : "joined");
            }
            metrics.latency(ENDPOINT, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
            return null;
        }));
    }

    /** Publishes once; on acknowledgement spends a single-use link and keeps the contact, in that order. */
    private void publish(SurveyResponse response, SurveyLink link, String email, CompletableFuture<Void> acknowledged) {
        publisher.publish(response).whenComplete((ok, error) -> {
            if (error == null && link.singleUse()) {
                try {
                    usedLinks.markUsed(link.linkId(), response.responseId());
                } catch (RuntimeException e) {
                    // the response is in Kafka and is answered as accepted; only the link's spending is not
                    // recorded (the store is down), so it could be used once more: said loudly, not hidden
                    LOG.error("event=used_link_not_recorded link={} response={} error={}", link.linkId(),
                            response.responseId(), e.getMessage());
                }
            }
            if (link.singleUse()) { // after markUsed: there is no moment when neither guards the link
                answering.remove(link.linkId(), response.responseId());
            }
            if (error == null) {
                if (email != null) {
                    saveContact(response, email);
                }
                acknowledged.complete(null);
            } else {
                submissions.forget(link.linkId(), response.responseId(), acknowledged); // the retry publishes again
                acknowledged.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : error);
            }
        });
    }

    private void saveContact(SurveyResponse response, String email) {
        try {
            contacts.save(new ContactStore.Contact(response.responseId(), response.officeCode(), email,
                    clock.instant()));
            LOG.info("event=contact_saved office={} response={}", response.officeCode(), response.responseId());
        } catch (RuntimeException e) { // the answer itself is safe in Kafka; losing the optional contact is logged
            LOG.error("event=contact_not_saved office={} response={} error=\"{}\"", response.officeCode(),
                    response.responseId(), e.toString());
        }
    }

    private void invalid(Context ctx, Target target, FormSubmission form, List<Violation> violations, long started) {
        Set<String> fields = new LinkedHashSet<>();
        for (Violation v : violations) {
            fields.add(formField(v.field()));
        }
        String responseId = form.responseId() != null && ResponseValidator.RESPONSE_ID.matcher(form.responseId()).matches()
                ? form.responseId() : UUID.randomUUID().toString();
        ctx.status(HttpStatus.BAD_REQUEST).html(QuestionnairePage.form(form(target, ctx, responseId, form.language(),
                form, fields, PageText.ERRORS)));
        metrics.latency(ENDPOINT, 400, Duration.ofNanos(System.nanoTime() - started));
        LOG.info("event=questionnaire_rejected status=400 office={} survey={} fields={}", target.link().officeCode(),
                target.survey().id(), fields);
    }

    /** {@code answers.Q1} -> {@code Q1}, {@code profile.traits[0]} -> {@code profile.traits}: the names in the form. */
    static String formField(String violationField) {
        String field = violationField.startsWith("answers.") ? violationField.substring("answers.".length())
                : violationField;
        int bracket = field.indexOf('[');
        return bracket > 0 ? field.substring(0, bracket) : field;
    }

    private QuestionnairePage.Form form(Target target, Context ctx, String responseId, String lang,
                                        FormSubmission values, Set<String> invalidFields, LocalizedText banner) {
        return new QuestionnairePage.Form(target.survey(), target.office().name(), target.office().regionName(),
                ctx.pathParam("token"), responseId, lang, values, invalidFields, banner);
    }

    private Optional<Target> target(Context ctx) {
        String reason;
        try {
            SurveyLink link = tokens.verify(ctx.pathParam("token"));
            Optional<SurveyDefinition> survey = surveys.find(link.surveyId(), link.surveyVersion());
            Optional<Office> office = offices.office(link.officeCode());
            if (survey.isPresent() && office.isPresent()) {
                return Optional.of(new Target(link, survey.get(), office.get()));
            }
            reason = survey.isEmpty() ? "unknown-survey" : "unknown-office";
        } catch (InvalidLinkToken e) {
            reason = e.reason();
        }
        ctx.status(HttpStatus.NOT_FOUND).html(QuestionnairePage.notFound());
        LOG.info("event=questionnaire_link_refused method={} reason={}", ctx.method(), reason); // never the token
        return Optional.empty();
    }

    /**
     * The "link not valid" page for a path under {@code /s/} that no route takes ({@code /s/} with no token,
     * {@code /s/a/b}): without it the respondent got the router's plain-text "Endpoint … not found".
     */
    public static void notFound(Context ctx) {
        pageHeaders(ctx);
        ctx.status(HttpStatus.NOT_FOUND).html(QuestionnairePage.notFound());
    }

    private void thanks(Context ctx, String lang, SurveyLink link, String responseId, String how) {
        ctx.status(HttpStatus.OK).html(QuestionnairePage.message(lang, PageText.THANKS_TITLE, PageText.THANKS, "thanks"));
        LOG.info("event=questionnaire_{} office={} survey={} link={} response={}", how, link.officeCode(),
                link.surveyId(), link.linkId(), responseId);
    }

    /**
     * A second answer to a spent single-use link: refused (409, nothing counted), and told to the streaming job
     * for its {@code link_reused} flag. The respondent's answer does not wait for Kafka: the refusal is the
     * same either way, and a lost report is logged.
     */
    private void reportReuse(Context ctx, SurveyLink link, String firstResponseId, String attemptId) {
        RequestMetadata.Hashes h = requestMeta.hashes(ctx);
        LinkReuse reuse = new LinkReuse(link.linkId(), link.surveyId(), link.regionCode(), link.officeCode(),
                link.employeeId(), firstResponseId, attemptId, clock.instant(), h.ip(), h.userAgent());
        publisher.publishLinkReuse(reuse).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("event=link_reuse_not_published link={} office={} error={}", link.linkId(), link.officeCode(),
                        error.getMessage());
            }
        });
    }

    private void alreadyAnswered(Context ctx, String lang) {
        ctx.status(HttpStatus.CONFLICT).html(QuestionnairePage.message(lang, PageText.ANSWERED_TITLE, PageText.ANSWERED,
                "answered"));
        metrics.rejected(ENDPOINT, "link-used");
        LOG.info("event=questionnaire_link_used method={}", ctx.method());
    }

    /** The token in the URL is the capability: it must not leak through Referer, framing or shared caches. */
    private static void pageHeaders(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
                .header("Cache-Control", "private, no-cache");
    }

    public void css(Context ctx) {
        asset(ctx, css, "text/css; charset=utf-8");
    }

    public void js(Context ctx) {
        asset(ctx, js, "text/javascript; charset=utf-8");
    }

    private static void asset(Context ctx, byte[] body, String type) {
        ctx.header("Cache-Control", "public, max-age=3600").header("X-Content-Type-Options", "nosniff")
                .contentType(type).result(body);
    }

    private static byte[] asset(String name) {
        String path = "/otklik/questionnaire/" + name;
        try (InputStream in = QuestionnaireEndpoint.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("questionnaire asset missing: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
