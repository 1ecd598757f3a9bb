package ru.otklik.ingest.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;

/**
 * Survey links for staff and printers.
 * <ul>
 * <li>{@code POST /api/v1/links} (staff bearer token): issues a signed link, 201 with its URLs</li>
 * <li>{@code GET /api/v1/links/{token}/qr.svg}, {@code /qr.png}: the QR code of the link URL</li>
 * <li>{@code GET /api/v1/links/{token}/poster}: a printable A5 page</li>
 * </ul>
 * The GET routes answer only for a valid token (else 404): the token is the capability, so
 * knowing it already grants the link; there is nothing more to protect behind staff auth.
 */
public final class LinkEndpoint {

    public static final String PATH = "/api/v1/links";
    public static final String QR_SVG_PATH = PATH + "/{token}/qr.svg";
    public static final String QR_PNG_PATH = PATH + "/{token}/qr.png";
    public static final String POSTER_PATH = PATH + "/{token}/poster";
    /** The full questionnaires; the kiosk one-tap survey is not offered through links. */
    static final Set<String> LINK_SURVEYS = Set.of("jc-seeker", "jc-employer", "pulse");
    static final int MAX_VALID_DAYS = 400;
    public static final int MAX_BODY_BYTES = 4096;
    private static final Pattern OPTIONAL_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Set<String> FIELDS = Set.of("officeCode", "touchpointId", "employeeId", "surveyId",
            "surveyVersion", "singleUse", "validDays");
    private static final Logger LOG = LoggerFactory.getLogger(LinkEndpoint.class);

    private final OfficeDirectory offices;
    private final SurveyCatalog surveys;
    private final LinkToken tokens;
    private final StaffTokens staff;
    private final String publicBaseUrl;
    private final Clock clock;

    public LinkEndpoint(OfficeDirectory offices, SurveyCatalog surveys, LinkToken tokens, StaffTokens staff,
                        String publicBaseUrl, Clock clock) {
        this.offices = offices;
        this.surveys = surveys;
        this.tokens = tokens;
        this.staff = staff;
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.clock = clock;
    }

