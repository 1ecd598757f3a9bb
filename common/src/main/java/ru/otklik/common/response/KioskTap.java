package ru.otklik.common.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One counted press on an office kiosk, as the kiosk agent journals and forwards it.
 *
 * <p>{@code button} is 1 (very unhappy) … 4 (very happy). Presses of the same button on the same
 * kiosk less than 2 s apart are folded into the previous tap and counted in
 * {@code suppressedPresses}: kept, never silently dropped (domain §2). The tap carries the kiosk's
 * own clock; it may arrive hours late. After an unhappy button the visitor may pick a {@code reason} and
 * write a {@code comment} (the kiosk's on-screen keyboard): a low tap with a comment opens a case for the
 * office head like a low online answer with one (domain §8, {@code LowScoreRule}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KioskTap(String tapId, String deviceId, int button, String reason, String comment,
                       Instant clientTs, int suppressedPresses) {

    /** A tap without a comment (most taps: a comment is only offered after an unhappy button). */
    public KioskTap(String tapId, String deviceId, int button, String reason, Instant clientTs, int suppressedPresses) {
        this(tapId, deviceId, button, reason, null, clientTs, suppressedPresses);
    }

    public static final String SURVEY_ID = "kiosk-quick";
    public static final int SURVEY_VERSION = 1;
    public static final String SATISFACTION_QUESTION = "K1";
    public static final String REASON_QUESTION = "K2";

    /** The tap as a response of the kiosk quick survey, bound to the device's office and touchpoint. */
    public SurveyResponse toResponse(String regionCode, String officeCode, String touchpointId, Instant receivedTs) {
        Map<String, Answer> answers = reason == null
                ? Map.of(SATISFACTION_QUESTION, Answer.score(button))
                : Map.of(SATISFACTION_QUESTION, Answer.score(button), REASON_QUESTION, Answer.choice(reason));
        return new SurveyResponse(tapId, SURVEY_ID, SURVEY_VERSION, Audience.VISITOR, Channel.KIOSK, Mode.IN_PERSON,
                regionCode, officeCode, touchpointId, null, clientTs, receivedTs, answers, null, comment,
                suppressedPresses);
    }
}
