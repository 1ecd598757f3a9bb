package ru.otklik.ingest.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.validation.Violation;

/**
 * What the response endpoint's doors admit ({@link Entry}), checked on the submitted body so the
 * refusal comes with the validator's other violations. Channels are authentic because nobody can claim
 * one at a door that does not issue it: kiosk taps come only through signed batches, 360 answers only
 * through rater links, paper only with a staff credential.
 *
 * <ul>
 *   <li>{@code channel} / {@code entry-channel}: the door does not take this channel;</li>
 *   <li>{@code surveyId} / {@code entry-survey}: the kiosk survey outside a kiosk batch;</li>
 *   <li>{@code touchpointId}, {@code employeeId} / {@code entry-binding}: on the unsigned public API
 *       these would let anyone move one employee's or desk's figures; a binding comes from a signed
 *       survey link (or is typed in by staff from a paper form).</li>
 * </ul>
 */
final class EntryRules {

    private EntryRules() {
    }

    static List<Violation> check(JsonNode body, Entry door) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return violations;
        }
        Channel channel = channel(body.get("channel"));
        String surveyId = body.path("surveyId").isTextual() ? body.get("surveyId").textValue() : null;
        if (channel != null && !door.channels().contains(channel)) {
            violations.add(new Violation("channel", "entry-channel", switch (channel) {
                case KIOSK -> "kiosk taps enter only through signed kiosk batches (POST /api/v1/kiosk/batches)";
                case RATER360 -> "360 answers enter only through personal rater links";
                case PAPER -> "paper forms are entered by staff with their bearer token";
                case LINK -> "link responses are not taken here";
            }));
        } else if (KioskTap.SURVEY_ID.equals(surveyId) && door != Entry.KIOSK_BATCH) {
            violations.add(new Violation("surveyId", "entry-survey",
                    "the kiosk survey is answered only on kiosks (signed kiosk batches)"));
        }
        if (door == Entry.PUBLIC_API) {
            for (String field : List.of("touchpointId", "employeeId")) {
                if (body.hasNonNull(field)) {
                    violations.add(new Violation(field, "entry-binding",
                            "bound only by a signed survey link (GET /s/{token}), not by the sender"));
                }
            }
        }
        return violations;
    }

    /** The exact channel code, or null when it is missing or unknown (the validator names those). */
    static Channel channel(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return Channel.fromCode(node.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
