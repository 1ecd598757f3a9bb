package ru.otklik.ingest.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.kiosk.KioskEnrolment;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.StaffGate;
import ru.otklik.ingest.kiosk.EnrolmentState.EnrolledDevice;
import ru.otklik.ingest.kiosk.EnrolmentState.IssuedCode;

/**
 * Kiosk enrolment with one-time codes.
 * <ul>
 * <li>{@code POST /api/v1/kiosk/enrolment-codes} (staff bearer): a code for an office and
 *     touchpoint, valid {@code ttlHours} (default 72), 201 with the code, shown this once</li>
 * <li>{@code POST /api/v1/kiosk/enrolments} (no auth, rate-limited per IP): the kiosk trades the code
 *     for its device id and secret, 201; a spent code is 409, an unknown or expired one 403</li>
 * </ul>
 */
public final class KioskEnrolmentEndpoint {

    public static final String CODES_PATH = "/api/v1/kiosk/enrolment-codes";
    public static final String ENROLMENTS_PATH = "/api/v1/kiosk/enrolments";
    public static final String CODES_ENDPOINT = "kiosk-enrolment-codes";
    public static final String ENROLMENTS_ENDPOINT = "kiosk-enrolments";
    static final int DEFAULT_TTL_HOURS = 72;
    static final int MAX_TTL_HOURS = 720;
    public static final int MAX_BODY_BYTES = 4096;
    private static final Set<String> CODE_FIELDS = Set.of("officeCode", "touchpointId", "ttlHours");
    private static final Logger LOG = LoggerFactory.getLogger(KioskEnrolmentEndpoint.class);

    private final OfficeDirectory offices;
    private final DeviceRegistry devices;
    private final StaffGate staff;
    private final DeadLetterWriter deadLetters;
    private final Clock clock;

    public KioskEnrolmentEndpoint(OfficeDirectory offices, DeviceRegistry devices, StaffGate staff,
                                  DeadLetterWriter deadLetters, Clock clock) {
        this.offices = offices;
        this.devices = devices;
        this.staff = staff;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    public void issueCode(Context ctx) {
        Optional<String> who = staff.admit(ctx, CODES_ENDPOINT);
        if (who.isEmpty()) {
            return;
        }
        RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
        if (body.truncated()) {
            refuse(ctx, CODES_ENDPOINT, HttpStatus.CONTENT_TOO_LARGE, "max-size", RequestBody.tooLarge(MAX_BODY_BYTES),
                    body);
            return;
        }
        JsonNode json;
        try {
            json = body.json();
        } catch (RequestBody.Unreadable e) {
            refuse(ctx, CODES_ENDPOINT, HttpStatus.BAD_REQUEST, e.reason(), e.violations(), body);
            return;
        }
        List<Violation> violations = new ArrayList<>();
        Office office = null;
        String touchpoint = null;
        int ttlHours = DEFAULT_TTL_HOURS;
        if (!json.isObject()) {
            violations.add(new Violation("$", "type", "body must be a JSON object"));
        } else {
            json.fieldNames().forEachRemaining(name -> {
                if (!CODE_FIELDS.contains(name)) {
                    violations.add(new Violation(name, "unknown-field", "field is not part of the schema"));
                }
            });
            String officeCode = code(json, "officeCode", violations);
            if (officeCode != null) {
                office = offices.office(officeCode).orElse(null);
                if (office == null) {
                    violations.add(new Violation("officeCode", "unknown-office", "no office " + officeCode));
                }
            }
            touchpoint = code(json, "touchpointId", violations);
            JsonNode ttl = json.get("ttlHours");
            if (ttl != null && !ttl.isNull()) {
                if (!ttl.isInt()) {
                    violations.add(new Violation("ttlHours", "type", "must be a whole number"));
                } else if (ttl.intValue() < 1 || ttl.intValue() > MAX_TTL_HOURS) {
                    violations.add(new Violation("ttlHours", "range", "must be 1.." + MAX_TTL_HOURS + ", got "
                            + ttl.intValue()));
                } else {
                    ttlHours = ttl.intValue();
                }
            }
        }
        if (!violations.isEmpty()) {
            refuse(ctx, CODES_ENDPOINT, HttpStatus.BAD_REQUEST, "invalid", violations, body);
            return;
        }
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofHours(ttlHours));
        String code = EnrolmentCode.newCode();
        devices.enrolled().issue(new IssuedCode(EnrolmentCode.hash(EnrolmentCode.normalised(code).orElseThrow()),
                office.regionCode(), office.code(), touchpoint, now, expires, null, null), now);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("officeCode", office.code());
        answer.put("touchpointId", touchpoint);
        answer.put("expiresAt", expires.toString());
        ctx.status(HttpStatus.CREATED).json(answer);
        LOG.info("event=enrolment_code_issued staff={} office={} touchpoint={} expires={}", who.get(), office.code(),
                touchpoint, expires); // never the code
    }

