package ru.otklik.ingest.questionnaire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.Mode;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.SurveyDefinition;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Violation;
import ru.otklik.ingest.link.SurveyLink;

/**
 * The fields of a submitted questionnaire form, and their mapping to the response JSON that
 * {@code ResponseValidator} checks. Field names: {@code responseId}, {@code lang}, {@code mode},
 * {@code audience} (surveys with several audiences only), one per question id,
 * {@code profile.<field>}, {@code comment}, {@code email}.
 *
 * <p>The form may carry answers the respondent can no longer see (an in-person item before
 * switching to "remote", a Q12 score before switching its gate to "no"; without JavaScript all
 * of them are visible): those are dropped here, because they do not apply, rather than refused.
 * Everything that comes from the link (office, region, touchpoint, employee, survey) is taken
 * from the token, never from the form.
 */
record FormSubmission(Map<String, List<String>> fields) {

    static final String RESPONSE_ID = "responseId";
    static final String EMAIL = "email";
    /** Hidden: when the form was first rendered, so the fill duration is known. */
    static final String STARTED_TS = "startedTs";
    static final int MAX_EMAIL_CHARS = 254;
    // deliberately loose: one @, a dot in the domain, no spaces; a typo is the respondent's to fix, not ours to judge
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}");

    FormSubmission {
        fields = Map.copyOf(fields);
    }

    /** The first non-blank value of a field, stripped; null when there is none. */
    String value(String name) {
        return fields.getOrDefault(name, List.of()).stream().filter(v -> v != null && !v.isBlank()).map(String::strip)
                .findFirst().orElse(null);
    }

    List<String> values(String name) {
        return fields.getOrDefault(name, List.of()).stream().filter(v -> v != null && !v.isBlank())
                .map(String::strip).distinct().toList();
    }

    /** The values of a freshly rendered form: nothing but its start time. */
    static FormSubmission startedAt(Instant renderedAt) {
        return new FormSubmission(Map.of(STARTED_TS, List.of(renderedAt.toString())));
    }

    /**
     * When the form was first rendered, if the hidden field holds a plausible time: it is ours, but it
     * comes back through the browser, and a broken or stale one (a tab left open for days) must not
     * cost the respondent their answers, so it is dropped rather than refused.
     */
    Instant startedTs(Instant now) {
        String value = value(STARTED_TS);
        if (value == null) {
            return null;
        }
        try {
            Instant started = Instant.parse(value);
            return started.isAfter(now) || started.isBefore(now.minus(ResponseValidator.MAX_FILL_TIME)) ? null : started;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    String responseId() {
        return value(RESPONSE_ID);
    }

    String language() {
        return "en".equals(value("lang")) ? "en" : "ru";
    }

    Mode mode() {
        return "remote".equals(value("mode")) ? Mode.REMOTE : Mode.IN_PERSON;
    }

    Optional<String> email() {
        return Optional.ofNullable(value(EMAIL));
    }

    /** Problems of the fields that never reach the validator (the e-mail goes elsewhere). */
    List<Violation> ownViolations() {
        List<Violation> violations = new ArrayList<>();
        email().filter(e -> e.length() > MAX_EMAIL_CHARS || !EMAIL_SHAPE.matcher(e).matches())
                .ifPresent(e -> violations.add(new Violation(EMAIL, "email", "not an e-mail address")));
        return violations;
    }

    /** The response as the JSON API would receive it; answers only for answered items that apply. */
    ObjectNode toResponse(SurveyLink link, SurveyDefinition survey, Instant now) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        putIfPresent(json, "responseId", responseId());
        json.put("surveyId", survey.id());
        json.put("surveyVersion", survey.version());
        json.put("audience", audience(survey));
        json.put("channel", Channel.LINK.code());
        json.put("mode", mode().code());
        json.put("regionCode", link.regionCode());
        json.put("officeCode", link.officeCode());
        putIfPresent(json, "touchpointId", link.touchpointId());
        putIfPresent(json, "employeeId", link.employeeId());
        json.put("clientTs", now.toString());
        Instant started = startedTs(now);
        if (started != null) {
            json.put("startedTs", started.toString());
        }
        ObjectNode answers = json.putObject("answers");
        for (Question question : survey.questions()) {
            String value = value(question.id());
            if (value == null || !applies(question)) {
                continue; // empty is "not answered", never zero
            }
            if (question.type().isScored() && value.matches("-?\\d{1,9}")) {
                answers.put(question.id(), Integer.parseInt(value));
            } else {
                answers.put(question.id(), value); // a non-number for a scale is left for the validator to name
            }
        }
        ObjectNode profile = EventJson.mapper().createObjectNode();
        for (String field : survey.profile().keySet()) {
            if (survey.multiChoiceProfileFields().contains(field)) {
                List<String> chosen = values("profile." + field);
                if (!chosen.isEmpty()) {
                    ArrayNode array = profile.putArray(field);
                    chosen.forEach(array::add);
                }
            } else {
                putIfPresent(profile, field, value("profile." + field));
            }
        }
        if (!profile.isEmpty()) {
            json.set("profile", profile);
        }
        putIfPresent(json, "comment", value("comment"));
        return json;
    }

    /** Whether the respondent could see the question with the answers given. */
    boolean applies(Question question) {
        if (question.inPersonOnly() && mode() == Mode.REMOTE) {
            return false;
        }
        Question.Condition condition = question.showIf();
        return condition == null || condition.equals().equals(value(condition.question()));
    }

    /** A link names no audience: a single-audience survey implies it; otherwise the respondent's pick. */
    private String audience(SurveyDefinition survey) {
        List<String> audiences = survey.audiences();
        String chosen = value("audience");
        if (chosen != null && audiences.contains(chosen)) {
            return chosen;
        }
        return audiences.contains("visitor") ? "visitor" : audiences.get(0);
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
