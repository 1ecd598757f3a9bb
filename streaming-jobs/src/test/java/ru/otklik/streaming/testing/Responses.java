package ru.otklik.streaming.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;

/** Builds responses for tests: seeker link forms with the given 1–10 scores, and the same with a comment. */
public final class Responses {

    private Responses() {
    }

    public static SurveyResponse seeker(String id, String office, Instant clientTs, Object... questionAndAnswer) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (int i = 0; i < questionAndAnswer.length; i += 2) {
            Object value = questionAndAnswer[i + 1];
            answers.put((String) questionAndAnswer[i],
                    value instanceof Integer s ? Answer.score(s) : Answer.choice((String) value));
        }
        return new SurveyResponse(id, "jc-seeker", 1, Audience.SEEKER, Channel.LINK, Mode.IN_PERSON,
                office.substring(0, 3), office, null, null, clientTs, clientTs.plusSeconds(2), answers, null, null, 0);
    }

    /** {@code r} as if the respondent had also written {@code comment}. */
    public static SurveyResponse commented(SurveyResponse r, String comment) {
        return new SurveyResponse(r.responseId(), r.surveyId(), r.surveyVersion(), r.audience(), r.channel(), r.mode(),
                r.regionCode(), r.officeCode(), r.touchpointId(), r.employeeId(), r.clientTs(), r.receivedTs(),
                r.answers(), r.profile(), comment, r.suppressedPresses(), r.startedTs(), r.meta());
    }
}