    public void issue(Context ctx) {
        Optional<String> who = staff.authenticate(ctx.header("Authorization"));
        if (who.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"otklik-staff\"");
            ctx.status(HttpStatus.UNAUTHORIZED).json(Problem.of("unauthorized", "a staff bearer token is required"));
            LOG.info("event=link_refused status=401 reason={}",
                    staff.isEmpty() ? "no-staff-tokens-configured" : "bad-token");
            return;
        }
        RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
        if (body.truncated()) {
            refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, who.get(), RequestBody.tooLarge(MAX_BODY_BYTES));
            return;
        }
        JsonNode json;
        try {
            json = body.json();
        } catch (RequestBody.Unreadable e) {
            refuse(ctx, HttpStatus.BAD_REQUEST, who.get(), e.violations());
            return;
        }
        List<Violation> violations = new ArrayList<>();
        SurveyLink link = read(json, violations);
        if (link == null) {
            refuse(ctx, HttpStatus.BAD_REQUEST, who.get(), violations);
            return;
        }
        String token = tokens.sign(link);
        String links = publicBaseUrl + PATH + "/" + token;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token);
        answer.put("url", url(token));
        answer.put("qrSvg", links + "/qr.svg");
        answer.put("qrPng", links + "/qr.png");
        answer.put("poster", links + "/poster");
        answer.put("expiresAt", link.expiresAt().toString());
        ctx.status(HttpStatus.CREATED).json(answer);
        LOG.info("event=link_issued staff={} link={} region={} office={} survey={} version={} single_use={} "
                        + "touchpoint={} employee={} expires={} key={}", who.get(), link.linkId(), link.regionCode(),
                link.officeCode(), link.surveyId(), link.surveyVersion(), link.singleUse(),
                link.touchpointId() != null, link.employeeId() != null, link.expiresAt(), tokens.currentKeyId());
    }

    public void qrSvg(Context ctx) {
        verified(ctx).ifPresent(link -> ctx.contentType("image/svg+xml; charset=utf-8")
                .header("Cache-Control", "private, max-age=300")
                .result(QrCode.of(url(ctx.pathParam("token"))).svg("100%")));
    }

    public void qrPng(Context ctx) {
        verified(ctx).ifPresent(link -> ctx.contentType("image/png")
                .header("Cache-Control", "private, max-age=300")
                .result(QrCode.of(url(ctx.pathParam("token"))).png(8)));
    }

    public void poster(Context ctx) {
        verified(ctx).ifPresent(link -> {
            Optional<Office> office = offices.office(link.officeCode());
            Optional<SurveyDefinition> survey = surveys.find(link.surveyId(), link.surveyVersion());
            if (office.isEmpty() || survey.isEmpty()) { // closed office or withdrawn survey since issue
                ctx.status(HttpStatus.NOT_FOUND);
                return;
            }
            ctx.contentType("text/html; charset=utf-8")
                    .header("Cache-Control", "private, max-age=300")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .result(LinkPoster.html(office.get(), survey.get(), url(ctx.pathParam("token"))));
        });
    }

    /** The respondent's URL; served by the web questionnaire. */
    String url(String token) {
        return publicBaseUrl + "/s/" + token;
    }

    private Optional<SurveyLink> verified(Context ctx) {
        try {
            SurveyLink link = tokens.verify(ctx.pathParam("token"));
            ctx.header("X-Content-Type-Options", "nosniff");
            return Optional.of(link);
        } catch (InvalidLinkToken e) {
            ctx.status(HttpStatus.NOT_FOUND);
            LOG.info("event=link_token_refused view={} reason={}", ClientText.forLog(lastSegment(ctx.path())), e.reason());
            return Optional.empty();
        }
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The link the body asks for, or null with every violation added (all fields are checked). */
    private SurveyLink read(JsonNode json, List<Violation> violations) {
        if (!json.isObject()) {
            violations.add(new Violation("$", "type", "body must be a JSON object"));
            return null;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "unknown", "unknown field"));
            }
        }
        Office office = null;
        String officeCode = text(json, "officeCode", violations, true);
        if (officeCode != null) {
            office = offices.office(officeCode).orElse(null);
            if (office == null) {
                violations.add(new Violation("officeCode", "unknown-office", "no office " + officeCode));
            }
        }
        String touchpoint = optionalId(json, "touchpointId", violations);
        String employee = optionalId(json, "employeeId", violations);
        String surveyId = text(json, "surveyId", violations, true);
        if (surveyId != null && !LINK_SURVEYS.contains(surveyId)) {
            violations.add(new Violation("surveyId", "unknown-survey",
                    "links are issued for " + LINK_SURVEYS.stream().sorted().toList()));
            surveyId = null;
        }
        Integer version = integer(json, "surveyVersion", violations);
        if (surveyId != null && version != null && surveys.find(surveyId, version).isEmpty()) {
            violations.add(new Violation("surveyVersion", "unknown-version", "no version " + version + " of " + surveyId));
        }
        JsonNode singleUse = json.get("singleUse");
        if (singleUse == null || !singleUse.isBoolean()) {
            violations.add(new Violation("singleUse", singleUse == null ? "required" : "type", "true or false"));
        }
        Integer validDays = integer(json, "validDays", violations);
        if (validDays != null && (validDays < 1 || validDays > MAX_VALID_DAYS)) {
            violations.add(new Violation("validDays", "range", "must be 1.." + MAX_VALID_DAYS));
        }
        if (!violations.isEmpty()) {
            return null;
        }
        Instant expires = clock.instant().plus(Duration.ofDays(validDays));
        return new SurveyLink(SurveyLink.newLinkId(), office.regionCode(), office.code(), touchpoint, employee,
                surveyId, version, singleUse.booleanValue(), expires);
    }

    private static String text(JsonNode json, String field, List<Violation> violations, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add(new Violation(field, "required", field + " is required"));
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(new Violation(field, "type", field + " must be a non-empty string"));
            return null;
        }
        return node.asText();
    }

    private static String optionalId(JsonNode json, String field, List<Violation> violations) {
        String value = text(json, field, violations, false);
        if (value != null && !OPTIONAL_ID.matcher(value).matches()) {
            violations.add(new Violation(field, "pattern", "1-64 of [A-Za-z0-9_.:-]"));
            return null;
        }
        return value;
    }

    private static Integer integer(JsonNode json, String field, List<Violation> violations) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            violations.add(new Violation(field, "required", field + " is required"));
            return null;
        }
        if (!node.isInt()) {
            violations.add(new Violation(field, "type", field + " must be a whole number"));
            return null;
        }
        return node.intValue();
    }

    private static void refuse(Context ctx, HttpStatus status, String who, List<Violation> violations) {
        ctx.status(status).json(Problem.invalid(violations));
        LOG.info("event=link_refused status={} staff={} fields={}", status.getCode(), who,
                violations.stream().map(v -> ClientText.forLog(v.field())).distinct().toList());
    }
}
