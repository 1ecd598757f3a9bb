package ru.otklik.common.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyCatalog;

/**
 * Checks one tap of a kiosk batch. The device is already authenticated, so the tap must name
 * that device; its button and reason must fit the kiosk quick survey.
 */
public final class KioskTapValidator {

    private static final Set<String> FIELDS = Set.of("tapId", "deviceId", "button", "reason", "comment", "clientTs",
            "suppressedPresses");

    private final List<String> reasons;
    private final Clock clock;

    public KioskTapValidator(SurveyCatalog surveys, Clock clock) {
        Question reason = surveys.find(KioskTap.SURVEY_ID, KioskTap.SURVEY_VERSION)
                .flatMap(s -> s.question(KioskTap.REASON_QUESTION))
                .orElseThrow(() -> new IllegalStateException("kiosk survey without a reason question"));
        this.reasons = reason.allowedChoices();
        this.clock = clock;
    }

    /** Violations carry paths under {@code prefix}, e.g. {@code taps[3].button}. */
    public Validated<KioskTap> validate(JsonNode tap, String prefix, String authenticatedDevice) {
        JsonChecks c = new JsonChecks();
        if (tap == null || !tap.isObject()) {
            c.add(prefix, "type", "a tap must be a JSON object");
            return Validated.invalid(c.violations());
        }
        c.onlyKnownFields(tap, prefix + ".", FIELDS);
        String id = c.requiredText(tap, "tapId", prefix + ".tapId", ResponseValidator.RESPONSE_ID);
        String device = c.requiredText(tap, "deviceId", prefix + ".deviceId", ResponseValidator.CODE);
        if (device != null && !device.equals(authenticatedDevice)) {
            c.add(prefix + ".deviceId", "device-mismatch", "a kiosk may only send its own taps");
        }
        Integer button = null;
        JsonNode buttonNode = tap.get("button");
        if (buttonNode == null || buttonNode.isNull()) {
            c.add(prefix + ".button", "required", "field is required");
        } else {
            button = c.integer(buttonNode, prefix + ".button", 1, 4);
        }
        String reason = c.optionalText(tap, "reason", prefix + ".reason", null);
        if (reason != null && !reasons.contains(reason)) {
            c.add(prefix + ".reason", "enum", "must be one of " + reasons);
            reason = null;
        }
        String comment = ResponseValidator.comment(tap, prefix + ".comment", c);
        // a kiosk may forward a backlog of days, but not of years, and not from the future
        Instant ts = c.clientTime(tap, "clientTs", prefix + ".clientTs", clock.instant());
        int suppressed = 0;
        JsonNode suppressedNode = tap.get("suppressedPresses");
        if (suppressedNode != null && !suppressedNode.isNull()) {
            Integer value = c.integer(suppressedNode, prefix + ".suppressedPresses", 0, 10_000);
            suppressed = value == null ? 0 : value;
        }
        if (!c.violations().isEmpty()) {
            return Validated.invalid(c.violations());
        }
        return Validated.valid(new KioskTap(id, device, button, reason, comment, ts, suppressed));
    }
}