    public void enrol(Context ctx) {
        RequestBody body = RequestBody.read(ctx, MAX_BODY_BYTES);
        if (body.truncated()) {
            refuse(ctx, ENROLMENTS_ENDPOINT, HttpStatus.CONTENT_TOO_LARGE, "max-size",
                    RequestBody.tooLarge(MAX_BODY_BYTES), body);
            return;
        }
        JsonNode json;
        try {
            json = body.json();
        } catch (RequestBody.Unreadable e) {
            refuse(ctx, ENROLMENTS_ENDPOINT, HttpStatus.BAD_REQUEST, e.reason(), e.violations(), body);
            return;
        }
        List<Violation> violations = new ArrayList<>();
        String code = null;
        if (!json.isObject()) {
            violations.add(new Violation("$", "type", "body must be a JSON object {\"code\": \"...\"}"));
        } else {
            json.fieldNames().forEachRemaining(name -> {
                if (!name.equals("code")) {
                    violations.add(new Violation(name, "unknown-field", "field is not part of the schema"));
                }
            });
            JsonNode node = json.get("code");
            if (node == null || node.isNull()) {
                violations.add(new Violation("code", "required", "the enrolment code is required"));
            } else if (!node.isTextual()) {
                violations.add(new Violation("code", "type", "must be a string"));
            } else {
                code = EnrolmentCode.normalised(node.textValue()).orElse(null);
                if (code == null) {
                    violations.add(new Violation("code", "format",
                            "16 characters of Crockford base32, hyphens optional"));
                }
            }
        }
        if (!violations.isEmpty()) {
            refuse(ctx, ENROLMENTS_ENDPOINT, HttpStatus.BAD_REQUEST, "invalid", violations, redacted(json, body));
            return;
        }
        Instant now = clock.instant();
        EnrolledKiosks.Redemption outcome = devices.enrolled().redeem(EnrolmentCode.hash(code), now,
                issued -> new EnrolledDevice(freeDeviceId(issued.officeCode()), issued.regionCode(),
                        issued.officeCode(), issued.touchpointId(), KioskSignature.newSecret(), now));
        if (outcome instanceof EnrolledKiosks.Redemption.Enrolled enrolled) {
            EnrolledDevice d = enrolled.device();
            ctx.status(HttpStatus.CREATED).json(new KioskEnrolment(d.deviceId(), d.secret(), d.regionCode(),
                    d.officeCode(), d.touchpointId()));
            LOG.info("event=kiosk_enrolled device={} office={} touchpoint={}", d.deviceId(), d.officeCode(),
                    d.touchpointId());
        } else if (outcome instanceof EnrolledKiosks.Redemption.AlreadyUsed) {
            refuseCode(ctx, HttpStatus.CONFLICT, "conflict", "code-used",
                    "this code has been used already; ask for a new one", json, body);
        } else {
            refuseCode(ctx, HttpStatus.FORBIDDEN, "forbidden", "unknown-or-expired", "no such code, or it has expired",
                    json, body);
        }
    }

    /** A required code-like text ({@code [A-Za-z0-9_.-]{1,64}}, as office and touchpoint codes everywhere). */
    private static String code(JsonNode json, String field, List<Violation> violations) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            violations.add(new Violation(field, "required", field + " is required"));
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(field, "type", "must be a string"));
            return null;
        }
        if (!ResponseValidator.CODE.matcher(node.textValue()).matches()) {
            violations.add(new Violation(field, "format", "must match " + ResponseValidator.CODE.pattern()));
            return null;
        }
        return node.textValue();
    }

    /** {@code k-<office>-<8 random>}; a clash with the devices file (or an earlier enrolment) draws again. */
    private String freeDeviceId(String officeCode) {
        while (true) {
            String id = "k-" + officeCode.toLowerCase(Locale.ROOT) + "-"
                    + EnrolmentCode.randomChars(8).toLowerCase(Locale.ROOT);
            if (devices.device(id).isEmpty()) {
                return id;
            }
        }
    }

    private void refuseCode(Context ctx, HttpStatus status, String error, String rule, String message, JsonNode json,
                            RequestBody body) {
        List<Violation> violations = List.of(new Violation("code", rule, message));
        deadLetters.write(ENROLMENTS_ENDPOINT, status.getCode(), rule, violations, redacted(json, body), ClientAddress.of(ctx), null);
        ctx.status(status).json(new Problem(error, rule, violations));
        LOG.info("event=kiosk_enrolment_refused status={} reason={}", status.getCode(), rule);
    }

    private void refuse(Context ctx, String endpoint, HttpStatus status, String reason, List<Violation> violations,
                        RequestBody body) {
        deadLetters.write(endpoint, status.getCode(), reason, violations, body, ClientAddress.of(ctx), null);
        ctx.status(status).json(Problem.invalid(violations));
        LOG.info("event={} status={} reason={} fields={}", endpoint.equals(CODES_ENDPOINT)
                        ? "enrolment_code_refused" : "kiosk_enrolment_refused", status.getCode(), reason,
                violations.stream().map(v -> ClientText.forLog(v.field())).distinct().toList());
    }

    /**
     * The body for the dead letter with the code blanked: a near miss (one typo) of a live code must
     * not sit readable in a topic that outlives the code.
     */
    private static RequestBody redacted(JsonNode json, RequestBody body) {
        if (json instanceof ObjectNode object && object.has("code")) {
            ObjectNode copy = object.deepCopy();
            copy.put("code", "[redacted]");
            return RequestBody.of(copy.toString());
        }
        return body;
    }
}
