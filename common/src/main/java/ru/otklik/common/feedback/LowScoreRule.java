package ru.otklik.common.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * Which answers are low, so that a response with a comment opens a case. Per scale, the unfavourable end:
 * <ul>
 *   <li>agreement 1–10: at most {@code agreementLow} (default 4: "удовлетворительно" and below — 5–7 are
 *   lukewarm, not a complaint; 8–10 are positive);</li>
 *   <li>kiosk smileys: the two unhappy buttons (the complement of kiosk satisfaction, domain §4);</li>
 *   <li>NPS 0–10: a detractor (0–6);</li>
 *   <li>CES: "difficult" or "very difficult" (4–5);</li>
 *   <li>expectations: "disappointed" or "needs improvement" (1–2).</li>
 * </ul>
 * Choices (yes/no, channel) are never low. A response without a comment opens no case whatever its
 * scores: the case is about what the respondent told us, and the drop alerts cover silent dissatisfaction.
 */
public record LowScoreRule(int agreementLow) {

    public static final int DEFAULT_AGREEMENT_LOW = 4;

    public LowScoreRule {
        if (agreementLow < 1 || agreementLow > 9) {
            throw new IllegalArgumentException("the low end of the agreement scale must be 1 to 9, got " + agreementLow);
        }
    }

    public static LowScoreRule defaults() {
        return new LowScoreRule(DEFAULT_AGREEMENT_LOW);
    }

    /** Whether {@code score} is at the unfavourable end of {@code question}'s scale. */
    public boolean isLow(Question question, int score) {
        return switch (question.type()) {
            case SCALE_1_10 -> score <= agreementLow;
            case SMILEY_4 -> score <= 2;
            case SCALE_0_10 -> score <= 6;
            case EFFORT_5 -> score >= 4;
            case EXPECTATION_5 -> score <= 2;
            case YES_NO, YES_NO_DONT_KNOW, CHOICE -> false;
        };
    }

    /** The case {@code r} opens, if it has a comment and a low answer; {@code survey} is its definition. */
    public Optional<NegativeFeedback> feedback(SurveyResponse r, SurveyDefinition survey) {
        if (r.comment() == null || r.comment().isBlank()) {
            return Optional.empty();
        }
        List<String> low = new ArrayList<>();
        for (Question q : survey.questions()) {
            Answer a = r.answers().get(q.id());
            if (a != null && a.score() != null && isLow(q, a.score())) {
                low.add(q.id());
            }
        }
        if (low.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NegativeFeedback(r.responseId(), r.surveyId(), r.channel().code(), r.audience() == null ? "" : r.audience().code(),
                r.regionCode(), r.officeCode(), r.touchpointId(), r.employeeId(), r.clientTs(), r.receivedTs(), low));
    }
}
