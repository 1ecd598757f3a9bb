package ru.otklik.common.alert;

import java.util.Optional;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyDefinition;

/**
 * What the drop test of an office watches, and which responses are one observation of it and
 * whether a bad one. One response is one observation (never one per answer: the items of one form
 * move together, and counting each would make the test believe it had many independent draws).
 */
public enum DropSignal {

    /** Kiosk satisfaction (domain §4): a tap of the two unhappy buttons (1, 2 of 4) is bad. */
    KIOSK_SATISFACTION("drop_kiosk"),
    /**
     * The questionnaires' positive share (domain §3): a link or paper form is bad when fewer than half
     * of its answered 1–10 items are positive (8–10); a form without any answered 1–10 item is no
     * observation. 360 rater forms are about an employee, not the office's service: not counted.
     */
    FORM_POSITIVE_SHARE("drop_forms");

    private final String alertType;

    DropSignal(String alertType) {
        this.alertType = alertType;
    }

    /** The alert type of this signal's incidents ({@code alerts.alert_type}). */
    public String alertType() {
        return alertType;
    }

    /** What {@link #of} finds in a response: the signal it observes and whether the observation is bad. */
    public record Observation(DropSignal signal, boolean bad) {
    }

    /** The observation a response makes, if any; {@code survey} is its definition (null if unknown). */
    public static Optional<Observation> of(SurveyResponse r, SurveyDefinition survey) {
        if (r.channel() == Channel.KIOSK) {
            Answer a = r.answers().get(KioskTap.SATISFACTION_QUESTION);
            return a == null || !a.isScore() ? Optional.empty()
                    : Optional.of(new Observation(KIOSK_SATISFACTION, a.score() <= 2));
        }
        if (r.channel() == Channel.RATER360 || survey == null) {
            return Optional.empty();
        }
        int answered = 0;
        int positive = 0;
        for (var e : r.answers().entrySet()) {
            Optional<Question> q = survey.question(e.getKey());
            if (q.isPresent() && q.get().type() == QuestionType.SCALE_1_10 && e.getValue().isScore()) {
                answered++;
                positive += e.getValue().score() >= Indicators.POSITIVE_FROM ? 1 : 0;
            }
        }
        return answered == 0 ? Optional.empty()
                : Optional.of(new Observation(FORM_POSITIVE_SHARE, 2 * positive < answered));
    }
}
